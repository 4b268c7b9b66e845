import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetExceptionsQuery) {
    const when = pointInTime(this.clock, asOf);
    if (planId !== undefined && !this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    return { asOf: when.instant, planId: planId ?? null, actions: this.board.exceptions(planId, when) };
  }
}
