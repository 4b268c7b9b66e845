import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';

/** Every plan with its RAG counts: the Improvement Board's overview. */
export class GetImprovementBoardQuery {}

@QueryHandler(GetImprovementBoardQuery)
export class GetImprovementBoardHandler implements IQueryHandler<GetImprovementBoardQuery> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute() {
    const asOf = this.clock.now();
    return { asOf: asOf.toISOString(), plans: this.board.board(asOf) };
  }
}
