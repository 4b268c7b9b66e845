import type { Database, Statement } from 'better-sqlite3';
import { SqliteEventStore, type AllSubscription, type EventStore, type RecordedEvent, type SubscribeToAllOptions } from '@rag-ledger/event-store';
import { delayBefore, openReadModelDatabase, ProjectionRunner, type Projection, type ProjectionFailure } from '@rag-ledger/projections';

/** Records every event it applies, once each (a second time would break the primary key). */
class RecordingProjection implements Projection {
  readonly version = 1;
  /** 'Elsewhere' too: the stream filter, not `handles`, keeps that one out. */
  readonly handles = ['PlanCreated', 'WorkstreamAdded', 'Poison', 'ActionAdded', 'ActionStarted', 'ActionRagChanged', 'Elsewhere'];
  protected insert!: Statement<[number, string]>;
  constructor(readonly name: string) {}
  setup(db: Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS "${this.name}" (position INTEGER PRIMARY KEY, id TEXT NOT NULL)`);
    this.insert = db.prepare<[number, string]>(`INSERT INTO "${this.name}" (position, id) VALUES (?, ?)`);
  }
  teardown(db: Database): void {
    db.exec(`DROP TABLE IF EXISTS "${this.name}"`);
  }
  apply(event: RecordedEvent): void {
    this.insert.run(Number(event.position), event.id);
  }
  finishBulkLoad(): void {}
}

/** Throws on the event of type `Poison` while `failing()` says so; writes its row first, so a failure must undo it. */
class FlakyProjection extends RecordingProjection {
  calls = 0;
  constructor(
    name: string,
    private readonly failing: () => boolean,
  ) {
    super(name);
  }
  override apply(event: RecordedEvent): void {
    super.apply(event);
    if (event.type === 'Poison') {
      this.calls++;
      if (this.failing()) throw new Error('the council name has no row in the lookup table');
    }
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error(`gave up waiting until ${what}`);
}

describe('ProjectionRunner: a projection that fails to apply an event', () => {
  let store: SqliteEventStore;
  let db: Database;
  let runner: ProjectionRunner | undefined;
  const positions = (name: string) => db.prepare(`SELECT position FROM "${name}" ORDER BY position`).pluck().all();
  const append = async (type: string, stream = 'plan-P') => (await store.appendToStream(stream, { type, data: {}, metadata: {} })).position;

  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 5 });
    db = openReadModelDatabase(':memory:');
    for (const type of ['PlanCreated', 'WorkstreamAdded', 'Poison', 'ActionAdded']) await append(type);
    await append('Elsewhere', 'other-X');
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    db.close();
    await store.close();
  });

  it('is set aside and reported once, while the others carry on; it heals by itself and misses nothing', async () => {
    let failing = true;
    const flaky = new FlakyProjection('flaky', () => failing);
    const reported: ProjectionFailure[] = [];
    const recovered: Array<[string, bigint, number]> = [];
    runner = new ProjectionRunner(store, db, [new RecordingProjection('steady'), flaky], {
      streamPrefixes: ['plan-'],
      retryBackoff: { firstDelayMs: 5, maxDelayMs: 20 },
      onFailure: (failure) => reported.push(failure),
      onRecovery: (...args) => recovered.push(args),
    });
    await runner.start();

    expect(positions('steady')).toEqual([1, 2, 3, 4]);
    // Its rows for the batch were undone with its checkpoint: it stands at the event before.
    expect(positions('flaky')).toEqual([]);
    expect(runner.failures).toEqual([
      expect.objectContaining({
        projection: 'flaky', stoppedAt: 0n, error: 'the council name has no row in the lookup table', attempts: 1,
        event: { id: expect.any(String), type: 'Poison', streamId: 'plan-P', position: 3n },
      }),
    ]);
    expect(runner.position).toBe(0n);

    await until(() => flaky.calls >= 4, 'it has been tried again three times');
    // New events reach the others meanwhile.
    const later = await append('ActionStarted');
    await until(() => positions('steady').length === 5, 'the steady projection has the new event');
    expect(runner.failures).toEqual([expect.objectContaining({ projection: 'flaky', stoppedAt: 2n, attempts: expect.any(Number) })]);
    expect(runner.failures[0].attempts).toBeGreaterThanOrEqual(4);
    expect(runner.position).toBe(2n);

    failing = false;
    expect(await runner.waitFor(later, 10_000)).toBe(true);
    expect(runner.failures).toEqual([]);
    expect(positions('flaky')).toEqual([1, 2, 3, 4, Number(later)]);
    expect(reported).toHaveLength(1);
    expect(recovered).toEqual([['flaky', expect.any(BigInt), expect.any(Number)]]);

    // Back with the others: live events reach it in the main loop again.
    const last = await append('ActionRagChanged');
    expect(await runner.waitFor(last, 10_000)).toBe(true);
    expect(positions('flaky')).toEqual(positions('steady'));
    expect(db.prepare('SELECT name, position FROM projection_checkpoints ORDER BY name').all()).toEqual([
      { name: 'flaky', position: Number(last) },
      { name: 'steady', position: Number(last) },
    ]);
  });

  it('stays reported while it keeps failing, and carries on from its checkpoint after a restart', async () => {
    const flaky = new FlakyProjection('flaky', () => true);
    const reported: ProjectionFailure[] = [];
    runner = new ProjectionRunner(store, db, [new RecordingProjection('steady'), flaky], {
      streamPrefixes: ['plan-'],
      retryBackoff: { firstDelayMs: 1, maxDelayMs: 4 },
      onFailure: (failure) => reported.push(failure),
    });
    await runner.start();
    await until(() => flaky.calls >= 6, 'it has failed six times');
    expect(runner.failures).toEqual([expect.objectContaining({ projection: 'flaky', stoppedAt: 2n, event: expect.objectContaining({ type: 'Poison' }) })]);
    expect(reported).toHaveLength(1);
    expect(await runner.waitFor(4n, 20)).toBe(false);
    await runner.stop();

    // Fixed (a new release, say): the next start applies what it missed.
    runner = new ProjectionRunner(store, db, [new RecordingProjection('steady'), new FlakyProjection('flaky', () => false)], { streamPrefixes: ['plan-'] });
    await runner.start();
    expect(runner.failures).toEqual([]);
    expect(positions('flaky')).toEqual([1, 2, 3, 4]);
    expect(runner.position).toBe(4n);
  });

  it('tries a projection left failing again when the same runner is started again', async () => {
    let failing = true;
    const flaky = new FlakyProjection('flaky', () => failing);
    runner = new ProjectionRunner(store, db, [new RecordingProjection('steady'), flaky], {
      streamPrefixes: ['plan-'],
      retryBackoff: { firstDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await runner.start();
    expect(runner.failures).toEqual([expect.objectContaining({ projection: 'flaky' })]);
    await runner.stop();
    failing = false;
    await runner.start();
    expect(await runner.waitFor(4n, 10_000)).toBe(true);
    expect(runner.failures).toEqual([]);
    expect(positions('flaky')).toEqual([1, 2, 3, 4]);
  });

  it('reports every projection as stopped when the log itself can no longer be read', async () => {
    let breakLog!: (error: Error) => void;
    const broken = new Promise<never>((_, reject) => (breakLog = reject));
    broken.catch(() => undefined);
    // The store's subscription, which fails when the test says so (as a corrupted log file or a lost EventStoreDB would).
    const breakable: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribeToAll: (options?: SubscribeToAllOptions): AllSubscription => {
        const subscription = store.subscribeToAll(options);
        const events = subscription[Symbol.asyncIterator]();
        return {
          caughtUp: subscription.caughtUp,
          get isCaughtUp() { return subscription.isCaughtUp; },
          get buffered() { return subscription.buffered; },
          close: () => subscription.close(),
          [Symbol.asyncIterator]: () => ({ next: () => Promise.race([events.next(), broken]) }),
        };
      },
    });
    const errors: unknown[] = [];
    runner = new ProjectionRunner(breakable, db, [new RecordingProjection('boards'), new RecordingProjection('trail')], {
      streamPrefixes: ['plan-'],
      onError: (error) => errors.push(error),
    });
    await runner.start();
    expect(runner.failures).toEqual([]);
    breakLog(new Error('disk I/O error'));
    await until(() => runner!.failures.length > 0, 'the runner has seen the failure');
    expect(runner.failures).toEqual([
      { projection: 'boards', stoppedAt: 4n, error: 'the log could not be read: disk I/O error', attempts: 1, since: expect.any(Date) },
      { projection: 'trail', stoppedAt: 4n, error: 'the log could not be read: disk I/O error', attempts: 1, since: expect.any(Date) },
    ]);
    expect(errors).toEqual([new Error('disk I/O error')]);
  });

  it('waits 100 ms, then twice as long each time, up to 30 s', () => {
    const backoff = { firstDelayMs: 100, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 9, 10, 11, 500].map((attempt) => delayBefore(attempt, backoff))).toEqual([100, 200, 400, 800, 25_600, 30_000, 30_000, 30_000]);
  });
});
