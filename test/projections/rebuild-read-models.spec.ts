import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import {
  createProjections,
  openReadModelDatabase,
  PROJECTED_STREAM_PREFIXES,
  ProjectionRunner,
  rebuildReadModels,
  type RebuildProgress,
} from '@rag-ledger/projections';
import { requireCurrentBuild } from '../support/built-code';
import { dumpReadModels } from '../support/dump-database';
import { norfolkLog, projectLive as projectLiveIn, type NorfolkLog } from '../support/projected-log';

/** Projects the log event by event (one event per transaction), as the server does while it runs. */
const projectLive = (store: EventStore, filename: string) => projectLiveIn(store, filename, 1);

describe('rebuildReadModels: a bulk rebuild into a fresh file', () => {
  let log: NorfolkLog;
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    log = await norfolkLog('rag-ledger-rebuild-');
    ({ dir, store } = log);
  });
  afterAll(() => log.remove());

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
    const expected = dumpReadModels(live);
    expect(expected.audit_trail.tables.audit_events).toHaveLength(head);
    expect(expected.main.tables.measures.length).toBeGreaterThan(0);
    expect(expected.main.tables.evidence_documents.length).toBeGreaterThan(0);
    expect(expected.main.tables.audit_events).toBeUndefined();
    expect(dumpReadModels(rebuilt)).toEqual(expected);
    // The files are left as the server opens them: no journal, no leftovers.
    expect(readdirSync(dir).filter((f) => f.startsWith('rebuilt')).sort()).toEqual(['rebuilt-audit-trail.db', 'rebuilt.db']);
  });

  it('creates the read models where none were, directory included', async () => {
    const filename = join(dir, 'new-data-dir', 'read-models.db');
    const count = await rebuildReadModels({ store, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES });
    expect(dumpReadModels(filename).audit_trail.tables.audit_events).toHaveLength(count);
  });

  it('replaces read models that exist, and the server carries on from the rebuilt checkpoint', async () => {
    const filename = join(dir, 'replaced.db');
    await projectLive(store, filename);
    const before = dumpReadModels(filename);
    // Spoil the old file: the rebuild must not keep any of it.
    const old = openReadModelDatabase(filename);
    old.exec("UPDATE board_actions SET status = 'R'; DELETE FROM audit_events WHERE position % 2 = 0");
    old.close();
    await rebuildReadModels({ store, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES });
    expect(dumpReadModels(filename)).toEqual(before);
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
    const before = dumpReadModels(filename);
    // A log that breaks after 500 events, as a lost connection to EventStoreDB would.
    const failing: EventStore = Object.create(store);
    failing.readAll = (() => ({
      async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
        let n = 0;
        for await (const event of store.readAll()) {
          if (++n > 500) throw new Error('connection lost');
          yield event;
        }
      },
    })) as EventStore['readAll'];
    await expect(
      rebuildReadModels({ store: failing, filename, projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES }),
    ).rejects.toThrow('connection lost');
    expect(dumpReadModels(filename)).toEqual(before);
    expect(existsSync(`${filename}.rebuilding`)).toBe(false);
    expect(existsSync(join(dir, 'kept-audit-trail.db.rebuilding'))).toBe(false);
  });
});

// A worker thread runs compiled code, so the side-by-side rebuild is tested on the built
// library (npm test builds it first), as `npm run projections:rebuild` runs it.
describe('rebuildReadModels side by side: the audit trail on a second thread (built library)', () => {
  const built = join(__dirname, '..', '..', 'dist', 'libs', 'projections', 'src', 'index.js');
  let lib: typeof import('@rag-ledger/projections');
  let log: NorfolkLog;
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    requireCurrentBuild();
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build (npm test does) before this suite`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    lib = require(built);
    log = await norfolkLog('rag-ledger-rebuild-threads-');
    ({ dir, store } = log);
  });
  afterAll(() => log.remove());

  const rebuild = (filename: string, location: { sqlite: string }, onProgress?: (p: RebuildProgress) => void) =>
    lib.rebuildReadModels({
      store,
      filename,
      projections: lib.createProjections(),
      streamPrefixes: lib.PROJECTED_STREAM_PREFIXES,
      storeLocation: location,
      onProgress,
    });

  it('gives what live projection gives, on two threads', async () => {
    const live = join(dir, 'live.db');
    await projectLive(store, live);
    const progress: RebuildProgress[] = [];
    const filename = join(dir, 'threads.db');
    const count = await rebuild(filename, { sqlite: join(dir, 'events.db') }, (p) => progress.push(p));
    const head = Number(await store.headPosition());
    expect(count).toBe(head);
    expect(progress.every((p) => p.threads === 2)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ processed: head, total: head });
    expect(dumpReadModels(filename)).toEqual(dumpReadModels(live));
    expect(readdirSync(dir).filter((f) => f.startsWith('threads')).sort()).toEqual(['threads-audit-trail.db', 'threads.db']);
  });

  it('leaves the old read models untouched when the second thread fails', async () => {
    const filename = join(dir, 'kept.db');
    await projectLive(store, filename);
    const before = dumpReadModels(filename);
    // The worker cannot open this log; this thread's own file is fine.
    await expect(rebuild(filename, { sqlite: join(dir, 'no-such-dir', 'events.db') })).rejects.toThrow(/rebuilding audit_trail failed/);
    expect(dumpReadModels(filename)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('.rebuilding'))).toEqual([]);
  });

  it('refuses a result read from another log, and keeps the old read models', async () => {
    const filename = join(dir, 'kept-too.db');
    await projectLive(store, filename);
    const before = dumpReadModels(filename);
    const other = join(dir, 'other-events.db');
    await new SqliteEventStore({ filename: other }).close();
    await expect(rebuild(filename, { sqlite: other })).rejects.toThrow(/the thread rebuilding audit_trail read a different log \(position 0 of \d+\)/);
    expect(dumpReadModels(filename)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('.rebuilding'))).toEqual([]);
  });
});
