import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { asOfBounds, VersionedTable, type LoadMode } from '@rag-ledger/projections';

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
  const read = db.prepare<{ id: string; asOf: string | undefined; upTo: number }, string>(`SELECT value FROM t_versions WHERE rowid = ${VersionedTable.versionAsOf('t', 'id = @id')}`).pluck();
  return {
    /** The row at the minute, from the log up to `upTo` (the whole log without it). */
    at: (id: string, m: number, upTo?: number) => read.get({ id, ...asOfBounds({ asOf: minute(m), upTo }) }) ?? null,
    close: () => db.close(),
  };
}

/** What the board must show: among the versions whose time is not after the instant (and position not after `upTo`), the one latest in the log. */
function expected(changes: Array<{ id: string; at: number }>, id: string, m: number, upTo = Infinity): string | null {
  let found: string | null = null;
  changes.forEach((change, i) => {
    if (change.id === id && change.at <= m && i + 1 <= upTo) found = `v${i + 1}`;
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
  it('up to a log position: a version later in the log than the bound is left out, whatever its time', () => {
    // E2 (position 2) is at 09:50 by the clock but later in the log than a pack stamped at position 1.
    const changes = [{ id: 'A', at: 0 }, { id: 'A', at: -10 }, { id: 'A', at: -5 }, { id: 'A', at: 20 }];
    for (const mode of ['live', 'bulk'] as const) {
      const versions = versionsOf(changes, mode);
      expect([1, 2, 3, 4].map((upTo) => versions.at('A', 5, upTo))).toEqual(['v1', 'v2', 'v3', 'v3']);
      // Before the first version's time nothing shows, whatever the bound.
      expect(versions.at('A', -11, 4)).toBeNull();
      // The out-of-order version E2 before E1 by time: bounded at E1, the instant 09:55 sees nothing yet.
      expect(versions.at('A', -5, 1)).toBeNull();
      versions.close();
    }
  });

  it('for any clock and any bound, live and rebuilt in bulk alike', () => {
    const change = fc.record({ id: fc.constantFrom('A', 'B'), at: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 25 }), fc.constantFrom<LoadMode>('live', 'bulk'), fc.integer({ min: 0, max: 26 }), (changes, mode, upTo) => {
        const versions = versionsOf(changes, mode);
        try {
          for (const id of ['A', 'B']) {
            for (let m = -1; m <= 13; m++) expect({ id, m, upTo, version: versions.at(id, m, upTo) }).toEqual({ id, m, upTo, version: expected(changes, id, m, upTo) });
          }
        } finally {
          versions.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
