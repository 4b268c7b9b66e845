import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { EVENT_LOG_MIGRATIONS, SqliteEventStore } from '@rag-ledger/event-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('SqliteEventStore.identity(): generated with the file, kept with it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-sqlite-identity-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const identityOf = async (filename: string) => {
    const store = new SqliteEventStore({ filename });
    try {
      return await store.identity();
    } finally {
      await store.close();
    }
  };

  it('is the same after the file is closed and opened again', async () => {
    const filename = join(dir, 'events.db');
    const first = new SqliteEventStore({ filename });
    const identity = await first.identity();
    await first.appendToStream('plan-P', { type: 'PlanCreated', data: {} });
    expect(identity).toEqual({ kind: 'sqlite', id: expect.stringMatching(UUID) });
    expect(await first.identity()).toEqual(identity);
    await first.close();
    expect(await identityOf(filename)).toEqual(identity);
  });

  it('is kept by a copy of the file (a backup restored) and differs for a fresh file', async () => {
    const filename = join(dir, 'events.db');
    const original = new SqliteEventStore({ filename });
    await original.appendToStream('plan-P', { type: 'PlanCreated', data: {} });
    const identity = await original.identity();
    await original.close();
    copyFileSync(filename, join(dir, 'restored.db'));
    expect(await identityOf(join(dir, 'restored.db'))).toEqual(identity);
    const fresh = await identityOf(join(dir, 'fresh.db'));
    expect(fresh.kind).toBe('sqlite');
    expect(fresh.id).not.toBe(identity.id);
  });

  it('is generated once for a log written before identities, its events untouched', async () => {
    const filename = join(dir, 'old.db');
    // As version 2 left a log: the schema of migrations 1 and 2, one event.
    const current = new SqliteEventStore({ filename });
    await current.appendToStream('plan-P', { type: 'PlanCreated', data: {} });
    await current.close();
    const raw = new BetterSqlite3(filename);
    raw.exec('DROP TABLE store_identity');
    raw.pragma('user_version = 2');
    const before = raw.prepare('SELECT * FROM events').all();
    raw.close();

    const identity = await identityOf(filename);
    expect(identity.id).toMatch(UUID);
    expect(await identityOf(filename)).toEqual(identity);
    const after = new BetterSqlite3(filename, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(EVENT_LOG_MIGRATIONS.length);
    expect(after.prepare('SELECT * FROM events').all()).toEqual(before);
    expect(after.prepare('SELECT count(*) FROM store_identity').pluck().get()).toBe(1);
    after.close();
  });
});
