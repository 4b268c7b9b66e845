import { randomUUID } from 'node:crypto';
import type { EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import { aggregateStream } from '../aggregate-stream';
import { EventStoreClosedError, StoreRefusedError } from '../errors';
import {
  ANY,
  BACKWARDS,
  END,
  START,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type Position,
  type AggregatedStream,
  type AggregateStreamOptions,
  type EventShape,
  type ReadAllOptions,
  type RecordedEventOf,
  type StreamFold,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamRevision,
  type SubscribeToAllOptions,
  appendedEvents,
} from '../event-store.port';
import { identityFromStream } from '../identity-stream';
import type { StoreIdentity } from '../store-identity';
import type { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { EventStoreDbAllSubscription, type ClientSubscriptionLike } from './eventstoredb-all-subscription';
import {
  backoffDelay,
  backwardsStartForInclusiveRead,
  DEFAULT_BACKOFF,
  eventPosition,
  isEmptyAllRead,
  isUsablePosition,
  toEsdbDirection,
  toEsdbEvent,
  toEsdbExpectedRevision,
  toEsdbFilter,
  toEsdbPosition,
  toEsdbReadPosition,
  toEsdbConnectionString,
  toEsdbReadRevision,
  toPortPosition,
  toRecordedEvent,
  translateAppendError,
  translateReadError,
  type BackoffOptions,
} from './mapping';
import { describeStoreError, isAppendRetryable, isTransientError } from './retryable-errors';

/** The part of the client the adapter uses (a fake of it is enough for unit tests). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbEventStoreOptions {
  /** Events a subscription holds for a slow consumer before it pauses the server (default 500). */
  subscriptionHighWaterMark?: number;
  /**
   * Back-off between reconnection attempts of a dropped subscription (default 100 ms doubling
   * to 5 s); an append that lost its connection or reached a follower waits the first delay
   * before its one retry.
   */
  backoff?: BackoffOptions;
  /** Reconnection attempts in a row before a subscription fails (default: no limit). */
  maxReconnectAttempts?: number;
  /** Told about each dropped subscription before it reconnects (for logs). */
  onSubscriptionReconnect?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Told about an append that is sent once more with the same event ids (a leader change, a lost connection), before it is (for logs). */
  onAppendRetry?: (error: unknown, streamId: string, delayMs: number) => void;
  /** Old shapes of events turned into the current ones on every read (unless `raw`); appends stamped with their version. */
  upcasters?: UpcasterRegistry;
}

/**
 * The event store port on EventStoreDB (20+, or KurrentDB) through @eventstore/db-client.
 *
 * Positions are `$all` commit positions (see mapping.ts); system events (`$` streams
 * and types) are never shown. Event ids go to the server as given, so an append
 * retried with the same ids and an exact expected revision is stored once: the
 * adapter itself retries an append once that met a leader change or a lost
 * connection, and re-establishes a dropped subscription (retryable-errors.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  /**
   * EventStoreDB's append is atomic within one stream only (the gRPC API has no
   * transaction across streams), so `appendToStreams` makes its appends one after another.
   */
  readonly atomicMultiStreamAppend = false;
  /** The server cannot compute the hash chain: the log is sealed by a reader instead (LogSealed). */
  readonly keepsHashChain = false;
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();
  private closed = false;
  private identityRead: Promise<StoreIdentity> | undefined;

  /** Connects lazily: nothing goes over the network until the first call. */
  static fromConnectionString(connectionString: string, options: EventStoreDbEventStoreOptions = {}): EventStoreDbEventStore {
    // Loaded here so that the embedded store never loads gRPC.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDBClient: Client } = require('@eventstore/db-client') as typeof import('@eventstore/db-client');
    return new EventStoreDbEventStore(Client.connectionString(toEsdbConnectionString(connectionString)), options);
  }

  constructor(
    readonly client: EsdbClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {}

  async appendToStream(
    streamId: string,
    eventOrEvents: EventData | EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const upcasters = this.options.upcasters;
    const events = upcasters ? appendedEvents(eventOrEvents).map((e) => upcasters.stamp(e)) : appendedEvents(eventOrEvents);
    const expected = options.expectedRevision ?? ANY;
    const expectedRevision = toEsdbExpectedRevision(expected);
    // The ids are made once, before the first try, so that a retry is the same append.
    const proposed = events.map((event) => toEsdbEvent(event, randomUUID));
    let result;
    try {
      result = await this.appendRetryingOnce(streamId, proposed, expectedRevision);
    } catch (error) {
      throw translateAppendError(
        error,
        streamId,
        expected,
        proposed.map((e) => e.id),
      );
    }
    // An idempotent retry is answered with the original events' position from
    // EventStoreDB 21; older servers send none, so look it up.
    const position = isUsablePosition(result.position)
      ? toPortPosition(result.position)
      : await this.positionOfRevision(streamId, result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  /**
   * One append, sent once more after a leader change or a lost connection (isAppendRetryable):
   * the server may have written it before the answer was lost, and the same event ids make the
   * second try come back with the first one's result rather than write the events twice. Once:
   * a second failure goes to the caller, who knows better than a loop here whether to go on.
   */
  private async appendRetryingOnce(
    streamId: string,
    proposed: ReturnType<typeof toEsdbEvent>[],
    expectedRevision: ReturnType<typeof toEsdbExpectedRevision>,
  ): ReturnType<EsdbClient['appendToStream']> {
    try {
      return await this.client.appendToStream(streamId, proposed, { expectedRevision });
    } catch (error) {
      if (!isAppendRetryable(error)) throw error;
      // A moment for the client to reconnect (to the leader the node named, or the same node).
      const delay = backoffDelay(1, this.options.backoff ?? DEFAULT_BACKOFF);
      this.options.onAppendRetry?.(error, streamId, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      this.assertOpen();
      return this.client.appendToStream(streamId, proposed, { expectedRevision });
    }
  }

  /**
   * Not atomic: the appends are made in order, each waiting for the one before, and the
   * first that fails stops the rest with its error, leaving the earlier ones written.
   * Sent again with the same event ids, the written ones are recognised as retries
   * (the original results come back) and the rest are appended: callers that derive
   * their ids (from an idempotency key) complete a partial call by repeating it.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    // Every append is checked before the first is sent, so an empty one fails nothing half-way.
    for (const a of appends) appendedEvents(a.events);
    const results: AppendResult[] = [];
    for (const a of appends) results.push(await this.appendToStream(a.streamId, a.events, { expectedRevision: a.expectedRevision }));
    return results;
  }

  readStream<E extends EventShape = EventShape>(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEventOf<E>> {
    this.assertOpen();
    const upcast = this.upcaster(options.raw);
    const backwards = options.direction === BACKWARDS;
    const fromRevision = toEsdbReadRevision(options.fromRevision ?? (backwards ? END : START));
    const store = this;
    return {
      async *[Symbol.asyncIterator]() {
        store.assertOpen();
        const read = store.client.readStream(streamId, {
          direction: toEsdbDirection(options.direction),
          fromRevision,
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        });
        for await (const event of drain(read, (error) => translateReadError(error, streamId))) yield upcast(event) as RecordedEventOf<E>;
      },
    };
  }

  readAll<E extends EventShape = EventShape>(options: ReadAllOptions = {}): AsyncIterable<RecordedEventOf<E>> {
    this.assertOpen();
    const upcast = this.upcaster(options.raw);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const maxCount = options.maxCount === undefined ? Infinity : Number(options.maxCount);
    const store = this;
    return {
      async *[Symbol.asyncIterator]() {
        store.assertOpen();
        if (maxCount <= 0 || isEmptyAllRead(from, options.direction)) return;
        // The server's backwards read excludes the event at the position; the port's includes it.
        const start = backwards && typeof from === 'bigint' ? await store.inclusiveBackwardsStart(from) : from;
        // No maxCount to the server: it would count the system events skipped here.
        // The read is cancelled as soon as enough events were taken.
        const read = store.client.readAll({ direction: toEsdbDirection(options.direction), fromPosition: toEsdbReadPosition(start) });
        let taken = 0;
        for await (const event of drain(read, (error) => error)) {
          if (backwards && typeof from === 'bigint' && event.position > from) continue;
          yield upcast(event) as RecordedEventOf<E>;
          if (++taken >= maxCount) return;
        }
      },
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const filter = options.filter;
    const subscription = new EventStoreDbAllSubscription(
      {
        open: (from, onCheckpoint) =>
          this.client.subscribeToAll({
            // Position 0 is before every user event: the same as the start.
            fromPosition: from === 0n ? 'start' : toEsdbReadPosition(from),
            filter: { ...toEsdbFilter(filter), checkpointReached: (_subscription, position) => onCheckpoint(toPortPosition(position)) },
          }) as unknown as ClientSubscriptionLike,
        headPosition: () => this.headPosition(),
        onClose: (s) => this.subscriptions.delete(s),
      },
      {
        from: options.fromPosition ?? START,
        filter,
        highWaterMark: this.options.subscriptionHighWaterMark,
        backoff: this.options.backoff,
        maxReconnectAttempts: this.options.maxReconnectAttempts,
        onReconnect: this.options.onSubscriptionReconnect,
        upcast: options.raw || !this.options.upcasters ? undefined : this.upcaster(false),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  aggregateStream<State, E extends EventShape>(
    streamId: string,
    fold: StreamFold<State, E>,
    options?: AggregateStreamOptions<State>,
  ): Promise<AggregatedStream<State>> {
    this.assertOpen();
    return aggregateStream(this, streamId, fold, options);
  }

  /** An event in its current shape, or as stored for a raw read. */
  private upcaster(raw: boolean | undefined): (event: RecordedEvent) => RecordedEvent {
    const upcasters = this.options.upcasters;
    return !upcasters || raw ? (event) => event : (event) => upcasters.upcast(event);
  }

  /**
   * The last user event of `$all`: read backwards in small pages, skipping system
   * events (a page continues from the oldest record of the last, which the
   * server's backwards read excludes). Each page is read to its end, never left
   * early: a gRPC read abandoned after its status arrived is never finished in the
   * client, and the client's dispose() then waits for it for ever.
   */
  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const pageSize = 32;
    let from: Position | typeof END = END;
    for (;;) {
      const read = this.client.readAll({ direction: 'backwards', fromPosition: toEsdbReadPosition(from), maxCount: pageSize });
      let count = 0;
      let oldest: Position | undefined;
      let head: Position | undefined;
      for await (const resolved of read) {
        count++;
        head ??= toRecordedEvent(resolved)?.position;
        oldest = eventPosition(resolved) ?? oldest;
      }
      if (head !== undefined) return head;
      if (count < pageSize || oldest === undefined) return undefined;
      from = oldest;
    }
  }

  /**
   * Kept in the stream `store-identity`, written once by the first node that asks (see
   * identity-stream.ts). Read once: callers at the same time share the read, and a failed one
   * (the server down) is asked again next time.
   */
  async identity(): Promise<StoreIdentity> {
    this.assertOpen();
    this.identityRead ??= identityFromStream(this, 'eventstoredb').catch((error: unknown) => {
      this.identityRead = undefined;
      // A server that is down or electing a leader answers later; one that refuses (access denied,
      // a request it rejects) gives the same answer however often it is asked.
      if (error instanceof StoreRefusedError || isTransientError(error)) throw error;
      throw new StoreRefusedError(`EventStoreDB refused to say which log it holds: ${describeStoreError(error)}`, error);
    });
    return this.identityRead;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.closed = true;
    await this.client.dispose();
  }

  /**
   * Where the server's (exclusive) backwards read must start to include the event
   * at `position`: the position of the next event in the log, system events
   * included, or the end when there is none.
   */
  private async inclusiveBackwardsStart(position: Position): Promise<Position | typeof END> {
    const read = this.client.readAll({ direction: 'forwards', fromPosition: toEsdbPosition(position), maxCount: 2 });
    const positions: Position[] = [];
    for await (const resolved of read) {
      const p = eventPosition(resolved);
      if (p !== undefined) positions.push(p);
    }
    return backwardsStartForInclusiveRead(position, positions);
  }

  private async positionOfRevision(streamId: string, revision: StreamRevision): Promise<Position> {
    for await (const event of this.readStream(streamId, { fromRevision: revision, maxCount: 1, raw: true })) return event.position;
    throw new Error(`EventStoreDB reported revision ${revision} of ${streamId} but it cannot be read`);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

interface CancellableRead extends AsyncIterable<unknown> {
  cancel(): Promise<void>;
}

/**
 * Yields the port's events of a client read, translating its errors, and cancels
 * the gRPC call when the consumer stops early (destroying the Readable alone
 * would leave the call open).
 */
async function* drain(read: CancellableRead, translate: (error: unknown) => unknown): AsyncGenerator<RecordedEvent> {
  let finished = false;
  try {
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved as ResolvedEvent);
      if (event) yield event;
    }
    finished = true;
  } catch (error) {
    finished = true;
    throw translate(error);
  } finally {
    if (!finished) await read.cancel().catch(() => undefined);
  }
}
