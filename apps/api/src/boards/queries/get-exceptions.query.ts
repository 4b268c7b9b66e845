import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { logStampAt } from '../../audit/log-stamp';

/** Red, Amber and overdue actions, worst first; one plan or all. */
export class GetExceptionsQuery {
  constructor(
    readonly planId?: string,
    readonly asOf?: string,
  ) {}
}

@QueryHandler(GetExceptionsQuery)
export class GetExceptionsHandler implements IQueryHandler<GetExceptionsQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetExceptionsQuery) {
    const when = pointInTime(this.clock, asOf);
    if (planId !== undefined && !this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    return { asOf: when.instant, planId: planId ?? null, actions: this.board.exceptions(planId, when), stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
