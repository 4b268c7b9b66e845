import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ExceptionAction } from '@rag-ledger/contract';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, EvidenceDocumentsQueries, PeopleQueries, RagBoardQueries } from '@rag-ledger/projections';
import { logStampAt, type BoardStamp } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { withEvidenceCount } from '../../evidence-documents/evidence-count';
import { withOwnerPeople } from '../../people/owner-people';

/** Red, Amber and overdue actions, worst first; one plan or all. */
/** The actions off track (R) or not on track (A), of one plan or all. */
export interface ExceptionsView {
  asOf: string;
  planId: string | null;
  actions: ExceptionAction[];
  stamp: BoardStamp;
}

export class GetExceptionsQuery extends Query<ExceptionsView> {
  constructor(
    readonly planId?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetExceptionsQuery)
export class GetExceptionsHandler implements IQueryHandler<GetExceptionsQuery, ExceptionsView> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    private readonly people: PeopleQueries,
    private readonly evidence: EvidenceDocumentsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetExceptionsQuery): Promise<ExceptionsView> {
    const when = pointInTime(this.clock, asOf);
    if (planId !== undefined && !this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    // Who the owners are, in the directory as it stood at the same instant.
    const directory = this.people.directory(when);
    const evidence = this.evidence.heldCountsByAction(planId, when);
    const actions = this.board.exceptions(planId, when).map((a) => withEvidenceCount(withOwnerPeople(a, directory), evidence));
    return { asOf: when.instant, planId: planId ?? null, actions, stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
