import type { AllSubscription, RecordedEvent } from '../event-store.port';
import type { AppendSignal } from './append-signal';
import type { EventRow } from './event-row';
import type { CompiledFilter } from './filter-sql';

interface SubscriptionSource {
  afterPosition: number;
  filter: CompiledFilter;
  pageSize: number;
  pollIntervalMs: number;
  signal: AppendSignal;
  readPage(after: number, upTo: number, filter: CompiledFilter, limit: number): EventRow[];
  /** A row as the consumer gets it (upcast unless the subscription is raw). */
  toEvent(row: EventRow): RecordedEvent;
  head(): number;
  onClose(subscription: SqliteAllSubscription): void;
}

/**
 * Catch-up, then live. Pages are read only when the consumer has taken the
 * previous one, so memory stays at one page however slow the consumer is.
 */
export class SqliteAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  isCaughtUp = false;
  private resolveCaughtUp!: () => void;
  private scannedUpTo: number;
  /** The head when the subscription started: reaching it means caught up. */
  private readonly startHead: number;
  private page: RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  private pendingWait: { cancel: () => void } | undefined;
  private iterating = false;

  constructor(private readonly source: SubscriptionSource) {
    this.scannedUpTo = source.afterPosition;
    this.startHead = source.head();
    this.caughtUp = new Promise((resolve) => (this.resolveCaughtUp = resolve));
  }

  get buffered(): number {
    return this.page.length - this.index;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    while (!this.closed) {
      if (this.index < this.page.length) return { value: this.page[this.index++], done: false };
      // Everything up to the head at start has been handed over and taken.
      if (this.scannedUpTo >= this.startHead) this.markCaughtUp();
      if (this.fetchPage()) continue;
      const wait = this.source.signal.wait(this.source.pollIntervalMs);
      this.pendingWait = wait;
      await wait.promise;
      this.pendingWait = undefined;
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { value: undefined, done: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page = [];
    this.pendingWait?.cancel();
    this.source.onClose(this);
  }

  /** Reads the next page after what was scanned; false when there is nothing new. */
  private fetchPage(): boolean {
    const head = this.source.head();
    if (head <= this.scannedUpTo) return false;
    const rows = this.source.readPage(this.scannedUpTo, head, this.source.filter, this.source.pageSize);
    // A full page may stop short of the head; a short page means everything up to
    // the head was scanned, including events the filter skipped.
    this.scannedUpTo = rows.length === this.source.pageSize ? rows[rows.length - 1].position : head;
    this.page = rows.map(this.source.toEvent);
    this.index = 0;
    return this.page.length > 0;
  }

  private markCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }
}
