import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RagBoardQueries, type PlanSummary } from '@rag-ledger/projections';

export class ListPlansQuery extends Query<PlanSummary[]> {}

@QueryHandler(ListPlansQuery)
export class ListPlansHandler implements IQueryHandler<ListPlansQuery, PlanSummary[]> {
  constructor(private readonly board: RagBoardQueries) {}

  async execute(): Promise<PlanSummary[]> {
    return this.board.listPlans();
  }
}
