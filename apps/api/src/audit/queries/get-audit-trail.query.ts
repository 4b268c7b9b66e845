import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AuditTrailQueries, type AuditFilter } from '@rag-ledger/projections';

export class GetAuditTrailQuery {
  constructor(readonly filter: AuditFilter) {}
}

@QueryHandler(GetAuditTrailQuery)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrailQuery> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ filter }: GetAuditTrailQuery) {
    return this.audit.page(filter);
  }
}
