/**
 * The event store port. Shaped after @eventstore/db-client 6.x so that the
 * EventStoreDB adapter is a thin mapping and the embedded SQLite store can be
 * swapped for it without the rest of the product noticing.
 *
 * Positions and revisions are bigints everywhere (as in the client): a position
 * is a point in the single, totally ordered log of the whole store; a revision
 * is the 0-based index of an event inside its stream.
 */

import type { StoreIdentity } from './store-identity';

export type Position = bigint;
export type StreamRevision = bigint;

export const ANY = 'any' as const;
export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;
export type ExpectedRevision = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | StreamRevision;

export const START = 'start' as const;
export const END = 'end' as const;
export const FORWARDS = 'forwards' as const;
export const BACKWARDS = 'backwards' as const;
export type Direction = typeof FORWARDS | typeof BACKWARDS;

export type JsonValue = unknown;

/** An event to append. The id is a uuid; the store generates one when absent. */
export interface EventData<Type extends string = string, Data = JsonValue, Metadata = JsonValue> {
  id?: string;
  type: Type;
  data: Data;
  metadata?: Metadata;
}

export interface RecordedEvent<Type extends string = string, Data = JsonValue, Metadata = JsonValue> {
  streamId: string;
  revision: StreamRevision;
  position: Position;
  id: string;
  type: Type;
  data: Data;
  metadata: Metadata;
  created: Date;
}

/** What every domain event is: a type and its data (the domain's event unions are unions of these). */
export interface EventShape {
  type: string;
  data: unknown;
}

/**
 * A recorded event of a union of domain events, one member per type, so that narrowing on
 * `type` narrows `data` too: `RecordedEventOf<ActionEvent>`. The store cannot check a stream's
 * types: reading with a union is the caller saying what the stream holds (as in Emmett).
 */
export type RecordedEventOf<E extends EventShape, Metadata = JsonValue> = E extends EventShape ? RecordedEvent<E['type'], E['data'], Metadata> : never;

/** How a stream's events fold into a state: a decider's `evolve` and `initialState` satisfy it. */
export interface StreamFold<State, E extends EventShape> {
  evolve(state: State, event: E): State;
  initialState(): State;
}

export interface AggregateStreamOptions<State> {
  /** A state already folded up to a revision (a cache): only the events after it are read. */
  after?: { state: State; revision: StreamRevision };
}

export interface AggregatedStream<State> {
  state: State;
  /** The revision of the last event folded in; undefined when the stream has no events. */
  revision: StreamRevision | undefined;
}

export interface ReadOptions {
  /**
   * The events exactly as stored, before any upcaster: what the hash chain covers, and what a
   * copy of the log must keep (verify, the migration to EventStoreDB).
   */
  raw?: boolean;
}

export interface AppendOptions {
  /** Defaults to ANY. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextExpectedRevision: StreamRevision;
  /** The position of the last event appended. */
  position: Position;
}

/** One stream's part of a multi-stream append (`appendToStreams`). */
export interface StreamAppend {
  streamId: string;
  events: EventData | EventData[];
  /** Defaults to ANY. */
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions extends ReadOptions {
  /** Inclusive. START (default forwards) or END (default backwards) or a revision. */
  fromRevision?: StreamRevision | typeof START | typeof END;
  direction?: Direction;
  maxCount?: number | bigint;
}

export interface ReadAllOptions extends ReadOptions {
  /**
   * Inclusive, as in EventStoreDB's readAll: forwards returns events at or after
   * the position, backwards returns events at or before it.
   */
  fromPosition?: Position | typeof START | typeof END;
  direction?: Direction;
  maxCount?: number | bigint;
}

export interface SubscriptionFilter {
  /** Stream name prefixes, e.g. `action-`; an event matches any one of them. */
  streamPrefixes?: string[];
  /** Exact event types; an event matches any one of them. */
  eventTypes?: string[];
}

export interface SubscribeToAllOptions extends ReadOptions {
  /**
   * Exclusive, as in EventStoreDB: the first event delivered is the one after
   * this position. START delivers from the beginning, END only new events: those appended
   * once `caughtUp` has resolved, which from END means the store holds the subscription (on
   * EventStoreDB, the server has confirmed it; an append racing the call itself may land before).
   */
  fromPosition?: Position | typeof START | typeof END;
  filter?: SubscriptionFilter;
}

/**
 * A catch-up subscription to the whole log: an async iterable that reads the
 * past and then waits for new events. Pull-based, so a slow consumer holds the
 * reader back instead of letting a buffer grow without bound.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Resolves once the subscription has delivered everything that existed when it started. */
  readonly caughtUp: Promise<void>;
  readonly isCaughtUp: boolean;
  /** Events read from the store and not yet taken by the consumer (bounded by one page). */
  readonly buffered: number;
  /** Stops the subscription: a pending iteration ends with `done`. */
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: string, events: EventData | EventData[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams, in the order given; answers one result per append, in
   * that order. Each append behaves as `appendToStream` would (expected revision, retries
   * with the same ids). Whether they stand or fall together is the adapter's
   * `atomicMultiStreamAppend`.
   */
  appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]>;
  /**
   * true: `appendToStreams` is all or nothing (a conflict on any stream writes nothing).
   * false: the appends are made one after another, and one that fails leaves the earlier
   * ones written; a caller that must be able to finish the job derives its event ids so
   * that running it again completes it without duplicates.
   */
  readonly atomicMultiStreamAppend: boolean;
  /**
   * true: every event's metadata carries the tamper-evident hash chain (`hash`, `previousHash`),
   * computed by the store as it appends (the embedded store). false: the store cannot compute it
   * (EventStoreDB); tamper evidence there rests on the seals alone (`LogSealed`, computed by a reader).
   */
  readonly keepsHashChain: boolean;
  /**
   * Throws StreamNotFoundError when iterated for a stream that has no events. `E`: the events
   * the caller knows the stream holds (see RecordedEventOf). Every read of a store given an
   * upcaster registry answers the current shape of each event, unless `raw`.
   */
  readStream<E extends EventShape = EventShape>(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEventOf<E>>;
  readAll<E extends EventShape = EventShape>(options?: ReadAllOptions): AsyncIterable<RecordedEventOf<E>>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /**
   * The stream folded through `evolve` from `initialState()` (or from `after`), in the current
   * shape of its events, with the revision reached. A stream with no events is the initial
   * state and revision undefined, not an error.
   */
  aggregateStream<State, E extends EventShape>(
    streamId: string,
    fold: StreamFold<State, E>,
    options?: AggregateStreamOptions<State>,
  ): Promise<AggregatedStream<State>>;
  /** The position of the last event in the log, or undefined when it is empty. */
  headPosition(): Promise<Position | undefined>;
  /**
   * Which log this is: the same for every copy and every node of one log, different for another.
   * Read models record it beside their checkpoints, since a position means nothing in another log.
   */
  identity(): Promise<StoreIdentity>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The events of one `appendToStream` call as a list; every adapter refuses an empty append alike. */
export function appendedEvents(eventOrEvents: EventData | EventData[]): EventData[] {
  const events = Array.isArray(eventOrEvents) ? eventOrEvents : [eventOrEvents];
  if (events.length === 0) throw new Error('appendToStream needs at least one event');
  return events;
}
