import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AuditTrailQueries, type AuditFilter } from '@rag-ledger/projections';

/** A page of the audit trail and the cursor of the next. */
export type AuditPage = ReturnType<AuditTrailQueries['page']>;

export class GetAuditTrailQuery extends Query<AuditPage> {
  constructor(readonly filter: AuditFilter) {
    super();
  }
}

@QueryHandler(GetAuditTrailQuery)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrailQuery, AuditPage> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ filter }: GetAuditTrailQuery): Promise<AuditPage> {
    return this.audit.page(filter);
  }
}
