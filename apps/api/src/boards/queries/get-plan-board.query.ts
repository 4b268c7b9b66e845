import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';

export class GetPlanBoardQuery {
  constructor(readonly planId: string) {}
}

@QueryHandler(GetPlanBoardQuery)
export class GetPlanBoardHandler implements IQueryHandler<GetPlanBoardQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId }: GetPlanBoardQuery) {
    const board = this.board.planBoard(planId, this.clock.now());
    if (!board) throw new PlanNotFoundError(planId);
    return board;
  }
}
