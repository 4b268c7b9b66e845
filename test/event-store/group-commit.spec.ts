import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { NO_STREAM, SqliteEventStore, WrongExpectedVersionError, verifyChain } from '@rag-ledger/event-store';
import { GroupCommit } from '../../libs/event-store/src/sqlite/group-commit';
import { collect } from './helpers';

describe('GroupCommit: the appends of one turn of the event loop share one transaction', () => {
  let db: Database;
  let commits: number;
  let group: GroupCommit<string, number>;
  const rows = () => db.prepare('SELECT name FROM items ORDER BY id').pluck().all();

  beforeEach(() => {
    db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
    commits = 0;
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    group = new GroupCommit(
      db,
      (name: string) => {
        insert.run(name);
        // A rule broken after a write: the savepoint must take that write back.
        if (name.startsWith('bad')) throw new Error(`refused ${name}`);
        return Number(db.prepare('SELECT count(*) FROM items').pluck().get());
      },
      () => commits++,
    );
  });
  afterEach(() => db.close());

  it('commits everything submitted in one turn once, in order, and answers each after the commit', async () => {
    const answers = ['a', 'b', 'c', 'd'].map((name) => group.submit(name));
    expect(rows()).toEqual([]); // nothing is written (or acknowledged) before the batch runs
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4]);
    expect(commits).toBe(1);
    expect(rows()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives separate turns separate commits', async () => {
    await group.submit('a');
    await group.submit('b');
    expect(commits).toBe(2);
  });

  it('fails a refused item alone: its write is undone and the others commit', async () => {
    const answers = ['a', 'bad-1', 'c'].map((name) => group.submit(name).then((n) => ({ n }), (e: Error) => ({ error: e.message })));
    expect(await Promise.all(answers)).toEqual([{ n: 1 }, { error: 'refused bad-1' }, { n: 2 }]);
    expect(rows()).toEqual(['a', 'c']);
    expect(commits).toBe(1);
  });

  it('rejects every item and writes nothing when the commit itself fails', async () => {
    // A deferred foreign key passes each statement and fails at COMMIT.
    db.exec(`PRAGMA foreign_keys = ON; PRAGMA defer_foreign_keys = ON;
      CREATE TABLE parents (id INTEGER PRIMARY KEY);
      CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);`);
    const orphan = new GroupCommit(db, (name: string) => {
      db.prepare('INSERT INTO items (name) VALUES (?)').run(name);
      if (name === 'orphan') db.prepare('INSERT INTO children (parent) VALUES (42)').run();
      return 0;
    }, () => commits++);
    const answers = ['a', 'orphan'].map((name) => orphan.submit(name).then(() => 'ok', (e: Error) => e.message));
    const settled = await Promise.all(answers);
    expect(settled).toEqual([expect.stringMatching(/FOREIGN KEY/), expect.stringMatching(/FOREIGN KEY/)]);
    expect(rows()).toEqual([]);
    expect(commits).toBe(0);
  });
});

describe('SqliteEventStore with group commit', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-group-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends concurrent writers to many streams gap-free, and fails only the lost race on one stream', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    const outcomes = await Promise.all([
      store.appendToStream('s-1', { type: 'Created', data: { n: 1 } }, { expectedRevision: NO_STREAM }),
      store.appendToStream('s-2', { type: 'Created', data: { n: 2 } }, { expectedRevision: NO_STREAM }),
      // The same stream twice at NO_STREAM in the same batch: the second sees the first and loses.
      store.appendToStream('s-1', { type: 'Created', data: { n: 3 } }, { expectedRevision: NO_STREAM }).catch((e: unknown) => e),
      store.appendToStream('s-3', [{ type: 'Created', data: { n: 4 } }, { type: 'Renamed', data: { n: 5 } }]),
    ]);
    expect(outcomes[0]).toEqual({ nextExpectedRevision: 0n, position: 1n });
    expect(outcomes[1]).toEqual({ nextExpectedRevision: 0n, position: 2n });
    expect(outcomes[2]).toBeInstanceOf(WrongExpectedVersionError);
    expect(outcomes[3]).toEqual({ nextExpectedRevision: 1n, position: 4n });
    const all = await collect(store.readAll());
    expect(all.map((e) => [e.streamId, Number(e.position), (e.data as { n: number }).n])).toEqual([
      ['s-1', 1, 1], ['s-2', 2, 2], ['s-3', 3, 4], ['s-3', 4, 5],
    ]);
    // The hash chain runs through the batch unbroken.
    expect((all[2].metadata as { previousHash: string }).previousHash).toBe((all[1].metadata as { hash: string }).hash);
    await store.close();
  });

  it('when the disk is full part-way through a batch, every answer matches the log: nothing commits behind a failure', async () => {
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    await store.appendToStream('s-0', { type: 'Seed', data: {} });
    // A "disk" a few pages larger than the log: small events fit, a 200 KB one does not.
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    store.db.pragma(`max_page_count = ${pages + 5}`);
    const submitted = [
      ['s-1', { type: 'First', data: {} }],
      ['s-2', { type: 'Big', data: { big: 'x'.repeat(200 * 1024) } }],
      ['s-3', { type: 'Third', data: {} }],
    ] as const;
    // Submitted in one turn of the event loop: one batch, one transaction.
    const answers = await Promise.allSettled(submitted.map(([stream, event]) => store.appendToStream(stream, event)));

    const inLog = new Set((await collect(store.readAll())).map((e) => e.type));
    const told = submitted.map(([, event], i) => [event.type, answers[i].status === 'fulfilled']);
    expect(told).toEqual(submitted.map(([, event]) => [event.type, inLog.has(event.type)]));
    expect(inLog.has('Seed')).toBe(true);
    expect(answers[1]).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_FULL' } });

    // With room again the store carries on, its positions and chain unbroken.
    store.db.pragma('max_page_count = 1073741823');
    const next = await store.appendToStream('s-4', { type: 'After', data: {} });
    expect(next.position).toBe(BigInt(inLog.size + 1));
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: inLog.size + 1 });
    await store.close();
  });

  it('writes what is waiting before it closes', async () => {
    const filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename });
    const pending = store.appendToStream('s-1', { type: 'Created', data: {} });
    await store.close();
    await expect(pending).resolves.toEqual({ nextExpectedRevision: 0n, position: 1n });
    const reopened = new SqliteEventStore({ filename });
    expect((await collect(reopened.readAll())).map((e) => e.streamId)).toEqual(['s-1']);
    await reopened.close();
  });
});
