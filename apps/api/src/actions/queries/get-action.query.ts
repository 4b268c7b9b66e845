import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries, type ActionView } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

export class GetActionQuery extends Query<ActionView> {
  constructor(
    readonly actionId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetActionQuery)
export class GetActionHandler implements IQueryHandler<GetActionQuery, ActionView> {
  constructor(
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actionId, asOf }: GetActionQuery): Promise<ActionView> {
    const action = this.board.getAction(actionId, pointInTime(this.clock, asOf));
    if (!action) throw new ActionNotFoundError(actionId);
    return action;
  }
}
