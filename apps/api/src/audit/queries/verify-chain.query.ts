import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, verifyChain, type ChainVerification, type EventStore } from '@rag-ledger/event-store';

export class VerifyChainQuery {}

/** Recomputes the hash chain over the whole log: { ok, checked, head } or the first event that breaks it. */
@QueryHandler(VerifyChainQuery)
export class VerifyChainHandler implements IQueryHandler<VerifyChainQuery, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<ChainVerification> {
    return verifyChain(this.store);
  }
}
