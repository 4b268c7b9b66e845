import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, verifyChain, type ChainVerification, type EventStore, type LogStamp } from '@rag-ledger/event-store';

export class VerifyChainQuery extends Query<ChainVerification> {
  /** `expect`: a stamp from an earlier pack, which the log must still hold. */
  constructor(readonly expect?: LogStamp) {
    super();
  }
}

/** Recomputes the hash chain over the whole log: { ok, checked, head } or the first event that breaks it, or why the stamp does not hold. */
@QueryHandler(VerifyChainQuery)
export class VerifyChainHandler implements IQueryHandler<VerifyChainQuery, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ expect }: VerifyChainQuery): Promise<ChainVerification> {
    return verifyChain(this.store, { expect });
  }
}
