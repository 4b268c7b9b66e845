import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { AuditTrailQueries, toHistoryEntry } from '@rag-ledger/projections';

export class GetActionHistoryQuery {
  constructor(readonly actionId: string) {}
}

/** Every event of one action, in order: who, when, what and why. */
@QueryHandler(GetActionHistoryQuery)
export class GetActionHistoryHandler implements IQueryHandler<GetActionHistoryQuery> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ actionId }: GetActionHistoryQuery) {
    const history = this.audit.actionHistory(actionId);
    if (history.length === 0) throw new ActionNotFoundError(actionId);
    return history.map(toHistoryEntry);
  }
}
