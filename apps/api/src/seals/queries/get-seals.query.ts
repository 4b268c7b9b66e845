import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SealView } from '@rag-ledger/contract';
import { LogSealer } from '../log-sealer';

/** GET /api/audit/seals: every seal of the log, newest first. */
export class GetSealsQuery extends Query<SealView[]> {}

@QueryHandler(GetSealsQuery)
export class GetSealsHandler implements IQueryHandler<GetSealsQuery, SealView[]> {
  constructor(private readonly sealer: LogSealer) {}

  execute(): Promise<SealView[]> {
    return this.sealer.seals();
  }
}
