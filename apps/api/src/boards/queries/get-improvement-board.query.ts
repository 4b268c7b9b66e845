import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

/** Every plan with its RAG counts: the Improvement Board's overview. */
export class GetImprovementBoardQuery {
  constructor(readonly asOf?: string) {}
}

@QueryHandler(GetImprovementBoardQuery)
export class GetImprovementBoardHandler implements IQueryHandler<GetImprovementBoardQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ asOf }: GetImprovementBoardQuery) {
    const when = pointInTime(this.clock, asOf);
    return { asOf: when.instant, plans: this.board.board(when) };
  }
}
