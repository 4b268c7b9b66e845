import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetPlanBoardQuery) {
    const when = pointInTime(this.clock, asOf);
    const board = this.board.planBoard(planId, when);
    if (!board) throw new PlanNotFoundError(planId);
    return { asOf: when.instant, ...board };
  }
}
