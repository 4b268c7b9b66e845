import type { EventStore } from '@rag-ledger/event-store';
import type { AuditTrailQueries } from '@rag-ledger/projections';

/**
 * What a printed board says about the log it was drawn from: the last position at or before
 * the instant shown, and the hash of the event there. Printed as `<position>:<hash>`, it can
 * be checked later with `npm run verify -- --expect` or `GET /api/audit/verify?expect=`.
 * `head` is null where the store keeps no hash chain (EventStoreDB); `position` is null
 * before the first event.
 */
export interface BoardStamp {
  position: number | null;
  head: string | null;
}

export async function logStampAt(audit: AuditTrailQueries, store: EventStore, instant: string): Promise<BoardStamp> {
  const position = audit.positionAt(instant);
  return { position, head: position === null ? null : await hashAt(store, position) };
}

/** The chain hash of the event at that position, or null when the store keeps none. */
export async function hashAt(store: EventStore, position: number): Promise<string | null> {
  for await (const event of store.readAll({ fromPosition: BigInt(position), maxCount: 1 })) {
    if (event.position !== BigInt(position)) return null;
    return (event.metadata as { hash?: string } | null)?.hash ?? null;
  }
  return null;
}
