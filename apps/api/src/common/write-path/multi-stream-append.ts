import { NO_STREAM, type AppendResult, type EventData, type EventStore, type ExpectedRevision } from '@rag-ledger/event-store';

export interface StreamAppendRequest {
  streamId: string;
  events: EventData[];
  expectedRevision?: ExpectedRevision;
}

/**
 * The event store port's multi-stream append (`appendToStreams`, `atomicMultiStreamAppend`):
 * the embedded store writes all the streams in one transaction or none; EventStoreDB appends
 * them one after another. A store without it is treated as not atomic.
 */
interface MultiStreamStore {
  appendToStreams?: (appends: StreamAppendRequest[]) => Promise<AppendResult[]>;
  atomicMultiStreamAppend?: boolean;
}

export function appendsAtomically(store: EventStore): boolean {
  const multi = store as unknown as MultiStreamStore;
  return typeof multi.appendToStreams === 'function' && multi.atomicMultiStreamAppend === true;
}

/** All the appends in one call: all or nothing. Only for a store that appendsAtomically. */
export function appendAtomically(store: EventStore, appends: StreamAppendRequest[]): Promise<AppendResult[]> {
  const multi = store as unknown as MultiStreamStore;
  if (!appendsAtomically(store) || !multi.appendToStreams) throw new Error('this event store cannot append to several streams atomically');
  return multi.appendToStreams(appends.map((a) => ({ ...a, expectedRevision: a.expectedRevision ?? NO_STREAM })));
}
