import { NO_STREAM, type AppendResult, type EventData, type EventStore, type ExpectedRevision } from '@rag-ledger/event-store';

export interface StreamAppendRequest {
  streamId: string;
  events: EventData[];
  expectedRevision?: ExpectedRevision;
}

/** Whether the store writes several streams in one all-or-nothing append (the embedded store does; EventStoreDB does not). */
export function appendsAtomically(store: EventStore): boolean {
  return store.atomicMultiStreamAppend === true;
}

/** All the appends in one call to the port's multi-stream append: all or nothing. Only for a store that appendsAtomically. */
export function appendAtomically(store: EventStore, appends: StreamAppendRequest[]): Promise<AppendResult[]> {
  if (!appendsAtomically(store)) throw new Error('this event store cannot append to several streams atomically');
  return store.appendToStreams(appends.map((a) => ({ ...a, expectedRevision: a.expectedRevision ?? NO_STREAM })));
}
