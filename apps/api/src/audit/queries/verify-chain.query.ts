import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DOCUMENT_STORE, verifyRecord, type DocumentStore, type RecordVerification } from '@rag-ledger/documents';
import { EVENT_STORE, type EventStore, type LogStamp } from '@rag-ledger/event-store';

export class VerifyChainQuery extends Query<RecordVerification> {
  /** `expect`: a stamp from an earlier pack, which the log must still hold. */
  constructor(readonly expect?: LogStamp) {
    super();
  }
}

/**
 * Recomputes the hash chain over the whole log ({ ok, checked, head } or the first event that
 * breaks it, or why the stamp does not hold), then checks every stored evidence file against
 * the hash its event recorded (`documents`, naming the first file missing or changed).
 */
@QueryHandler(VerifyChainQuery)
export class VerifyChainHandler implements IQueryHandler<VerifyChainQuery, RecordVerification> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  execute({ expect }: VerifyChainQuery): Promise<RecordVerification> {
    return verifyRecord(this.store, this.documents, { expect });
  }
}
