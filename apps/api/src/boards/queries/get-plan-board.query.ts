import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { logStampAt } from '../../audit/log-stamp';

export class GetPlanBoardQuery {
  constructor(
    readonly planId: string,
    readonly asOf?: string,
  ) {}
}

@QueryHandler(GetPlanBoardQuery)
export class GetPlanBoardHandler implements IQueryHandler<GetPlanBoardQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetPlanBoardQuery) {
    const when = pointInTime(this.clock, asOf);
    const board = this.board.planBoard(planId, when);
    if (!board) throw new PlanNotFoundError(planId);
    // The stamp a printed board pack carries, to check against the log later.
    return { asOf: when.instant, ...board, stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
