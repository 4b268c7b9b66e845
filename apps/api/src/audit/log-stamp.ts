import { SEAL_STREAM } from '@rag-ledger/contract';
import { LOG_SEALS } from '@rag-ledger/documents';
import { NoEventAtPositionError, sealAtOrBefore, unsealedStretches, type EventStore } from '@rag-ledger/event-store';
import type { AuditTrailQueries } from '@rag-ledger/projections';

/**
 * What a printed board says about the log it was drawn from: the last position at or before
 * the instant shown, and the chain's value there. Printed as `<position>:<hash>`, it can be
 * checked later with `npm run verify -- --expect` or `GET /api/audit/verify?expect=`.
 * `position` and `head` are null before the first event.
 */
export interface BoardStamp {
  position: number | null;
  head: string | null;
}

export async function logStampAt(audit: AuditTrailQueries, store: EventStore, instant: string): Promise<BoardStamp> {
  const position = audit.positionAt(instant);
  return { position, head: position === null ? null : await hashAt(store, position) };
}

/**
 * The chain's value at that position, or null when the log has no event there. The embedded
 * store keeps it in the event's metadata. EventStoreDB keeps none: it is the hash of the seal at
 * that position (a pack seals up to its stamp), or else computed by reading on from the seal
 * before it, which is the same value the embedded store would have stored.
 */
export async function hashAt(store: EventStore, position: number): Promise<string | null> {
  if (store.keepsHashChain !== false) {
    for await (const event of store.readAll({ fromPosition: BigInt(position), maxCount: 1 })) {
      if (event.position !== BigInt(position)) return null;
      return (event.metadata as { hash?: string } | null)?.hash ?? null;
    }
    return null;
  }
  const before = await sealAtOrBefore(store, LOG_SEALS, position);
  if (before?.position === position) return before.hash;
  try {
    const stretches = await unsealedStretches(store, before, { sealStream: SEAL_STREAM, maxEvents: Number.MAX_SAFE_INTEGER, upTo: position });
    return stretches.at(-1)?.hash ?? null;
  } catch (error) {
    // No event at that position (positions are byte offsets there): no value to give.
    if (error instanceof NoEventAtPositionError) return null;
    throw error;
  }
}
