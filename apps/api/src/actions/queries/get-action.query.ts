import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries, type ActionView } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';

export class GetActionQuery {
  constructor(readonly actionId: string) {}
}

@QueryHandler(GetActionQuery)
export class GetActionHandler implements IQueryHandler<GetActionQuery, ActionView> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actionId }: GetActionQuery): Promise<ActionView> {
    const action = this.board.getAction(actionId, this.clock.now());
    if (!action) throw new ActionNotFoundError(actionId);
    return action;
  }
}
