import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { DuplicateEventIdError, EVENT_LOG_MIGRATIONS, SqliteEventStore } from '@rag-ledger/event-store';
import { built } from '../support/built-code';
import { collect } from './helpers';

const run = promisify(execFile);
const contend = join(__dirname, '../../dist/test/processes/contend.js');

describe('SqliteEventStore on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-sqlite-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the log in WAL mode with synchronous=FULL and records its schema version', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('user_version', { simple: true })).toBe(EVENT_LOG_MIGRATIONS.length);
    await store.close();
  });

  it('refuses a data file whose schema is newer than this program', async () => {
    const filename = join(dir, 'events.db');
    const raw = new BetterSqlite3(filename);
    raw.pragma(`user_version = ${EVENT_LOG_MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => new SqliteEventStore({ filename })).toThrow(/newer than this program/);
  });

  it('keeps events across close and reopen', async () => {
    const filename = join(dir, 'events.db');
    const first = new SqliteEventStore({ filename });
    await first.appendToStream('plan-1', { type: 'PlanCreated', data: { id: '1' } });
    await first.close();
    const second = new SqliteEventStore({ filename });
    expect((await collect(second.readStream('plan-1'))).map((e) => e.type)).toEqual(['PlanCreated']);
    await second.close();
  });

  it('four processes contending for one stream produce a gap-free sequence with every write once', async () => {
    const filename = join(dir, 'events.db');
    new SqliteEventStore({ filename }).close();
    const results = await Promise.all(
      [0, 1, 2, 3].map((w) => run(process.execPath, [built(contend), filename, 'action-contended', String(w), '50'])),
    );
    const store = new SqliteEventStore({ filename });
    const events = await collect(store.readStream('action-contended'));
    await store.close();
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 200 }, (_, i) => BigInt(i)));
    expect(new Set(events.map((e) => JSON.stringify(e.data))).size).toBe(200);
    // Each process printed how many conflicts it retried; they prove the processes really overlapped.
    expect(results.every((r) => /^\d+\n$/.test(r.stdout))).toBe(true);
  });

  it('delivers to a subscription the events another process appends', async () => {
    const filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename, pollIntervalMs: 20 });
    const sub = store.subscribeToAll({ filter: { streamPrefixes: ['action-'] } });
    const iterator = sub[Symbol.asyncIterator]();
    const first = iterator.next();
    await run(process.execPath, [built(contend), filename, 'action-remote', '0', '1']);
    expect((await first).value.streamId).toBe('action-remote');
    await sub.close();
    await store.close();
  });

  it('refuses an append that repeats an id within itself as a duplicate id, and writes none of it', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.appendToStream('plan-1', { type: 'PlanCreated', data: { id: '1' } });
    const append = store.appendToStream('plan-1', [
      { id: 'same', type: 'WorkstreamAdded', data: { id: 'W1' } },
      { id: 'same', type: 'WorkstreamAdded', data: { id: 'W2' } },
    ]);
    await expect(append).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(append).rejects.toMatchObject({ eventId: 'same', streamName: 'plan-1' });
    expect((await collect(store.readStream('plan-1'))).map((e) => e.type)).toEqual(['PlanCreated']);
    await store.close();
  });
});
