import * as crypto from 'node:crypto';

// One-shot hashing (Node 20.12+) is several times faster than a Hash object per event.
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash: (a: string, d: string, e: string) => string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
import { canonicalJson, encodeRecord, quote } from './canonical-json';
import type { EventStore, RecordedEvent } from './event-store.port';
import { SealWalk, type SealProblem, type SealsLocation, type SealsVerification } from './seals/seal-check';
import type { LogStamp } from './stamp';

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

export { canonicalJson } from './canonical-json';

/** Metadata without the chain's own fields: what the hash covers. */
export function withoutChain(metadata: unknown): Record<string, unknown> {
  const { hash: _, previousHash: __, ...rest } = (metadata ?? {}) as Record<string, unknown>;
  return rest;
}

type Placed = { position: bigint | number; streamId: string; revision: bigint | number; type: string };

/**
 * SHA-256 over the canonical encoding of an event's place in the log and its content:
 * canonicalJson({ position, streamId, revision, type, data, metadata: withoutChain(metadata),
 * previousHash }), with position and revision as decimal text. That definition is fixed (every
 * stored hash was computed from it); the text is built here member by member, in the sorted
 * order canonicalJson gives (data, metadata, position, previousHash, revision, streamId,
 * type), so no wrapper object, metadata copy or key sort is made per event.
 */
export function eventHash(event: Placed & { data: unknown; metadata: unknown }, previousHash: string | null): string {
  const data = event.data === undefined || typeof event.data === 'function' ? undefined : canonicalJson(event.data);
  return hashOfEncoded(event, data, canonicalMetadata(event.metadata), previousHash);
}

/**
 * An event as the log stores it, each part encoded once for both the log and the hash: `data`
 * and `metadata` are their canonical text (metadata with `previousHash` and `hash` added at
 * its end), which parses to what was hashed, so the stored event verifies whatever the
 * input held (a Date, an undefined member). `data` is null when the event has none.
 */
export function chainedEvent(
  event: Placed & { data: unknown; metadata: unknown },
  previousHash: string | null,
): { data: string; metadata: string; hash: string } {
  const data = canonicalJson(event.data ?? null);
  const metadata = canonicalMetadata(event.metadata);
  const hash = hashOfEncoded(event, data, metadata, previousHash);
  const link = `"previousHash":${previousHash === null ? 'null' : quote(previousHash)},"hash":"${hash}"}`;
  // The canonical text of metadata is an object's unless the metadata's own toJSON made it something else.
  const stored = metadata === '{}' ? `{${link}` : metadata.startsWith('{') ? `${metadata.slice(0, -1)},${link}` : JSON.stringify({ ...withoutChain(event.metadata), previousHash, hash });
  return { data, metadata: stored, hash };
}

/** The hash over already encoded data (undefined: left out) and metadata. */
function hashOfEncoded(event: Placed, data: string | undefined, metadata: string, previousHash: string | null): string {
  // Position and revision are integers, whose decimal text needs no escaping.
  let text = data === undefined ? `{"metadata":${metadata}` : `{"data":${data},"metadata":${metadata}`;
  text += `,"position":"${event.position}"`;
  text = member(text, ',"previousHash"', previousHash);
  text += `,"revision":"${event.revision}"`;
  text = member(text, ',"streamId"', event.streamId);
  text = member(text, ',"type"', event.type);
  return sha256Hex(`${text}}`);
}

/** Appends an object member as canonicalJson would: left out when undefined or a function. */
function member(text: string, quotedKey: string, value: unknown): string {
  return value === undefined || typeof value === 'function' ? text : `${text}${quotedKey}:${canonicalJson(value)}`;
}

/** canonicalJson(withoutChain(metadata)), without the copy for the plain objects metadata always is. */
function canonicalMetadata(metadata: unknown): string {
  const plain =
    metadata !== null &&
    typeof metadata === 'object' &&
    Object.getPrototypeOf(metadata) === Object.prototype &&
    typeof (metadata as { toJSON?: unknown }).toJSON !== 'function';
  return plain ? encodeRecord(metadata as Record<string, unknown>, true) : canonicalJson(withoutChain(metadata));
}

/** A stamp checked against the log: it holds (the log still has that event there), or why not. */
export type StampCheck = (LogStamp & { holds: true }) | (LogStamp & { holds: false; reason: string });

/** Whether the store's own per-event chain was checked, or the store keeps none (EventStoreDB: the seals stand for it). */
export type ChainCheck = 'checked' | 'not kept by this store';

/** With `seals`: what was checked (the per-event chain or not) and what the seals say. */
interface SealsChecked {
  chain?: ChainCheck;
  seals?: SealsVerification;
}

export type ChainVerification = (
  | { ok: true; checked: number; head: string | null; position: number | null; stamp?: StampCheck }
  | {
      ok: false;
      checked: number;
      broken: { streamId: string; revision: number; position: number; reason: string };
    }
  | { ok: false; checked: number; head: string | null; position: number | null; stamp: StampCheck & { holds: false } }
) &
  SealsChecked;

export interface VerifyChainOptions {
  /** Told every 10,000 events. */
  onProgress?: (checked: number) => void;
  /** A stamp from an earlier pack: the log must still hold that exact event at that position. */
  expect?: LogStamp;
  /** Where the log's seals are: each is checked against the events it covers (and the answer says what was checked). */
  seals?: SealsLocation;
}

/** "41" or "41-42". */
const span = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);

/**
 * Walks the whole log in order, once, recomputing the chain link(e) = eventHash(e, link(previous
 * event)) from the log's start. On a store that keeps the chain (the embedded one) every event's
 * stored `previousHash` and `hash` must be those links, and positions run from 1 without gaps
 * (it never reuses or skips one), so a missing position is a deletion: that is what catches the
 * end of the log cut off and then appended to, which leaves the chain itself whole. On a store
 * that keeps none (EventStoreDB, whose positions are byte offsets with gaps) each stream's
 * revisions must still run without gaps. With `seals`, every seal is checked against the
 * events it covers (see SealWalk). With `expect`, the chain's value at the stamp's position must
 * be the stamp's hash, which catches the end cut off with nothing appended since.
 */
export function verifyChain(
  store: EventStore,
  optionsOrProgress?: ((checked: number) => void) | (VerifyChainOptions & { expect?: undefined }),
): Promise<Exclude<ChainVerification, { stamp: StampCheck }>>;
export function verifyChain(store: EventStore, optionsOrProgress?: VerifyChainOptions | ((checked: number) => void)): Promise<ChainVerification>;
export async function verifyChain(
  store: EventStore,
  optionsOrProgress: VerifyChainOptions | ((checked: number) => void) = {},
): Promise<ChainVerification> {
  const { onProgress, expect, seals } = typeof optionsOrProgress === 'function' ? { onProgress: optionsOrProgress, expect: undefined, seals: undefined } : optionsOrProgress;
  // A store written before the port said otherwise keeps the chain (only EventStoreDB does not).
  const keepsChain = store.keepsHashChain !== false;
  const walk = seals ? await SealWalk.start(store, seals) : undefined;
  const checks = (): SealsChecked => (walk ? { chain: keepsChain ? 'checked' : 'not kept by this store', seals: walk.summary() } : {});
  let previous: string | null = GENESIS;
  let checked = 0;
  let last: RecordedEvent | undefined;
  const revisions = new Map<string, number>();
  const stampFails = (reason: string): ChainVerification => ({
    ok: false,
    checked,
    head: previous,
    position: last ? Number(last.position) : null,
    stamp: { position: expect!.position, hash: expect!.hash, holds: false, reason },
    ...checks(),
  });
  // Raw: the chain covers what was stored, never the shape upcasters give it on reading.
  for await (const event of store.readAll({ raw: true })) {
    const metadata = (event.metadata ?? {}) as Partial<ChainLink>;
    const position = Number(event.position);
    const broken = (problem: string | SealProblem): ChainVerification => ({
      ok: false,
      checked,
      broken: typeof problem === 'string' ? { streamId: event.streamId, revision: Number(event.revision), position, reason: problem } : problem,
      ...checks(),
    });
    const lastPosition = last ? Number(last.position) : 0;
    const link = eventHash(event, previous);
    if (keepsChain) {
      const expectedPosition = lastPosition + 1;
      if (position !== expectedPosition) {
        const missing = span(expectedPosition, position - 1);
        return broken(`the log has no event at position ${missing} before it: positions run without gaps, so ${expectedPosition === position - 1 ? 'an event was' : 'events were'} deleted`);
      }
      if ((metadata.previousHash ?? null) !== previous) return broken('its previousHash does not match the hash of the event before it (an event was removed, inserted or reordered)');
      if (metadata.hash !== link) return broken('its content does not match its hash (the event was edited after it was written)');
    } else {
      const revision = Number(event.revision);
      const expectedRevision = (revisions.get(event.streamId) ?? -1) + 1;
      if (revision !== expectedRevision) {
        return broken(`its stream has no event at revision ${span(expectedRevision, revision - 1)} before it: a stream's revisions run without gaps, so ${expectedRevision === revision - 1 ? 'an event was' : 'events were'} deleted`);
      }
      revisions.set(event.streamId, revision);
    }
    // Positions with gaps (EventStoreDB): the stamp names one the walk stepped over.
    if (expect && lastPosition < expect.position && position > expect.position) {
      return stampFails(`the log has no event at position ${expect.position}, which the stamp names with hash ${expect.hash}: the event was deleted, or the stamp is from another log`);
    }
    const sealProblem = await walk?.step(event, link);
    if (sealProblem) return broken(sealProblem);
    previous = link;
    last = event;
    checked++;
    if (expect && position === expect.position && link !== expect.hash) {
      return stampFails(`the event at position ${position} has hash ${link}, not ${expect.hash} as the stamp says: the log was rewritten from there on, or the stamp is from another log`);
    }
    if (onProgress && checked % 10_000 === 0) onProgress(checked);
  }
  const unsealedEnd = walk?.end();
  if (unsealedEnd) return { ok: false, checked, broken: unsealedEnd, ...checks() };
  const end = last ? Number(last.position) : 0;
  if (expect && end < expect.position) {
    const missing = !keepsChain ? `the event there is missing` : expect.position === end + 1 ? `event ${expect.position} is missing` : `events ${span(end + 1, expect.position)} are missing`;
    return stampFails(`${end === 0 ? 'the log is empty' : `the log ends at position ${end}`}; the stamp names position ${expect.position} with hash ${expect.hash}, so ${missing}`);
  }
  return {
    ok: true,
    checked,
    head: previous,
    position: last ? Number(last.position) : null,
    ...(expect ? { stamp: { position: expect.position, hash: expect.hash, holds: true as const } } : {}),
    ...checks(),
  };
}
