import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import { readPlansJson } from '@rag-ledger/import';
import {
  createProjections,
  openReadModelDatabase,
  PROJECTED_STREAM_PREFIXES,
  ProjectionRunner,
  rebuildReadModels,
  type RebuildProgress,
} from '@rag-ledger/projections';
import { runImport } from '../../apps/api/src/import/run-import';
import { dumpDatabase } from '../support/dump-database';
import { NORFOLK_FILE } from '../support/norfolk';

/** Projects the log event by event, as the server does while it runs. */
async function projectLive(store: EventStore, filename: string): Promise<void> {
  const db = openReadModelDatabase(filename);
  const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES, batchSize: 1 });
  await runner.start();
  await runner.stop();
  db.close();
}

describe('rebuildReadModels: a bulk rebuild into a fresh file', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-rebuild-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    // The Norfolk plans with their RAG history and the education measures: every projection has work.
    const file = readPlansJson(readFileSync(NORFOLK_FILE, 'utf8'));
    const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
    await runImport(store, clock, file, {}, { actor: { id: 'importer', name: 'Importer', role: 'admin' }, correlationId: 'c-1' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives, row for row and index for index, what live projection gives', async () => {
    const live = join(dir, 'live.db');
    await projectLive(store, live);
    const progress: RebuildProgress[] = [];
    const rebuilt = join(dir, 'rebuilt.db');
    const count = await rebuildReadModels({
      store,
      filename: rebuilt,
      projections: createProjections(),
      streamPrefixes: PROJECTED_STREAM_PREFIXES,
      onProgress: (p) => progress.push(p),
    });
    const head = Number(await store.headPosition());
    expect(count).toBe(head);
    expect(progress.at(-1)).toMatchObject({ processed: head, total: head });
    const expected = dumpDatabase(live);
    expect(expected.tables.audit_events).toHaveLength(head);
    expect(expected.tables.measures.length).toBeGreaterThan(0);
    expect(dumpDatabase(rebuilt)).toEqual(expected);
    // The file is left as the server opens it: no journal, no leftovers.
    expect(readdirSync(dir).filter((f) => f.startsWith('rebuilt.db'))).toEqual(['rebuilt.db']);
  });

  it('creates the read models where none were, directory included', async () => {
    const filename = join(dir, 'new-data-dir', 'read-models.db');
    const count = await rebuildReadModels({ store, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES });
    expect(dumpDatabase(filename).tables.audit_events).toHaveLength(count);
  });

  it('replaces read models that exist, and the server carries on from the rebuilt checkpoint', async () => {
    const filename = join(dir, 'replaced.db');
    await projectLive(store, filename);
    const before = dumpDatabase(filename);
    // Spoil the old file: the rebuild must not keep any of it.
    const old = openReadModelDatabase(filename);
    old.exec("UPDATE board_actions SET status = 'R'; DELETE FROM audit_events WHERE position % 2 = 0");
    old.close();
    await rebuildReadModels({ store, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES });
    expect(dumpDatabase(filename)).toEqual(before);
    const db = openReadModelDatabase(filename);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES });
    await runner.start();
    expect(runner.position).toBe(await store.headPosition());
    await runner.stop();
    db.close();
  });

  it('leaves the old read models untouched when the rebuild fails half way', async () => {
    const filename = join(dir, 'kept.db');
    await projectLive(store, filename);
    const before = dumpDatabase(filename);
    // A log that breaks after 500 events, as a lost connection to EventStoreDB would.
    const failing: EventStore = Object.create(store);
    failing.readAll = () => ({
      async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
        let n = 0;
        for await (const event of store.readAll()) {
          if (++n > 500) throw new Error('connection lost');
          yield event;
        }
      },
    });
    await expect(
      rebuildReadModels({ store: failing, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES }),
    ).rejects.toThrow('connection lost');
    expect(dumpDatabase(filename)).toEqual(before);
    expect(existsSync(`${filename}.rebuilding`)).toBe(false);
  });
});
