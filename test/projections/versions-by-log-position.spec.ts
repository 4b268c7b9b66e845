import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { VersionedTable, type LoadMode } from '@rag-ledger/projections';

interface Row {
  id: string;
  value: string;
}

const minute = (m: number) => new Date(Date.UTC(2013, 10, 21, 10, m)).toISOString();

/** Writes the changes (row id, minute by the writer's clock) in log order, as a projection does, and reads each row at an instant. */
function versionsOf(changes: Array<{ id: string; at: number }>, mode: LoadMode) {
  const db = new BetterSqlite3(':memory:');
  db.exec(VersionedTable.schema('t', 'id TEXT NOT NULL, value TEXT NOT NULL', ['id']));
  if (mode === 'live') db.exec(VersionedTable.historyIndex('t', ['id']));
  const table = new VersionedTable<Row>(db, 't', ['id', 'value'], ['id'], mode);
  changes.forEach((change, i) => {
    const position = i + 1;
    table.write({ id: change.id, value: `v${position}` }, { at: minute(change.at), revision: 0, position }, table.current(change.id));
  });
  if (mode === 'bulk') {
    table.finishBulkLoad();
    db.exec(VersionedTable.historyIndex('t', ['id']));
  }
  const read = db.prepare<{ id: string; asOf: string }, string>(`SELECT value FROM t_versions WHERE rowid = ${VersionedTable.versionAsOf('t', 'id = @id')}`).pluck();
  return { at: (id: string, m: number) => read.get({ id, asOf: minute(m) }) ?? null, close: () => db.close() };
}

/** What the board must show: among the versions whose time is not after the instant, the one latest in the log. */
function expected(changes: Array<{ id: string; at: number }>, id: string, m: number): string | null {
  let found: string | null = null;
  changes.forEach((change, i) => {
    if (change.id === id && change.at <= m) found = `v${i + 1}`;
  });
  return found;
}

describe('the version current at an instant is the latest in the log of those written up to it', () => {
  it('when the clock went back: E1 at 10:00, E2 at 09:50 later in the log, E3 at 09:55, E4 at 10:20', () => {
    const changes = [{ id: 'A', at: 0 }, { id: 'A', at: -10 }, { id: 'A', at: -5 }, { id: 'A', at: 20 }];
    for (const mode of ['live', 'bulk'] as const) {
      const versions = versionsOf(changes, mode);
      expect([-11, -8, -3, 5, 25].map((m) => versions.at('A', m))).toEqual([null, 'v2', 'v3', 'v3', 'v4']);
      versions.close();
    }
  });

  it('for any clock, live and rebuilt in bulk alike', () => {
    const change = fc.record({ id: fc.constantFrom('A', 'B'), at: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), fc.constantFrom<LoadMode>('live', 'bulk'), (changes, mode) => {
        const versions = versionsOf(changes, mode);
        try {
          for (const id of ['A', 'B']) {
            for (let m = -1; m <= 13; m++) expect({ id, m, version: versions.at(id, m) }).toEqual({ id, m, version: expected(changes, id, m) });
          }
        } finally {
          versions.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
