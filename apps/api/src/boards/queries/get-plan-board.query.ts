import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { BoardRow } from '@rag-ledger/contract';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, EvidenceDocumentsQueries, MilestonesQueries, PeopleQueries, RagBoardQueries } from '@rag-ledger/projections';
import { logStampAt, type BoardStamp } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { withEvidenceCount } from '../../evidence-documents/evidence-count';
import { withOwnerPeople } from '../../people/owner-people';

/** One plan's board: its work-streams and actions as at a moment, and the stamp of the log there. */
type Board = NonNullable<ReturnType<RagBoardQueries['planBoard']>>;
export type PlanBoardView = Omit<Board, 'workstreams'> & {
  workstreams: Array<Omit<Board['workstreams'][number], 'actions'> & { actions: BoardRow[]; unassessedMilestones: number }>;
  asOf: string;
  stamp: BoardStamp;
};

export class GetPlanBoardQuery extends Query<PlanBoardView> {
  constructor(
    readonly planId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetPlanBoardQuery)
export class GetPlanBoardHandler implements IQueryHandler<GetPlanBoardQuery, PlanBoardView> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    private readonly people: PeopleQueries,
    private readonly evidence: EvidenceDocumentsQueries,
    private readonly milestones: MilestonesQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetPlanBoardQuery): Promise<PlanBoardView> {
    const when = pointInTime(this.clock, asOf);
    const board = this.board.planBoard(planId, when);
    if (!board) throw new PlanNotFoundError(planId);
    // Who the owners are, in the directory as it stood at the same instant: one read for the whole board.
    const directory = this.people.directory(when);
    // The evidence each action held then: one grouped read for the whole board.
    const evidence = this.evidence.heldCountsByAction(planId, when);
    // Milestones due and not assessed at the same instant, by work-stream (the plan's own are in the exceptions).
    const unassessed = new Map<string, number>();
    for (const m of this.milestones.unassessed(planId, when)) if (m.workstreamId !== null) unassessed.set(m.workstreamId, (unassessed.get(m.workstreamId) ?? 0) + 1);
    const workstreams = board.workstreams.map((w) => ({
      ...w,
      actions: w.actions.map((a) => withEvidenceCount(withOwnerPeople(a, directory), evidence)),
      unassessedMilestones: unassessed.get(w.id) ?? 0,
    }));
    // The stamp a printed board pack carries, to check against the log later.
    return { asOf: when.instant, ...board, workstreams, stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
