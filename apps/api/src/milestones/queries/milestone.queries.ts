import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MilestoneList, MilestoneView } from '@rag-ledger/contract';
import { MilestoneNotFoundError, PlanNotFoundError } from '@rag-ledger/domain';
import { AuditTrailQueries, EvidenceDocumentsQueries, MilestonesQueries, RagBoardQueries, toHistoryEntry, type MilestoneRecord } from '@rag-ledger/projections';
import type { HistoryEntry } from '../../actions/queries/get-action-history.query';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

/** A milestone as the routes answer it: with the evidence documents it held at the same instant. */
export const toMilestoneView = ({ revision: _revision, ...milestone }: MilestoneRecord, evidence: ReadonlyMap<string, number>): MilestoneView => ({
  ...milestone,
  evidenceCount: evidence.get(milestone.id) ?? 0,
});

export class GetPlanMilestonesQuery extends Query<MilestoneList> {
  constructor(
    readonly planId: string,
    readonly asOf?: string,
    /** YYYY-MM-DD: only the milestones whose date is before it. */
    readonly dueBefore?: string,
  ) {
    super();
  }
}

export class GetMilestoneQuery extends Query<MilestoneView & { revision: number }> {
  constructor(
    readonly milestoneId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export class GetMilestoneHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly milestoneId: string) {
    super();
  }
}

/** The plan's milestones (its own and its work-streams'), by date then id, now or as they stood. */
@QueryHandler(GetPlanMilestonesQuery)
export class GetPlanMilestonesHandler implements IQueryHandler<GetPlanMilestonesQuery, MilestoneList> {
  constructor(
    private readonly milestones: MilestonesQueries,
    private readonly board: RagBoardQueries,
    private readonly evidence: EvidenceDocumentsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf, dueBefore }: GetPlanMilestonesQuery): Promise<MilestoneList> {
    const when = pointInTime(this.clock, asOf);
    if (!this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    const evidence = this.evidence.heldCountsByMilestone(planId, when);
    const milestones = this.milestones
      .planMilestones(planId, when)
      .filter((m) => dueBefore === undefined || m.date < dueBefore)
      .map((m) => toMilestoneView(m, evidence));
    return { asOf: when.instant, planId, milestones };
  }
}

@QueryHandler(GetMilestoneQuery)
export class GetMilestoneHandler implements IQueryHandler<GetMilestoneQuery, MilestoneView & { revision: number }> {
  constructor(
    private readonly milestones: MilestonesQueries,
    private readonly evidence: EvidenceDocumentsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ milestoneId, asOf }: GetMilestoneQuery): Promise<MilestoneView & { revision: number }> {
    const when = pointInTime(this.clock, asOf);
    const milestone = this.milestones.getMilestone(milestoneId, when);
    if (!milestone) throw new MilestoneNotFoundError(milestoneId);
    return { ...toMilestoneView(milestone, this.evidence.heldCountsByMilestone(milestone.planId, when)), revision: milestone.revision };
  }
}

/** Every event of one milestone, in order (its evidence among them): who, when, what and why. */
@QueryHandler(GetMilestoneHistoryQuery)
export class GetMilestoneHistoryHandler implements IQueryHandler<GetMilestoneHistoryQuery, HistoryEntry[]> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ milestoneId }: GetMilestoneHistoryQuery): Promise<HistoryEntry[]> {
    const history = this.audit.milestoneHistory(milestoneId);
    if (history.length === 0) throw new MilestoneNotFoundError(milestoneId);
    return history.map(toHistoryEntry);
  }
}
