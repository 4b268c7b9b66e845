import * as crypto from 'node:crypto';

// One-shot hashing (Node 20.12+) is several times faster than a Hash object per event.
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash: (a: string, d: string, e: string) => string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
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
  // Plain loops and string building: this runs for every event appended.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
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
  return sha256Hex(canonical);
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
