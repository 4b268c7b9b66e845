import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { END, START, type AllSubscription, type Position, type RecordedEvent, type SubscriptionFilter } from '../event-store.port';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  eventPosition,
  hasReachedHead,
  matchesFilter,
  resumePosition,
  toRecordedEvent,
  type BackoffOptions,
} from './mapping';
import { isTransientError, SubscriptionDroppedError, SubscriptionStoppedError } from './retryable-errors';

type From = Position | typeof START | typeof END;

/**
 * What the subscription needs of the client's subscription: a Readable in object
 * mode emitting resolved events as 'data', 'caughtUp' (EventStoreDB 23.10 and
 * later), 'confirmation', 'error', 'end' and 'close', and `unsubscribe()`.
 */
export interface ClientSubscriptionLike {
  readonly readableLength: number;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  pause(): unknown;
  resume(): unknown;
  isPaused(): boolean;
  unsubscribe(): Promise<void>;
}

export interface EsdbSubscriptionSource {
  /** Opens the client's subscription after `from` (exclusive); `onCheckpoint` receives the server's filter checkpoints. */
  open(from: From, onCheckpoint: (position: Position) => void): ClientSubscriptionLike;
  /** The head of the log (user events), read when the subscription starts. */
  headPosition(): Promise<Position | undefined>;
  onClose(subscription: EventStoreDbAllSubscription): void;
}

export interface EsdbSubscriptionOptions {
  from: From;
  filter?: SubscriptionFilter;
  /** Events held for the consumer before the client's stream is paused (default 500). */
  highWaterMark?: number;
  backoff?: BackoffOptions;
  /**
   * Reconnection attempts in a row before the subscription fails with SubscriptionStoppedError
   * (default: no limit). "In a row": the count starts again only once the server has delivered
   * something (an event, or the signal that the subscription is caught up).
   */
  maxReconnectAttempts?: number;
  /** Told about each drop before the subscription reconnects. */
  onReconnect?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Turns an event into its current shape before it is queued (the store's upcasters). */
  upcast?: (event: RecordedEvent) => RecordedEvent;
}

const CAUGHT_UP = Symbol('caught up');
type Item = RecordedEvent | typeof CAUGHT_UP;

/**
 * The port's catch-up subscription over the client's `subscribeToAll`.
 *
 * - Back-pressure: events wait in a queue of at most `highWaterMark`; when it is
 *   full the client's stream is paused, which (through its pipe from the gRPC
 *   call and HTTP/2 flow control) stops the server from sending more.
 * - Caught up: signalled by the server's 'caughtUp' message, by a filter
 *   checkpoint at or past the head read at start, or by receiving an event at or
 *   past that head. The signal takes its place in the queue behind the events the
 *   client had already read, so `caughtUp` resolves only once the consumer has
 *   taken everything that existed when the subscription started.
 * - Dropped connection: the subscription reopens after the last event received
 *   (start positions are exclusive), with a bounded exponential back-off; events
 *   the server sends again after a reconnect are skipped by position. The back-off
 *   starts again only once the server delivers (a new event, its caught-up message,
 *   a filter checkpoint at or past the head), not on its confirmation: a server
 *   that confirms and then drops the subscription every time is not "working".
 * - An error retrying cannot mend (see retryable-errors.ts), or `maxReconnectAttempts`
 *   drops in a row, ends the iteration with SubscriptionStoppedError after the events
 *   already received.
 */
export class EventStoreDbAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  isCaughtUp = false;
  private resolveCaughtUp!: () => void;
  private readonly highWaterMark: number;
  private readonly lowWaterMark: number;
  private readonly queue: Item[] = [];
  private queuedEvents = 0;
  private stream: ClientSubscriptionLike | undefined;
  /** Increases whenever the stream is replaced, so a stale stream's events are ignored. */
  private generation = 0;
  private lastReceived: Position | undefined;
  /** The furthest filter checkpoint: the server has scanned the log up to it. */
  private lastCheckpoint: Position | undefined;
  private head: Position | undefined;
  private headKnown = false;
  private markerQueued = false;
  /** Events still to be received before the caught-up marker may be queued. */
  private markerCountdown: number | undefined;
  /** Reconnection attempts since the server last delivered something. */
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private waiter: (() => void) | undefined;
  private failure: unknown;
  private closed = false;
  private iterating = false;

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    this.highWaterMark = Math.max(1, options.highWaterMark ?? 500);
    this.lowWaterMark = Math.floor(this.highWaterMark / 2);
    this.caughtUp = new Promise((resolve) => (this.resolveCaughtUp = resolve));
    this.source.headPosition().then(
      (head) => this.onHead(head),
      // Without the head, the server's caughtUp message (23.10+) still signals it.
      () => undefined,
    );
    this.connect();
  }

  get buffered(): number {
    return this.queuedEvents;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return { value: undefined, done: true };
      const item = this.queue.shift();
      if (item === CAUGHT_UP) {
        this.markCaughtUp();
        continue;
      }
      if (item !== undefined) {
        this.queuedEvents--;
        if (this.queuedEvents <= this.lowWaterMark && this.stream?.isPaused()) this.stream.resume();
        return { value: item, done: false };
      }
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.queue.length = 0;
    this.queuedEvents = 0;
    const stream = this.stream;
    this.detach();
    this.wake();
    this.source.onClose(this);
    if (stream) await stream.unsubscribe().catch(() => undefined);
  }

  private connect(): void {
    const generation = ++this.generation;
    // A subscription from END that has received nothing resumes after the head it
    // started at, not at the end of the log, so a drop loses no event.
    const started = this.options.from === END && this.headKnown ? (this.head ?? START) : this.options.from;
    const from = resumePosition(started, this.lastReceived);
    this.markerCountdown = undefined;
    let stream: ClientSubscriptionLike;
    try {
      stream = this.source.open(from, (position) => this.onCheckpoint(generation, position));
    } catch (error) {
      this.dropped(generation, error);
      return;
    }
    this.stream = stream;
    stream.on('data', (resolved: AllStreamResolvedEvent) => this.onData(generation, resolved));
    stream.on('caughtUp', () =>
      this.whenCurrent(generation, () => {
        this.attempts = 0;
        this.signalCaughtUp();
      }),
    );
    // From END nothing is to be caught up on, but an append is delivered only once the server
    // holds the subscription: its confirmation says so. (The head read at start cannot: an
    // append sent on the client's open append call may reach the server before this call does.)
    stream.on('confirmation', () => this.whenCurrent(generation, () => this.options.from === END && this.signalCaughtUp()));
    stream.on('error', (error: unknown) => this.dropped(generation, error));
    stream.on('end', () => this.dropped(generation, new SubscriptionDroppedError('the server ended the subscription')));
    stream.on('close', () => this.dropped(generation, new SubscriptionDroppedError('the subscription stream closed')));
    if (this.queuedEvents >= this.highWaterMark) stream.pause();
  }

  private whenCurrent(generation: number, action: () => void): void {
    if (generation === this.generation && !this.closed) action();
  }

  private onData(generation: number, resolved: AllStreamResolvedEvent): void {
    if (generation !== this.generation || this.closed) return;
    try {
      const position = eventPosition(resolved);
      if (position !== undefined) {
        // After a reconnect the server may send again what was already received.
        if (this.lastReceived !== undefined && position <= this.lastReceived) return;
        this.lastReceived = position;
      }
      // A new event: the server delivers again, so the next drop starts the back-off afresh.
      this.attempts = 0;
      const event = toRecordedEvent(resolved);
      if (event && matchesFilter(event, this.options.filter)) {
        this.queue.push(this.options.upcast ? this.options.upcast(event) : event);
        this.queuedEvents++;
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.markerCountdown !== undefined && --this.markerCountdown <= 0) this.queueCaughtUp();
    if (this.headKnown && hasReachedHead(this.head, this.options.from, this.lastReceived)) this.queueCaughtUp();
    if (this.queuedEvents >= this.highWaterMark) this.stream?.pause();
    this.wake();
  }

  private onCheckpoint(generation: number, position: Position): void {
    this.whenCurrent(generation, () => {
      if (this.lastCheckpoint === undefined || position > this.lastCheckpoint) this.lastCheckpoint = position;
      if (this.headKnown && this.head !== undefined && position >= this.head) {
        this.attempts = 0;
        this.signalCaughtUp();
      }
    });
  }

  private onHead(head: Position | undefined): void {
    if (this.closed) return;
    this.head = head;
    this.headKnown = true;
    const scanned =
      this.lastCheckpoint !== undefined && (this.lastReceived === undefined || this.lastCheckpoint > this.lastReceived)
        ? this.lastCheckpoint
        : this.lastReceived;
    // From END, the server's confirmation (or an event) signals it instead: see connect().
    if (this.options.from !== END && hasReachedHead(head, this.options.from, scanned)) this.signalCaughtUp();
  }

  /**
   * The server has sent everything up to the head: queue the marker behind the
   * events the client's stream has read but not yet handed over.
   */
  private signalCaughtUp(): void {
    if (this.markerQueued) return;
    const ahead = this.stream?.readableLength ?? 0;
    if (ahead <= 0) this.queueCaughtUp();
    else this.markerCountdown = Math.min(this.markerCountdown ?? ahead, ahead);
  }

  private queueCaughtUp(): void {
    if (this.markerQueued) return;
    this.markerQueued = true;
    this.markerCountdown = undefined;
    this.queue.push(CAUGHT_UP);
    this.wake();
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }

  private dropped(generation: number, error: unknown): void {
    if (generation !== this.generation || this.closed) return;
    const stream = this.stream;
    this.detach();
    if (stream) void stream.unsubscribe().catch(() => undefined);
    if (!isTransientError(error)) {
      this.fail(new SubscriptionStoppedError(error));
      return;
    }
    const attempt = ++this.attempts;
    if (attempt > (this.options.maxReconnectAttempts ?? Infinity)) {
      this.fail(new SubscriptionStoppedError(error, attempt - 1));
      return;
    }
    const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.onReconnect?.(error, attempt, delay);
    this.reconnectTimer = setTimeout(() => {
      if (!this.closed) this.connect();
    }, delay);
  }

  /** Stops listening to the current stream; a late 'error' from it must not crash the process. */
  private detach(): void {
    const stream = this.stream;
    this.stream = undefined;
    this.generation++;
    if (!stream) return;
    stream.removeAllListeners('data');
    stream.removeAllListeners('caughtUp');
    stream.removeAllListeners('confirmation');
    stream.removeAllListeners('end');
    stream.removeAllListeners('close');
    stream.removeAllListeners('error');
    stream.on('error', () => undefined);
  }

  private fail(error: unknown): void {
    this.failure = error;
    const stream = this.stream;
    this.detach();
    if (stream) void stream.unsubscribe().catch(() => undefined);
    this.wake();
  }

  private wake(): void {
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.();
  }
}
