import { START, type EventStore, type RecordedEvent } from '../event-store.port';
import { eventHash, GENESIS } from '../hash-chain';

/** A point of the chain: a log position and the chain's value there (what a seal records, and what it continues from). */
export interface ChainPoint {
  position: number;
  hash: string;
}

/**
 * One stretch of the log as a reader computed it, ready to be sealed: the position it ends at,
 * the chain's value there, the point it continues from, and each event's own digest. The shape
 * of the contract's LogSealedData without its reason (this library does not know the contract).
 */
export interface SealStretch {
  position: number;
  hash: string;
  previous: ChainPoint | null;
  events: Array<[number, string]>;
}

export interface SealStretchOptions {
  /** The stream the seals are written to: a stretch holding nothing but seals is nothing new to seal. */
  sealStream: string;
  /** Most events one stretch covers; a longer unsealed part of the log is cut into several. */
  maxEvents: number;
  /**
   * Seal exactly up to this position (a pack's stamp, which must have a seal at it), even when
   * only seals lie before it. Without it: up to the end of the log as read.
   */
  upTo?: number;
}

/** Sealing up to a position the log has no event at (a stamp from another log, or an event deleted). */
export class NoEventAtPositionError extends Error {
  override readonly name = 'NoEventAtPositionError';
  constructor(
    readonly position: number,
    readonly readUpTo: number | null,
  ) {
    super(`The log has no event at position ${position} to seal up to (it was read up to ${readUpTo ?? 'its start'}).`);
  }
}

/** The digest a seal lists for each event: eventHash(event, null), not chained, cut to 16 hex digits. */
export function eventDigest(event: RecordedEvent): string {
  return eventHash(event, GENESIS).slice(0, 16);
}

/**
 * The stretches of the log not yet sealed, after `last` (the latest seal, or null for the log's
 * start), computed by reading the log as stored (raw, as the embedded store hashed it): the chain
 * continues from the last seal's hash, link(e) = eventHash(e, link(previous event)), so on the
 * embedded store a stretch's hash is the stored hash of the event at its end. None when nothing
 * but seals (or nothing at all) was written since `last`.
 */
export async function unsealedStretches(store: EventStore, last: ChainPoint | null, options: SealStretchOptions): Promise<SealStretch[]> {
  // Without `upTo`, up to the end of one forwards read: a prefix of the log in order, whatever is
  // appended meanwhile (the next seal covers that).
  const end = options.upTo ?? Number.POSITIVE_INFINITY;
  const from = last?.position ?? 0;
  if (end <= from) return [];
  const stretches: SealStretch[] = [];
  let link: string | null = last?.hash ?? GENESIS;
  let previous: ChainPoint | null = last;
  let events: Array<[number, string]> = [];
  let onlySeals = true;
  const close = (position: number) => {
    const stretch: SealStretch = { position, hash: link as string, previous, events };
    stretches.push(stretch);
    previous = { position, hash: stretch.hash };
    events = [];
  };
  // Inclusive: the event at the last seal's position comes first, and is already sealed.
  for await (const event of store.readAll({ raw: true, fromPosition: last ? BigInt(last.position) : START })) {
    const position = Number(event.position);
    if (position <= from) continue;
    if (position > end) break;
    if (event.streamId !== options.sealStream) onlySeals = false;
    link = eventHash(event, link);
    events.push([position, eventDigest(event)]);
    if (events.length === options.maxEvents) close(position);
  }
  const lastRead = events.length > 0 ? events[events.length - 1][0] : previous?.position;
  if (events.length > 0) close(lastRead as number);
  if (onlySeals && options.upTo === undefined) return [];
  if (options.upTo !== undefined && lastRead !== options.upTo) {
    throw new NoEventAtPositionError(options.upTo, lastRead ?? null);
  }
  return stretches;
}
