import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EvidenceSubjectView } from '@rag-ledger/contract';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, ChangesQueries, MeasuresQueries, MilestonesQueries, RagBoardQueries } from '@rag-ledger/projections';
import { logStampAt } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { periodOf } from '../../common/period';
import type { EvidencePack } from '../evidence-pack';
import { packDocuments } from '../pack-documents';

export class GetEvidencePackQuery extends Query<EvidencePack> {
  constructor(
    readonly planId: string,
    readonly from?: string,
    readonly to?: string,
  ) {
    super();
  }
}

/**
 * Gathers an evidence pack. Everything in it is fixed by the plan, the period and
 * the log up to the period's end, so the same request later gives the same pack
 * (only the generation time differs).
 */
@QueryHandler(GetEvidencePackQuery)
export class GetEvidencePackHandler implements IQueryHandler<GetEvidencePackQuery, EvidencePack> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    private readonly changes: ChangesQueries,
    private readonly measures: MeasuresQueries,
    private readonly milestones: MilestonesQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, from, to }: GetEvidencePackQuery): Promise<EvidencePack> {
    const period = periodOf(this.clock, from, to);
    const end = { asOf: period.to, day: period.toDay };
    const board = this.board.planBoard(planId, end);
    if (!board) throw new PlanNotFoundError(planId);
    const events = this.audit.planEvents(planId, period.from, period.to);
    const actionTitles = new Map<string, { ref: string | null; title: string }>();
    for (const id of new Set(events.map((e) => e.actionId).filter((id): id is string => id !== null))) {
      const action = this.board.getAction(id, end);
      if (action) actionTitles.set(id, { ref: action.ref, title: action.title });
    }
    // The documents' names of their subjects as at the end, as the board's rows are.
    const subjectText = (subject: EvidenceSubjectView): string => {
      if (subject.kind === 'action') {
        const action = this.board.getAction(subject.actionId, end);
        return action ? `${action.ref ?? subject.actionId} ${action.title}` : `action ${subject.actionId}`;
      }
      if (subject.kind === 'milestone') {
        const milestone = this.milestones.getMilestone(subject.milestoneId, end);
        return milestone ? `milestone ${milestone.dateText ?? milestone.date}: ${milestone.text}` : `milestone ${subject.milestoneId}`;
      }
      // A board action's evidence names no plan, so a plan's pack never holds one; named plainly if it did.
      if (subject.kind === 'boardAction') return `board action ${subject.boardActionId}`;
      const measure = this.measures.getMeasure(subject.measureId, end);
      return `${measure ? measure.name : `measure ${subject.measureId}`}${subject.period ? `, ${subject.period}` : ''}`;
    };
    const documents = packDocuments(this.audit.planEvidenceEvents(planId, period.to), period, subjectText);
    const { position, head } = await logStampAt(this.audit, this.store, period.to);
    return {
      planId,
      period,
      board,
      milestones: this.milestones.planMilestones(planId, end),
      changes: this.changes.changes(planId, period),
      events,
      actionTitles,
      documents,
      stamp: { position, chainHead: head, generatedAt: this.clock.now().toISOString() },
    };
  }
}
