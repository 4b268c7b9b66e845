import type { Database, Statement } from 'better-sqlite3';
import { START, type AllSubscription, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import { schemaOf, type Projection } from './projection';
import { READ_MODEL_SCHEMAS, type ReadModelSchema } from './read-model-database';

export interface ProjectionRunnerOptions {
  /** Stream categories the projections read; filtered by the store (server-side on EventStoreDB). */
  streamPrefixes: string[];
  /** Most events applied in one read-model transaction. */
  batchSize?: number;
  /** Called after each committed batch, with the events in it. */
  onBatch?: (events: RecordedEvent[]) => void;
  onError?: (error: unknown) => void;
}

/**
 * Feeds projections from the store's ordered log. Each batch of events and the
 * checkpoints that record it commit in one SQLite transaction, so a crash never
 * skips or doubles an event: on restart the runner resumes after the checkpoint.
 */
export class ProjectionRunner {
  private subscription: AllSubscription | undefined;
  private loop: Promise<void> | undefined;
  private processed = 0n;
  private waiters: Array<{ position: bigint; resolve: (reached: boolean) => void }> = [];
  private failure: unknown;
  private readonly batchSize: number;
  private readonly checkpoints: Map<string, bigint> = new Map();
  private readonly saveCheckpoint: Map<ReadModelSchema, Statement<[number, string]>> = new Map();
  private readonly applyBatch: (events: RecordedEvent[]) => void;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.prepareProjections();
    for (const schema of new Set(projections.map(schemaOf))) {
      this.saveCheckpoint.set(schema, db.prepare(`UPDATE ${schema}.projection_checkpoints SET position = ? WHERE name = ?`));
    }
    this.applyBatch = db.transaction((events: RecordedEvent[]) => {
      const last = events[events.length - 1].position;
      for (const projection of this.projections) {
        const checkpoint = this.checkpoints.get(projection.name) ?? 0n;
        if (checkpoint >= last) continue;
        for (const event of events) if (event.position > checkpoint) projection.apply(event);
        // In the projection's own file: its rows and its checkpoint commit together.
        this.saveCheckpoint.get(schemaOf(projection))!.run(Number(last), projection.name);
      }
    });
  }

  /** The position of the last event every projection has applied. */
  get position(): bigint {
    return this.processed;
  }

  get failed(): unknown {
    return this.failure;
  }

  /** Subscribes and resolves once the read models have caught up with the log. */
  async start(): Promise<void> {
    if (this.loop) return;
    const from = [...this.checkpoints.values()].reduce((min, p) => (p < min ? p : min), this.processed);
    this.subscription = this.store.subscribeToAll({
      fromPosition: from === 0n ? START : from,
      filter: { streamPrefixes: this.options.streamPrefixes },
    });
    this.loop = this.run(this.subscription);
    await Promise.race([this.subscription.caughtUp, this.loop]);
    if (this.failure) throw this.failure;
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.loop;
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
    this.processed = [...this.checkpoints.values()].reduce((min, p) => (p < min ? p : min), BigInt(Number.MAX_SAFE_INTEGER));
    if (this.projections.length === 0) this.processed = 0n;
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
      this.options.onError?.(error);
    }
  }

  private commit(batch: RecordedEvent[]): void {
    this.applyBatch(batch);
    const last = batch[batch.length - 1].position;
    for (const projection of this.projections) {
      if ((this.checkpoints.get(projection.name) ?? 0n) < last) this.checkpoints.set(projection.name, last);
    }
    this.processed = last;
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.position <= last);
      this.waiters = this.waiters.filter((w) => w.position > last);
      for (const waiter of ready) waiter.resolve(true);
    }
    this.options.onBatch?.(batch);
  }
}
