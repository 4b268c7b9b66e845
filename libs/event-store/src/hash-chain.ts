import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence: every event's metadata carries `hash`, a SHA-256 over a canonical
 * encoding of its place in the log and its content, and `previousHash`, the hash of
 * the event before it in the log. Editing, removing or reordering a stored event
 * breaks the chain from that event on.
 */
export interface ChainLink {
  previousHash: string | null;
  hash: string;
}

export const GENESIS = null;

/** JSON with object keys sorted at every level, so equal content always encodes the same. */
export function canonicalJson(input: unknown): string {
  // Encode what JSON.stringify would store (Dates and other toJSON values included), so
  // the hash of an object before writing equals the hash of what is read back.
  const value = input !== null && typeof input === 'object' && typeof (input as { toJSON?: unknown }).toJSON === 'function' ? (input as { toJSON: () => unknown }).toJSON() : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Metadata without the chain's own fields: what the hash covers. */
export function withoutChain(metadata: unknown): Record<string, unknown> {
  const { hash: _, previousHash: __, ...rest } = (metadata ?? {}) as Record<string, unknown>;
  return rest;
}

export function eventHash(
  event: { position: bigint; streamId: string; revision: bigint; type: string; data: unknown; metadata: unknown },
  previousHash: string | null,
): string {
  const canonical = canonicalJson({
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: withoutChain(event.metadata),
    previousHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainVerification =
  | { ok: true; checked: number; head: string | null; position: number | null }
  | {
      ok: false;
      checked: number;
      broken: { streamId: string; revision: number; position: number; reason: string };
    };

/** Walks the whole log in order and recomputes every link. */
export async function verifyChain(store: EventStore, onProgress?: (checked: number) => void): Promise<ChainVerification> {
  let previous: string | null = GENESIS;
  let checked = 0;
  let last: RecordedEvent | undefined;
  for await (const event of store.readAll()) {
    const metadata = (event.metadata ?? {}) as Partial<ChainLink>;
    const broken = (reason: string): ChainVerification => ({
      ok: false,
      checked,
      broken: { streamId: event.streamId, revision: Number(event.revision), position: Number(event.position), reason },
    });
    if ((metadata.previousHash ?? null) !== previous) return broken('its previousHash does not match the hash of the event before it (an event was removed, inserted or reordered)');
    if (metadata.hash !== eventHash(event, previous)) return broken('its content does not match its hash (the event was edited after it was written)');
    previous = metadata.hash;
    last = event;
    checked++;
    if (onProgress && checked % 10_000 === 0) onProgress(checked);
  }
  return { ok: true, checked, head: previous, position: last ? Number(last.position) : null };
}
