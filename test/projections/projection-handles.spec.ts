import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { SqliteEventStore, type RecordedEvent } from '@rag-ledger/event-store';
import { openReadModelDatabase, ProjectionRunner, rebuildFile, type Projection } from '@rag-ledger/projections';

/** Records the types it is given. */
class TypesSeen implements Projection {
  readonly name = 'types-seen';
  readonly version = 1;
  readonly handles = ['PlanCreated', 'ActionAdded'];
  private insert!: Statement<[number, string]>;
  setup(db: Database): void {
    db.exec('CREATE TABLE IF NOT EXISTS types_seen (position INTEGER PRIMARY KEY, type TEXT NOT NULL)');
    this.insert = db.prepare('INSERT INTO types_seen (position, type) VALUES (?, ?)');
  }
  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS types_seen');
  }
  apply(event: RecordedEvent): void {
    this.insert.run(Number(event.position), event.type);
  }
  finishBulkLoad(): void {}
}

describe('a projection is given only the event types it handles', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = new SqliteEventStore({ filename: ':memory:', pollIntervalMs: 5 });
    for (const type of ['PlanCreated', 'WorkstreamAdded', 'ActionAdded', 'ActionStarted']) {
      await store.appendToStream('plan-P', { type, data: {}, metadata: {} });
    }
  });
  afterEach(() => store.close());

  it('by the runner, whose position still passes the events it skipped', async () => {
    const db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, db, [new TypesSeen()], { streamPrefixes: ['plan-'] });
    try {
      await runner.start();
      expect(await runner.waitFor(4n, 5_000)).toBe(true);
      expect(db.prepare('SELECT position, type FROM types_seen ORDER BY position').all()).toEqual([
        { position: 1, type: 'PlanCreated' },
        { position: 3, type: 'ActionAdded' },
      ]);
    } finally {
      await runner.stop();
      db.close();
    }
  });

  it('by a rebuild', async () => {
    const projection = new TypesSeen();
    const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-handles-'));
    const filename = join(dir, 'main.db');
    try {
      expect(await rebuildFile(store, { filename, schema: 'main', projections: [projection], streamPrefixes: ['plan-'], batchSize: 10 })).toEqual({ count: 4, position: 4, identity: await store.identity() });
      const db = openReadModelDatabase(filename);
      expect(db.prepare('SELECT type FROM types_seen ORDER BY position').pluck().all()).toEqual(['PlanCreated', 'ActionAdded']);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
