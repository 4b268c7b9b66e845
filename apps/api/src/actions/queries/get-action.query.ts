import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { PeopleQueries, RagBoardQueries, type ActionView } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { withOwnerPeople } from '../../people/owner-people';

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
    private readonly people: PeopleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actionId, asOf }: GetActionQuery): Promise<ActionView> {
    const when = pointInTime(this.clock, asOf);
    const action = this.board.getAction(actionId, when);
    if (!action) throw new ActionNotFoundError(actionId);
    // Who the owners are, in the directory as it stood at the same instant.
    return withOwnerPeople(action, this.people.directory(when));
  }
}
