import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActionDetails } from '@rag-ledger/contract';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { EvidenceDocumentsQueries, PeopleQueries, RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { withEvidenceCount } from '../../evidence-documents/evidence-count';
import { withOwnerPeople } from '../../people/owner-people';

export class GetActionQuery extends Query<ActionDetails> {
  constructor(
    readonly actionId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(GetActionQuery)
export class GetActionHandler implements IQueryHandler<GetActionQuery, ActionDetails> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly people: PeopleQueries,
    private readonly evidence: EvidenceDocumentsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actionId, asOf }: GetActionQuery): Promise<ActionDetails> {
    const when = pointInTime(this.clock, asOf);
    // The action with its steps and links as they stood at the instant.
    const action = this.board.actionPage(actionId, when);
    if (!action) throw new ActionNotFoundError(actionId);
    // Who the owners are, in the directory as it stood at the same instant.
    return withEvidenceCount(withOwnerPeople(action, this.people.directory(when)), this.evidence.heldCountsByAction(action.planId, when));
  }
}
