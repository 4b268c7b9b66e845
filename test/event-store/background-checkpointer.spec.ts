import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { BackgroundCheckpointer } from '@rag-ledger/event-store';

const until = async (condition: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('BackgroundCheckpointer', () => {
  let dir: string;
  let filename: string;
  let db: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-checkpoint-'));
    filename = join(dir, 'test.db');
    db = new BetterSqlite3(filename);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE blobs (body TEXT NOT NULL)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const writeMegabytes = (n: number) => {
    const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < n * 16; i++) insert.run(`${i}`.padEnd(64 * 1024, 'x'));
    })();
  };

  it('moves the checkpoints to the worker, which folds the log into the database file', async () => {
    const checkpointer = new BackgroundCheckpointer(db, filename, { intervalMs: 20 });
    await until(() => checkpointer.active);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(filename).size;
    writeMegabytes(8); // far past the 1,000 pages at which the connection would checkpoint itself
    await until(() => statSync(filename).size > before + 8 * 1024 * 1024);
    await checkpointer.stop();
    expect(checkpointer.active).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('serves several files from its one thread', async () => {
    const otherFile = join(dir, 'other.db');
    const other = new BetterSqlite3(otherFile);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE blobs (body TEXT NOT NULL)');
    const first = new BackgroundCheckpointer(db, filename, { intervalMs: 20 });
    const second = new BackgroundCheckpointer(other, otherFile, { intervalMs: 20 });
    await until(() => first.active && second.active);
    const before = statSync(otherFile).size;
    other.transaction(() => {
      for (let i = 0; i < 64; i++) other.prepare('INSERT INTO blobs (body) VALUES (?)').run('y'.repeat(64 * 1024));
    })();
    await until(() => statSync(otherFile).size > before + 4 * 1024 * 1024);
    await Promise.all([first.stop(), second.stop()]);
    other.close();
  });

  it('without it, the same writes stay in the log until something checkpoints', async () => {
    db.pragma('wal_autocheckpoint = 0');
    const before = statSync(filename).size;
    writeMegabytes(8);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(filename).size).toBe(before);
  });

  it('gives checkpoints back to the connection and reports it when the worker fails', async () => {
    const errors: unknown[] = [];
    // A file the worker cannot open.
    const checkpointer = new BackgroundCheckpointer(db, join(dir, 'missing', 'test.db'), { onError: (e) => errors.push(e) });
    await until(() => errors.length > 0);
    expect(checkpointer.active).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
  });
});
