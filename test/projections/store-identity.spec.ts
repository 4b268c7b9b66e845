import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { SqliteEventStore, StoreRefusedError, type EventStore, type RecordedEvent, type StoreIdentity } from '@rag-ledger/event-store';
import {
  openReadModelDatabase,
  ProjectionRunner,
  rebuildReadModels,
  recordedStoreIdentity,
  type Projection,
  type ReadModelSchema,
} from '@rag-ledger/projections';

/** Keeps every event it applies as a row (a second apply of one would break the primary key), and counts its applies. */
class RecordingProjection implements Projection {
  readonly version = 1;
  readonly handles = ['PlanCreated', 'ActionAdded'];
  applies = 0;
  private insert!: Statement<[number, string]>;
  constructor(
    readonly name: string,
    readonly schema: ReadModelSchema = 'main',
  ) {}
  setup(db: Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.schema}."${this.name}" (position INTEGER PRIMARY KEY, id TEXT NOT NULL)`);
    this.insert = db.prepare(`INSERT INTO ${this.schema}."${this.name}" (position, id) VALUES (?, ?)`);
  }
  teardown(db: Database): void {
    db.exec(`DROP TABLE IF EXISTS ${this.schema}."${this.name}"`);
  }
  apply(event: RecordedEvent): void {
    this.applies++;
    this.insert.run(Number(event.position), event.id);
  }
  finishBulkLoad(): void {}
}

const projections = () => [new RecordingProjection('boards'), new RecordingProjection('trail', 'audit_trail')];

describe('read models record the log they were projected from, and are rebuilt when it changes', () => {
  let dir: string;
  let storeA: SqliteEventStore;
  let storeB: SqliteEventStore;
  let idsA: string[];
  let idsB: string[];
  const open: Database[] = [];

  /** Writes `count` events of a plan's stream (after one the projections do not read) to a store. */
  async function fill(store: EventStore, plan: string, count: number): Promise<void> {
    await store.appendToStream('other-x', { type: 'Elsewhere', data: {} });
    for (let i = 0; i < count; i++) await store.appendToStream(`plan-${plan}`, { type: i === 0 ? 'PlanCreated' : 'ActionAdded', data: { i } });
  }

  /** The events' own ids, in log order, for the rows a projection holds. */
  const rowIds = (db: Database, projection: RecordingProjection) =>
    db.prepare(`SELECT id FROM ${projection.schema}."${projection.name}" ORDER BY position`).pluck().all() as string[];
  const eventIds = async (store: EventStore) => {
    const ids: string[] = [];
    for await (const event of store.readAll()) if (event.streamId.startsWith('plan-')) ids.push(event.id);
    return ids;
  };

  function readModels(name: string): Database {
    const db = openReadModelDatabase(join(dir, name));
    open.push(db);
    return db;
  }

  /** Starts a runner over the file with fresh projections, lets it catch up, stops it; answers what it did. */
  async function project(store: EventStore, db: Database) {
    const reasons: string[] = [];
    const ps = projections();
    const runner = new ProjectionRunner(store, db, ps, { streamPrefixes: ['plan-'], onRebuild: (reason) => reasons.push(reason) });
    await runner.start();
    const position = runner.position;
    await runner.stop();
    return { reasons, projections: ps, position };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-store-identity-'));
    storeA = new SqliteEventStore({ filename: join(dir, 'a-events.db') });
    storeB = new SqliteEventStore({ filename: join(dir, 'b-events.db') });
    await fill(storeA, 'A', 5);
    await fill(storeB, 'B', 3);
    idsA = await eventIds(storeA);
    idsB = await eventIds(storeB);
  });
  afterAll(async () => {
    for (const db of open) if (db.open) db.close();
    await Promise.all([storeA.close(), storeB.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given files that record nothing and projected nothing, when the runner starts, then each file records the store and nothing is rebuilt', async () => {
    const db = readModels('new.db');
    expect(recordedStoreIdentity(db, 'main')).toBeUndefined();
    const { reasons, projections: [boards, trail] } = await project(storeA, db);
    expect(reasons).toEqual([]);
    const identity = await storeA.identity();
    expect(recordedStoreIdentity(db, 'main')).toEqual(identity);
    expect(recordedStoreIdentity(db, 'audit_trail')).toEqual(identity);
    expect(rowIds(db, boards)).toEqual(idsA);
    expect(rowIds(db, trail)).toEqual(idsA);
  });

  it('given files projected from the same store, when the runner starts again, then it resumes: nothing is applied twice, only the new event', async () => {
    const db = readModels('same.db');
    await project(storeA, db);
    const again = await project(storeA, db);
    expect(again.reasons).toEqual([]);
    expect(again.projections.map((p) => p.applies)).toEqual([0, 0]);

    const added = await storeA.appendToStream('plan-A', { type: 'ActionAdded', data: {} });
    const resumed = await project(storeA, db);
    expect(resumed.reasons).toEqual([]);
    expect(resumed.projections.map((p) => p.applies)).toEqual([1, 1]);
    expect(resumed.position).toBe(added.position);
    idsA = await eventIds(storeA);
    expect(rowIds(db, resumed.projections[0])).toEqual(idsA);
  });

  it('given files projected from store A, when the runner starts on store B, then both files are rebuilt from B, A\'s rows gone, and it says why', async () => {
    const db = readModels('changed.db');
    await project(storeA, db);
    const a = await storeA.identity();
    const b = await storeB.identity();
    expect(b.id).not.toBe(a.id);

    const { reasons, projections: [boards, trail], position } = await project(storeB, db);
    expect(rowIds(db, boards)).toEqual(idsB);
    expect(rowIds(db, trail)).toEqual(idsB);
    expect(boards.applies).toBe(idsB.length);
    expect(position).toBe(await storeB.headPosition());
    expect(recordedStoreIdentity(db, 'main')).toEqual(b);
    expect(recordedStoreIdentity(db, 'audit_trail')).toEqual(b);
    const why = `read models were projected from the embedded store (id ${a.id}); the event store is now the embedded store (id ${b.id}): rebuilding them from its log`;
    expect(reasons).toEqual([`${why} (the boards: boards)`, `${why} (the audit trail: trail)`]);
    const checkpoints = db.prepare('SELECT name, position FROM projection_checkpoints UNION ALL SELECT name, position FROM audit_trail.projection_checkpoints').all();
    expect(checkpoints).toEqual([
      { name: 'boards', position: Number(position) },
      { name: 'trail', position: Number(position) },
    ]);

    // And back: B's rows go, A's come again.
    const back = await project(storeA, db);
    expect(back.reasons).toHaveLength(2);
    expect(rowIds(db, back.projections[0])).toEqual(idsA);
    expect(rowIds(db, back.projections[1])).toEqual(idsA);
  });

  it('given files whose checkpoints are past 0 but record no store (an earlier version), when the runner starts, then they are rebuilt', async () => {
    const db = readModels('older.db');
    await project(storeA, db);
    // As a version before identities left them: the rows and checkpoints, no identity.
    db.exec('DELETE FROM store_identity; DELETE FROM audit_trail.store_identity');
    db.prepare(`INSERT INTO boards (position, id) VALUES (100000, 'left by the old version')`).run();

    const { reasons, projections: [boards, trail] } = await project(storeA, db);
    const current = await storeA.identity();
    expect(reasons).toEqual([
      `read models do not record which event store they were projected from (written by an earlier version); the event store is the embedded store (id ${current.id}): rebuilding them from its log (the boards: boards)`,
      `read models do not record which event store they were projected from (written by an earlier version); the event store is the embedded store (id ${current.id}): rebuilding them from its log (the audit trail: trail)`,
    ]);
    expect(rowIds(db, boards)).toEqual(idsA);
    expect(boards.applies).toBe(idsA.length);
    expect(trail.applies).toBe(idsA.length);
    expect(recordedStoreIdentity(db, 'main')).toEqual(current);
  });

  it('given one file from another store and the other from this one, when the runner starts, then only that file is rebuilt', async () => {
    const db = readModels('half.db');
    await project(storeA, db);
    const other: StoreIdentity = { kind: 'eventstoredb', id: 'another-log' };
    db.prepare('UPDATE audit_trail.store_identity SET kind = ?, id = ?').run(other.kind, other.id);

    const { reasons, projections: [boards, trail] } = await project(storeA, db);
    expect(reasons).toEqual([
      `read models were projected from EventStoreDB (id another-log); the event store is now the embedded store (id ${(await storeA.identity()).id}): rebuilding them from its log (the audit trail: trail)`,
    ]);
    expect([boards.applies, trail.applies]).toEqual([0, idsA.length]);
    expect(rowIds(db, trail)).toEqual(idsA);
  });

  it('given the rebuild command\'s fresh files, then they record the store they were built from, and the runner resumes them', async () => {
    const filename = join(dir, 'rebuilt.db');
    const ps = projections();
    await rebuildReadModels({ store: storeB, filename, projections: ps, streamPrefixes: ['plan-'] });
    const db = readModels('rebuilt.db');
    const b = await storeB.identity();
    expect(recordedStoreIdentity(db, 'main')).toEqual(b);
    expect(recordedStoreIdentity(db, 'audit_trail')).toEqual(b);
    const resumed = await project(storeB, db);
    expect(resumed.reasons).toEqual([]);
    expect(resumed.projections.map((p) => p.applies)).toEqual([0, 0]);
    // On the other store, they are rebuilt.
    const moved = await project(storeA, db);
    expect(moved.reasons).toHaveLength(2);
    expect(rowIds(db, moved.projections[0])).toEqual(idsA);
  });
});

describe('ProjectionRunner: a store that cannot yet say which log it is', () => {
  let store: SqliteEventStore;
  let db: Database;
  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:' });
    db = openReadModelDatabase(':memory:');
    await store.appendToStream('plan-P', { type: 'PlanCreated', data: {} });
  });
  afterEach(async () => {
    db.close();
    await store.close();
  });

  /** The store, whose identity() fails `failures` times (as EventStoreDB not answering yet) and then answers. */
  function unreachableFor(failures: number): EventStore & { asked: number } {
    const wrapped = Object.create(store) as EventStore & { asked: number };
    wrapped.asked = 0;
    wrapped.identity = async () => {
      wrapped.asked++;
      if (wrapped.asked <= failures) throw new Error('14 UNAVAILABLE: No connection established');
      return store.identity();
    };
    return wrapped;
  }

  it('asks again with back-off until it answers, then projects', async () => {
    const unreachable = unreachableFor(3);
    const waits: Array<[string, number, number]> = [];
    const boards = new RecordingProjection('boards');
    const runner = new ProjectionRunner(unreachable, db, [boards], {
      streamPrefixes: ['plan-'],
      retryBackoff: { firstDelayMs: 5, maxDelayMs: 20 },
      onIdentityUnavailable: (error, attempt, delayMs) => waits.push([(error as Error).message, attempt, delayMs]),
    });
    await runner.start();
    expect(waits).toEqual([
      ['14 UNAVAILABLE: No connection established', 1, 5],
      ['14 UNAVAILABLE: No connection established', 2, 10],
      ['14 UNAVAILABLE: No connection established', 3, 20],
    ]);
    expect(runner.position).toBe(1n);
    expect(boards.applies).toBe(1);
    expect(recordedStoreIdentity(db, 'main')).toEqual(await store.identity());
    await runner.stop();
  });

  it('does not wait out a refusal: start fails with it at once, nothing is projected or recorded', async () => {
    const refusing = Object.create(store) as EventStore & { asked: number };
    refusing.asked = 0;
    refusing.identity = async () => {
      refusing.asked++;
      throw new StoreRefusedError('EventStoreDB refused to say which log it holds: access denied');
    };
    const waits: unknown[] = [];
    const boards = new RecordingProjection('boards');
    const runner = new ProjectionRunner(refusing, db, [boards], {
      streamPrefixes: ['plan-'],
      retryBackoff: { firstDelayMs: 5, maxDelayMs: 20 },
      onIdentityUnavailable: (error) => waits.push(error),
    });
    await expect(runner.start()).rejects.toThrow('EventStoreDB refused to say which log it holds: access denied');
    expect(refusing.asked).toBe(1);
    expect(waits).toEqual([]);
    expect(boards.applies).toBe(0);
    expect(recordedStoreIdentity(db, 'main')).toBeUndefined();
    await runner.stop();
  });

  it('ends the wait when stopped: start resolves, nothing is projected or recorded', async () => {
    const unreachable = unreachableFor(Infinity);
    const boards = new RecordingProjection('boards');
    const runner = new ProjectionRunner(unreachable, db, [boards], { streamPrefixes: ['plan-'], retryBackoff: { firstDelayMs: 60_000, maxDelayMs: 60_000 } });
    const started = runner.start();
    // Poll until the first attempt has failed and the runner is waiting its minute.
    for (let i = 0; i < 2000 && unreachable.asked === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(unreachable.asked).toBe(1);
    await runner.stop();
    await expect(started).resolves.toBeUndefined();
    expect(unreachable.asked).toBe(1);
    expect(boards.applies).toBe(0);
    expect(recordedStoreIdentity(db, 'main')).toBeUndefined();
  });
});
