import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ActionNotFoundError } from '@rag-ledger/domain';
import { AuditTrailQueries, toHistoryEntry } from '@rag-ledger/projections';

/** One event of an entity's history: who, when, what and why. */
export type HistoryEntry = ReturnType<typeof toHistoryEntry>;

export class GetActionHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly actionId: string) {
    super();
  }
}

/** Every event of one action, in order: who, when, what and why. */
@QueryHandler(GetActionHistoryQuery)
export class GetActionHistoryHandler implements IQueryHandler<GetActionHistoryQuery, HistoryEntry[]> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ actionId }: GetActionHistoryQuery): Promise<HistoryEntry[]> {
    const history = this.audit.actionHistory(actionId);
    if (history.length === 0) throw new ActionNotFoundError(actionId);
    return history.map(toHistoryEntry);
  }
}
