import type { ActionMovement, AuditEntry, MilestoneRecord, Period, RagBoardQueries } from '@rag-ledger/projections';
import type { PackDocument } from './pack-documents';

export type PlanBoardView = NonNullable<ReturnType<RagBoardQueries['planBoard']>>;

/** Everything an evidence pack shows, fixed by the plan, the period and the log up to its end. */
export interface EvidencePack {
  planId: string;
  period: Period;
  /** The board as it stood at the end of the period. */
  board: PlanBoardView;
  /** The plan's milestones (its own and its work-streams'), by date, with their assessment as at the end of the period. */
  milestones: MilestoneRecord[];
  changes: ActionMovement[];
  events: AuditEntry[];
  /** Ref and title of each action as at the end of the period. */
  actionTitles: Map<string, { ref: string | null; title: string }>;
  /** The evidence documents on the plan's record in the period (see packDocuments), with their state at its end. */
  documents: PackDocument[];
  stamp: {
    /** The last log position at or before the end of the period. */
    position: number | null;
    /** The hash-chain head at that position. */
    chainHead: string | null;
    generatedAt: string;
  };
}
