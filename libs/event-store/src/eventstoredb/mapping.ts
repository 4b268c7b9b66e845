/**
 * Pure mappings between the event store port and @eventstore/db-client 6.x.
 *
 * Only types are imported from the client, so that loading the event-store lib
 * (for the embedded store, the CLI, the tests) does not load gRPC; the adapter
 * loads the client itself when an EventStoreDB connection is opened. Client
 * errors are recognised by their `type` field (the client's ErrorType values),
 * which is what `instanceof` would test in 6.x as well; which of them are retried
 * is decided in retryable-errors.ts.
 */
import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  Filter,
  JSONEventData,
  Position as EsdbPosition,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';
import { DuplicateEventIdError, StreamNotFoundError, WrongExpectedVersionError } from '../errors';
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type Direction,
  type EventData,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
  type StreamRevision,
  type SubscriptionFilter,
} from '../event-store.port';
import { esdbErrorType } from './retryable-errors';

// ---------------------------------------------------------------------------
// Connection

/**
 * KurrentDB's connection string schemes (`kurrentdb://`, `kdb://`, with `+discover`)
 * as the `esdb://` ones that @eventstore/db-client 6.x parses; the rest is the same.
 */
export function toEsdbConnectionString(connectionString: string): string {
  return connectionString.trim().replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

// ---------------------------------------------------------------------------
// Expected revisions

/**
 * The port's expected revision as the client's. The string constants have the
 * same values in both ('any', 'no_stream', 'stream_exists'); a revision is a bigint
 * in both. A negative revision is a caller bug, not a concurrency conflict.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision | undefined): AppendExpectedRevision {
  switch (expected) {
    case undefined:
    case ANY:
      return 'any';
    case NO_STREAM:
      return 'no_stream';
    case STREAM_EXISTS:
      return 'stream_exists';
    default:
      if (typeof expected !== 'bigint' || expected < 0n) {
        throw new RangeError(`Invalid expected revision ${String(expected)}: use any, no_stream, stream_exists or a revision >= 0`);
      }
      return expected;
  }
}

/** The client's "current revision" (a bigint or 'no_stream') as the port's: undefined when there is no stream. */
export function fromEsdbCurrentRevision(current: bigint | string | undefined): StreamRevision | undefined {
  if (typeof current === 'bigint') return current < 0n ? undefined : current;
  return undefined;
}

/** The old wire form's negative expected versions (EventStoreDB 20.x's exception metadata): -1 no stream, -2 any, -4 stream exists. */
const EXPECTED_VERSION_CODES: ReadonlyMap<bigint, ExpectedRevision> = new Map<bigint, ExpectedRevision>([
  [-1n, NO_STREAM],
  [-2n, ANY],
  [-4n, STREAM_EXISTS],
]);

/** The client's expected revision as reported in its error, back to the port's. */
export function fromEsdbExpectedRevision(expected: unknown, fallback: ExpectedRevision): ExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (typeof expected === 'bigint') return expected >= 0n ? expected : (EXPECTED_VERSION_CODES.get(expected) ?? fallback);
  return fallback;
}

// ---------------------------------------------------------------------------
// Positions

/** gRPC positions are uint64: -1 ("no position") arrives as 2^64 - 1. */
const MAX_VALID_POSITION = (1n << 63n) - 1n;

/**
 * An EventStoreDB `$all` position as the port's single bigint: the commit position.
 *
 * Since EventStoreDB 20 every append is written without a separate commit record,
 * and each event's commit and prepare positions are both its own log position,
 * so the commit position alone is unique per event and orders the log. (Events
 * written with the explicit transactions of the old TCP API share their
 * transaction's commit position; this product never writes those.)
 */
export function toPortPosition(position: EsdbPosition): Position {
  return position.commit;
}

/** A port position as an EventStoreDB position: commit and prepare both at it. */
export function toEsdbPosition(position: Position): EsdbPosition {
  if (position < 0n) throw new RangeError(`Invalid log position ${position}`);
  return { commit: position, prepare: position };
}

/** The position the server reported, unless it is absent or the "no position" marker. */
export function isUsablePosition(position: EsdbPosition | undefined): position is EsdbPosition {
  return position !== undefined && position.commit >= 0n && position.commit <= MAX_VALID_POSITION;
}

export function toEsdbReadPosition(from: Position | typeof START | typeof END): ReadPosition {
  if (from === START) return 'start';
  if (from === END) return 'end';
  return toEsdbPosition(from);
}

export function toEsdbReadRevision(from: StreamRevision | typeof START | typeof END): ReadRevision {
  if (from === START) return 'start';
  if (from === END) return 'end';
  if (from < 0n) throw new RangeError(`Invalid stream revision ${from}`);
  return from;
}

export function toEsdbDirection(direction: Direction | undefined): 'forwards' | 'backwards' {
  return direction === BACKWARDS ? 'backwards' : 'forwards';
}

/** Whether the port's read options mean "nothing to read" (as the embedded store answers them). */
export function isEmptyAllRead(from: Position | typeof START | typeof END, direction: Direction | undefined): boolean {
  return (from === START && direction === BACKWARDS) || (from === END && (direction ?? FORWARDS) === FORWARDS);
}

/**
 * EventStoreDB reads `$all` backwards from a position *exclusively* (it returns the
 * events that end at or before it), while the port reads inclusively. Given the
 * first events read forwards from the position (inclusive), this returns where a
 * backwards read must start so that the event at the position is included: the
 * position of the first event after it, or END when there is none.
 */
export function backwardsStartForInclusiveRead(position: Position, forwardsFromPosition: readonly Position[]): Position | typeof END {
  const after = forwardsFromPosition.find((p) => p > position);
  return after === undefined ? END : after;
}

// ---------------------------------------------------------------------------
// Events

/** System streams and events (`$`-prefixed) are EventStoreDB's own; the port never shows them. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * EventStoreDB event ids are uuids and are returned in lower case, so the port's
 * ids are normalised to lower case (the embedded store accepts any string; the
 * ids this product generates are lower-case uuids already).
 */
export function toEsdbEventId(id: string | undefined, generate: () => string): string {
  if (id === undefined) return generate();
  if (!UUID.test(id)) throw new TypeError(`Event id "${id}" is not a uuid: EventStoreDB needs uuid event ids`);
  return id.toLowerCase();
}

/** A port event as the client's JSON event (what `jsonEvent()` builds), keeping the id. */
export function toEsdbEvent(event: EventData, generateId: () => string): JSONEventData {
  return {
    id: toEsdbEventId(event.id, generateId),
    contentType: 'application/json',
    type: event.type,
    // JSON.stringify(undefined) is not JSON: store null, as the embedded store does.
    data: (event.data === undefined ? null : event.data) as JSONEventData['data'],
    // The embedded store stores {} for absent metadata; the client omits falsy metadata.
    metadata: (event.metadata ?? {}) as JSONEventData['metadata'],
  };
}

/**
 * A resolved event read from EventStoreDB as the port's recorded event, or
 * undefined when it is not one the port shows (a system event, an unresolved link).
 * The position comes from the event (`$all` reads always carry it; stream reads
 * carry it from EventStoreDB 22.6).
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  if (isSystemEvent(event.streamId, event.type)) return undefined;
  const position = eventPosition(resolved);
  if (position === undefined) {
    throw new Error(
      `EventStoreDB returned event ${event.id} of ${event.streamId} without its log position: ` +
        'rag-ledger needs EventStoreDB 22.6 or later (or KurrentDB)',
    );
  }
  return {
    streamId: event.streamId,
    revision: event.revision,
    position,
    id: event.id,
    type: event.type,
    // Events this product writes are JSON; another writer's binary data is passed through as bytes.
    data: event.data,
    // The client gives undefined for empty metadata; the embedded store gives {}.
    metadata: event.metadata ?? {},
    created: event.created,
  };
}

/** The log position of a resolved event, from the event itself or the commit position of the record. */
export function eventPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): Position | undefined {
  const own = resolved.event?.position;
  if (isUsablePosition(own)) return toPortPosition(own);
  if (resolved.commitPosition !== undefined && resolved.commitPosition <= MAX_VALID_POSITION) return resolved.commitPosition;
  return undefined;
}

// ---------------------------------------------------------------------------
// Subscription filters

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The server-side filter for a port filter. EventStoreDB filters on one thing at
 * a time, so stream prefixes (what the projections use) go to the server, and
 * event types go to the server only when there are no prefixes (as an anchored
 * regex, since the server's type prefixes would also match longer names). With
 * no filter, system events are excluded on the server. `matchesFilter` checks
 * every delivered event again on the client, so the result is exact in all cases.
 */
export function toEsdbFilter(filter: SubscriptionFilter | undefined, checkpointInterval = 1): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length > 0) return { filterOn: 'streamName', prefixes: [...prefixes], checkpointInterval };
  if (types.length > 0) {
    return { filterOn: 'eventType', regex: `^(?:${types.map(escapeRegex).join('|')})$`, checkpointInterval };
  }
  return { filterOn: 'eventType', regex: '^[^$]', checkpointInterval };
}

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type'>, filter: SubscriptionFilter | undefined): boolean {
  if (isSystemEvent(event.streamId, event.type)) return false;
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((p) => event.streamId.startsWith(p))) return false;
  const types = filter?.eventTypes ?? [];
  if (types.length > 0 && !types.includes(event.type)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Errors

interface EsdbWrongExpectedVersion {
  streamName?: string;
  expectedVersion?: unknown;
  actualVersion?: bigint | string;
}

/**
 * A failed append as the port's error. EventStoreDB answers a batch that repeats
 * some of a stream's stored event ids but not all of them ("corrupted
 * idempotency") with WrongExpectedVersion; with `any` expected that is the only
 * way to get WrongExpectedVersion, so it becomes DuplicateEventIdError there.
 */
export function translateAppendError(error: unknown, streamName: string, expected: ExpectedRevision, eventIds: readonly string[]): unknown {
  const type = esdbErrorType(error);
  if (type === 'wrong-expected-version') {
    const wrong = error as EsdbWrongExpectedVersion;
    if (expected === ANY && eventIds.length > 0) return new DuplicateEventIdError(eventIds[0], streamName);
    return new WrongExpectedVersionError(
      streamName,
      fromEsdbExpectedRevision(wrong.expectedVersion, expected),
      fromEsdbCurrentRevision(wrong.actualVersion),
    );
  }
  return error;
}

/** A failed read as the port's error: a missing stream is StreamNotFoundError. */
export function translateReadError(error: unknown, streamName: string): unknown {
  if (esdbErrorType(error) === 'stream-not-found') return new StreamNotFoundError(streamName);
  return error;
}

// ---------------------------------------------------------------------------
// Resubscription arithmetic

export interface BackoffOptions {
  /** First delay, in ms. */
  initialMs: number;
  /** Largest delay, in ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 5_000 };

/** The delay before reconnection attempt `attempt` (1-based): doubling from initialMs, capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (attempt < 1) return 0;
  const exponent = Math.min(attempt - 1, 30);
  return Math.min(options.maxMs, options.initialMs * 2 ** exponent);
}

/**
 * Where a dropped subscription resumes: after the last event it received from the
 * server (start positions are exclusive), or where it first started when it had
 * received nothing.
 */
export function resumePosition(
  started: Position | typeof START | typeof END,
  lastReceived: Position | undefined,
): Position | typeof START | typeof END {
  return lastReceived ?? started;
}

/**
 * Whether a subscription has passed the head of the log read when it started:
 * everything that existed then has been received. `head` undefined means the log
 * was empty; a start at or after the head has nothing to catch up on.
 */
export function hasReachedHead(
  head: Position | undefined,
  started: Position | typeof START | typeof END,
  received: Position | undefined,
): boolean {
  if (head === undefined || started === END) return true;
  if (started !== START && started >= head) return true;
  return received !== undefined && received >= head;
}
