import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';

export class GetPlanQuery {
  constructor(readonly planId: string) {}
}

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(private readonly board: RagBoardQueries) {}

  async execute({ planId }: GetPlanQuery) {
    const plan = this.board.getPlan(planId);
    if (!plan) throw new PlanNotFoundError(planId);
    return plan;
  }
}
