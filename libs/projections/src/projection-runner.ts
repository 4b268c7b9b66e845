import type { Database, Statement } from 'better-sqlite3';
import { EventStoreClosedError, START, StoreRefusedError, type AllSubscription, type EventStore, type RecordedEvent, type StoreIdentity } from '@rag-ledger/event-store';
import { readsType, schemaOf, type Projection } from './projection';
import { DEFAULT_RETRY_BACKOFF, delayBefore, describeError, EventNotAppliedError, type ProjectionFailure, type RetryBackoff } from './projection-failure';
import { READ_MODEL_SCHEMAS, type ReadModelSchema } from './read-model-database';
import { rebuildReason, recordedStoreIdentity, recordStoreIdentity } from './read-model-store-identity';

export interface ProjectionRunnerOptions {
  /** Stream categories the projections read; filtered by the store (server-side on EventStoreDB). */
  streamPrefixes: string[];
  /** Most events applied in one read-model transaction. */
  batchSize?: number;
  /** Called after each committed batch, with the events in it. */
  onBatch?: (events: RecordedEvent[]) => void;
  /** The subscription to the log itself failed: nothing is projected any more. */
  onError?: (error: unknown) => void;
  /** A projection could not apply an event: called once when it starts failing, not at each retry. */
  onFailure?: (failure: ProjectionFailure, error: unknown) => void;
  /** A failed projection applied the events it had missed and is back with the others. */
  onRecovery?: (projection: string, position: bigint, failedAttempts: number) => void;
  /** How long a failed projection waits before each new attempt; by default from 100 ms doubling to 30 s. */
  retryBackoff?: RetryBackoff;
  /**
   * A read-model file was projected from another log (or records none though it has projected):
   * its projections are torn down and projected again from this store's log. Called once per file, with why.
   */
  onRebuild?: (reason: string) => void;
  /** The store could not say which log it is (EventStoreDB not answering yet): asked again after the delay (`retryBackoff`). */
  onIdentityUnavailable?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Feeds projections from the store's ordered log. Each batch of events and the
 * checkpoints that record it commit in one SQLite transaction, so a crash never
 * skips or doubles an event: on restart the runner resumes after the checkpoint.
 *
 * A projection that throws on an event is set aside, its part of the batch undone, while the
 * others carry on: it is reported (`failures`, and `onFailure` once) and tried again with
 * back-off, reading the events it missed from the log itself, until it has caught up with the
 * others and rejoins them. A fault that passes heals by itself; one that lasts stays reported.
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private processed = 0n;
  private waiters: Array<{ position: bigint; resolve: (reached: boolean) => void }> = [];
  private failure: unknown;
  private failedAt: Date | undefined;
  private stopped = false;
  /** The start under way (reading the store's identity), shared by callers; a stop abandons it. */
  private starting: Promise<void> | undefined;
  /** Counts stops, so a start that was waiting when one came knows it is over. */
  private stops = 0;
  /** Ends the wait between two attempts to read the store's identity (see stop). */
  private wake: (() => void) | undefined;
  /** The last position the main loop committed: what a failed projection catches up to. */
  private committed = 0n;
  private readonly batchSize: number;
  private readonly backoff: RetryBackoff;
  private readonly checkpoints: Map<string, bigint> = new Map();
  private readonly failing: Map<string, ProjectionFailure> = new Map();
  private readonly retryTimers: Map<string, NodeJS.Timeout> = new Map();
  private readonly retries: Set<Promise<void>> = new Set();
  private readonly saveCheckpoint: Map<ReadModelSchema, Statement<[number, string]>> = new Map();
  private readonly applyBatch: (events: RecordedEvent[]) => EventNotAppliedError[];
  private readonly applyTo: (projection: Projection, events: RecordedEvent[], upTo: bigint) => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.backoff = options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    this.prepareProjections();
    for (const schema of new Set(projections.map(schemaOf))) {
      this.saveCheckpoint.set(schema, db.prepare(`UPDATE ${schema}.projection_checkpoints SET position = ? WHERE name = ?`));
    }
    // One projection's share of a batch; inside applyBatch a savepoint, so a failure undoes that share alone.
    this.applyTo = db.transaction((projection: Projection, events: RecordedEvent[], upTo: bigint) => {
      const checkpoint = this.checkpoints.get(projection.name) ?? 0n;
      if (checkpoint >= upTo) return;
      for (const event of events) {
        // Skipped, not filtered out of the subscription: positions still advance over every
        // event of the projected streams, so a `minPosition` of any of them is reached.
        if (event.position <= checkpoint || !readsType(projection, event.type)) continue;
        try {
          projection.apply(event);
        } catch (error) {
          throw new EventNotAppliedError(projection.name, event, error);
        }
      }
      // In the projection's own file: its rows and its checkpoint commit together.
      this.saveCheckpoint.get(schemaOf(projection))!.run(Number(upTo), projection.name);
    });
    this.applyBatch = db.transaction((events: RecordedEvent[]) => {
      const last = events[events.length - 1].position;
      const failed: EventNotAppliedError[] = [];
      for (const projection of this.projections) {
        if (this.failing.has(projection.name)) continue;
        try {
          this.applyTo(projection, events, last);
        } catch (error) {
          // Disk full or an I/O error ends the whole transaction in SQLite: then none of the batch may be kept.
          if (!(error instanceof EventNotAppliedError) || !db.inTransaction) throw error;
          failed.push(error);
        }
      }
      return failed;
    });
  }

  /** The position of the last event every projection has applied. */
  get position(): bigint {
    return this.processed;
  }

  get failed(): unknown {
    return this.failure;
  }

  /**
   * The projections that could not apply an event and are being tried again, in the order they
   * failed; and, if the log itself can no longer be read, every other one, stopped where it stands.
   */
  get failures(): ProjectionFailure[] {
    const failing = [...this.failing.values()];
    if (this.failure === undefined) return failing;
    const stopped = this.projections.filter((p) => !this.failing.has(p.name));
    return [
      ...failing,
      ...stopped.map((p) => ({
        projection: p.name,
        stoppedAt: this.checkpoints.get(p.name) ?? 0n,
        error: `the log could not be read: ${describeError(this.failure)}`,
        attempts: 1,
        since: this.failedAt ?? new Date(),
      })),
    ];
  }

  /**
   * Reads which log the store is, rebuilds the files projected from another, then subscribes;
   * resolves once the read models have caught up with the log (or when stopped first).
   */
  async start(): Promise<void> {
    if (this.loop) return;
    if (!this.starting) {
      const starting = this.begin().finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  private async begin(): Promise<void> {
    this.stopped = false;
    const stops = this.stops;
    const identity = await this.storeIdentity(stops);
    if (identity === undefined || this.stops !== stops) return;
    // Before the live loop and before any failed projection's catch-up: neither may read this
    // log from a position that came from another.
    this.reconcileStoreIdentity(identity);
    const from = this.lowestCheckpoint(this.processed);
    this.committed = from;
    this.subscription = this.store.subscribeToAll({
      fromPosition: from === 0n ? START : from,
      filter: { streamPrefixes: this.options.streamPrefixes },
    });
    this.loop = this.run(this.subscription);
    // Projections left failing by an earlier stop are tried again now.
    for (const name of this.failing.keys()) this.retryAfter(name, 0);
    await Promise.race([this.subscription.caughtUp, this.loop]);
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stops++;
    this.starting = undefined;
    this.wake?.();
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    await this.subscription?.close();
    await this.loop;
    await Promise.all(this.retries);
    this.loop = undefined;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
  }

  /** Resolves true once the projections have applied `position`, false after the timeout. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.processed >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private prepareProjections(): void {
    this.db.transaction(() => {
      for (const projection of this.projections) {
        const schema = schemaOf(projection);
        const checkpoints = `${schema}.projection_checkpoints`;
        const stored = this.db
          .prepare<[string], { version: number; position: number }>(`SELECT version, position FROM ${checkpoints} WHERE name = ?`)
          .get(projection.name);
        if (stored && stored.version !== projection.version) {
          // The read model's shape changed: rebuild it from the log.
          projection.teardown(this.db);
          this.db.prepare(`DELETE FROM ${checkpoints} WHERE name = ?`).run(projection.name);
        }
        // A checkpoint left in another file by a version that kept the projection there.
        for (const other of READ_MODEL_SCHEMAS) {
          if (other !== schema) this.db.prepare(`DELETE FROM ${other}.projection_checkpoints WHERE name = ?`).run(projection.name);
        }
        projection.setup(this.db);
        const fresh = !stored || stored.version !== projection.version;
        if (fresh) {
          this.db.prepare(`INSERT INTO ${checkpoints} (name, version, position) VALUES (?, ?, 0)`).run(projection.name, projection.version);
        }
        this.checkpoints.set(projection.name, fresh ? 0n : BigInt(stored.position));
      }
    }).immediate();
    this.processed = this.lowestCheckpoint(BigInt(Number.MAX_SAFE_INTEGER));
    if (this.projections.length === 0) this.processed = 0n;
  }

  /**
   * The store's identity, asked again with back-off while it cannot answer (EventStoreDB may be
   * down when the server starts, and the app waits for its read models); undefined once stopped.
   * A StoreRefusedError (access denied, the identity stream changed) ends the start with it.
   */
  private async storeIdentity(stops: number): Promise<StoreIdentity | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.identity();
      } catch (error) {
        if (this.stops !== stops) return undefined;
        // A refusal is not waited out: start fails with it, so the operator reads why at once.
        if (error instanceof EventStoreClosedError || error instanceof StoreRefusedError) throw error;
        const delay = delayBefore(attempt, this.backoff);
        this.options.onIdentityUnavailable?.(error, attempt, delay);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        if (this.stops !== stops) return undefined;
      }
    }
  }

  /**
   * Per read-model file: records the store's identity where none is and nothing was projected;
   * where another log's (or none, though something was) is recorded, tears its projections
   * down and sets them back to 0 to project this log from its start, in one transaction with
   * the identity it then records. Only this runner's projections count and are rebuilt.
   */
  private reconcileStoreIdentity(identity: StoreIdentity): void {
    const reasons: string[] = [];
    this.db.transaction(() => {
      for (const schema of new Set(this.projections.map(schemaOf))) {
        const projections = this.projections.filter((p) => schemaOf(p) === schema);
        const projected = projections.some((p) => (this.checkpoints.get(p.name) ?? 0n) > 0n);
        const reason = rebuildReason(recordedStoreIdentity(this.db, schema), identity, projected);
        if (reason !== undefined) {
          for (const projection of projections) {
            projection.teardown(this.db);
            projection.setup(this.db);
            this.saveCheckpoint.get(schema)!.run(0, projection.name);
            this.checkpoints.set(projection.name, 0n);
            // Failing in the other log: here it starts again with the rest.
            this.failing.delete(projection.name);
          }
          reasons.push(`${reason} (${schema === 'main' ? 'the boards' : 'the audit trail'}: ${projections.map((p) => p.name).join(', ')})`);
        }
        recordStoreIdentity(this.db, schema, identity);
      }
    }).immediate();
    if (reasons.length > 0) this.processed = this.lowestCheckpoint(BigInt(Number.MAX_SAFE_INTEGER));
    for (const reason of reasons) this.options.onRebuild?.(reason);
  }

  private async run(subscription: AllSubscription): Promise<void> {
    let batch: RecordedEvent[] = [];
    try {
      for await (const event of subscription) {
        batch.push(event);
        // Commit when nothing more is waiting, so live events are projected at once
        // and catch-up still gets the speed of large transactions.
        if (subscription.buffered === 0 || batch.length >= this.batchSize) {
          this.commit(batch);
          batch = [];
        }
      }
    } catch (error) {
      this.failure = error;
      this.failedAt = new Date();
      this.options.onError?.(error);
    }
  }

  private commit(batch: RecordedEvent[]): void {
    const last = batch[batch.length - 1].position;
    let failed: EventNotAppliedError[];
    try {
      failed = this.applyBatch(batch);
    } catch (error) {
      // Nothing of the batch was written: every projection it was for catches up on its own.
      this.committed = last;
      for (const projection of this.projections) {
        if (!this.failing.has(projection.name) && (this.checkpoints.get(projection.name) ?? 0n) < last) this.fail(projection.name, undefined, error);
      }
      return;
    }
    for (const projection of this.projections) {
      if (this.failing.has(projection.name) || failed.some((f) => f.projection === projection.name)) continue;
      if ((this.checkpoints.get(projection.name) ?? 0n) < last) this.checkpoints.set(projection.name, last);
    }
    this.committed = last;
    for (const failure of failed) this.fail(failure.projection, failure.event, failure.cause);
    this.advance();
    this.options.onBatch?.(batch);
  }

  /** The lowest position a projection has reached, and no higher than `atMost`: where every one of them stands. */
  private lowestCheckpoint(atMost: bigint): bigint {
    return [...this.checkpoints.values()].reduce((min, p) => (p < min ? p : min), atMost);
  }

  /** The position every projection has applied, and the read-your-writes waits it answers. */
  private advance(): void {
    this.processed = this.lowestCheckpoint(this.committed);
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.position <= this.processed);
      this.waiters = this.waiters.filter((w) => w.position > this.processed);
      for (const waiter of ready) waiter.resolve(true);
    }
  }

  /** Sets a projection aside, reports it (once per run of failures) and tries it again after its back-off. */
  private fail(name: string, event: RecordedEvent | undefined, error: unknown): void {
    const previous = this.failing.get(name);
    const attempts = (previous?.attempts ?? 0) + 1;
    const delay = delayBefore(attempts, this.backoff);
    const failure: ProjectionFailure = {
      projection: name,
      stoppedAt: this.checkpoints.get(name) ?? 0n,
      event: event && { id: event.id, type: event.type, streamId: event.streamId, position: event.position },
      error: describeError(error),
      attempts,
      since: previous?.since ?? new Date(),
      nextAttemptAt: new Date(Date.now() + delay),
    };
    this.failing.set(name, failure);
    if (!previous) this.options.onFailure?.(failure, error);
    this.retryAfter(name, delay);
  }

  private retryAfter(name: string, delay: number): void {
    if (this.stopped) return;
    this.retryTimers.set(
      name,
      setTimeout(() => {
        this.retryTimers.delete(name);
        const retry = this.catchUp(name).finally(() => this.retries.delete(retry));
        this.retries.add(retry);
      }, delay),
    );
  }

  /**
   * Applies to a failed projection, alone and from its checkpoint, the events the others have
   * committed since, read from the log; then it rejoins them, in the same turn of the event
   * loop as its last check, so no batch of the main loop can slip between.
   */
  private async catchUp(name: string): Promise<void> {
    const projection = this.projections.find((p) => p.name === name)!;
    try {
      for (;;) {
        const from = this.checkpoints.get(name) ?? 0n;
        const target = this.committed;
        if (from >= target) break;
        const events: RecordedEvent[] = [];
        const read: bigint[] = [];
        // Inclusive of `from` (a position the store knows), which is skipped.
        for await (const event of this.store.readAll({ fromPosition: from === 0n ? START : from, maxCount: this.batchSize + 1 })) {
          if (event.position <= from) continue;
          if (event.position > target) break;
          read.push(event.position);
          if (this.options.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) events.push(event);
        }
        if (this.stopped) return;
        if (read.length === 0) throw new Error(`the log has no event after position ${from}, though the other projections reached ${target}`);
        try {
          this.applyTo(projection, events, read[read.length - 1]);
        } catch (error) {
          // Keep what comes before the event it cannot apply: its read model then stands just before it.
          const upTo = error instanceof EventNotAppliedError ? read.filter((p) => p < error.event.position).pop() : undefined;
          if (upTo !== undefined) {
            this.applyTo(projection, events.filter((e) => e.position <= upTo), upTo);
            this.checkpoints.set(name, upTo);
          }
          throw error;
        }
        this.checkpoints.set(name, read[read.length - 1]);
      }
    } catch (error) {
      if (this.stopped) return;
      this.fail(name, error instanceof EventNotAppliedError ? error.event : undefined, error instanceof EventNotAppliedError ? error.cause : error);
      return;
    }
    if (this.stopped) return;
    const failure = this.failing.get(name);
    this.failing.delete(name);
    this.advance();
    if (failure) this.options.onRecovery?.(name, this.checkpoints.get(name) ?? 0n, failure.attempts);
  }
}
