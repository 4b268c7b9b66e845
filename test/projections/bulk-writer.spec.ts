import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BulkWriter } from '../../libs/projections/src/bulk-writer';

describe('BulkWriter: statements recorded on this thread, written by another', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-bulk-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every recorded statement, in order, across many transactions', async () => {
    const filename = join(dir, 'bulk.db');
    const writer = new BulkWriter(filename);
    writer.db.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY, label TEXT, empty TEXT)');
    const insert = writer.db.prepare('INSERT INTO rows (n, label, empty) VALUES (?, ?, ?)');
    for (let n = 1; n <= 10_000; n++) {
      insert.run(n, `row ${n} with "quotes", 'apostrophes' and ünïcödé`, null);
      if (n % 1000 === 0) await writer.commit();
    }
    writer.db.exec('CREATE INDEX rows_by_label ON rows (label)');
    await writer.close();
    const db = new BetterSqlite3(filename, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM rows').pluck().get()).toBe(10_000);
    expect(db.prepare('SELECT * FROM rows WHERE n = 4242').get()).toEqual({
      n: 4242,
      label: `row 4242 with "quotes", 'apostrophes' and ünïcödé`,
      empty: null,
    });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all()).toEqual(['rows_by_label']);
    db.close();
  });

  it('refuses to read: a bulk load only writes', () => {
    const writer = new BulkWriter(join(dir, 'bulk.db'));
    expect(() => writer.db.prepare('SELECT 1').get()).toThrow(/only writes/);
    return writer.abandon();
  });

  it('reports a statement the writer could not run', async () => {
    const writer = new BulkWriter(join(dir, 'bulk.db'));
    writer.db.exec('CREATE TABLE rows (n INTEGER PRIMARY KEY)');
    const insert = writer.db.prepare('INSERT INTO rows (n) VALUES (?)');
    insert.run(1);
    insert.run(1);
    await expect(writer.close()).rejects.toThrow(/UNIQUE constraint failed/);
    await writer.abandon();
  });
});
