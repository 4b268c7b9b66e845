import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';

/** Red, Amber and overdue actions, worst first; one plan or all. */
export class GetExceptionsQuery {
  constructor(readonly planId?: string) {}
}

@QueryHandler(GetExceptionsQuery)
export class GetExceptionsHandler implements IQueryHandler<GetExceptionsQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId }: GetExceptionsQuery) {
    if (planId !== undefined && !this.board.getPlan(planId)) throw new PlanNotFoundError(planId);
    const asOf = this.clock.now();
    return { asOf: asOf.toISOString(), planId: planId ?? null, actions: this.board.exceptions(planId, asOf) };
  }
}
