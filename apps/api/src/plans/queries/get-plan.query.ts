import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';

/** A plan with its work-streams, as the board keeps it. */
export type PlanDetail = NonNullable<ReturnType<RagBoardQueries['getPlan']>>;

export class GetPlanQuery extends Query<PlanDetail> {
  constructor(readonly planId: string) {
    super();
  }
}

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery, PlanDetail> {
  constructor(private readonly board: RagBoardQueries) {}

  async execute({ planId }: GetPlanQuery): Promise<PlanDetail> {
    const plan = this.board.getPlan(planId);
    if (!plan) throw new PlanNotFoundError(planId);
    return plan;
  }
}
