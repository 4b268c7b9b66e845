import type { Database } from 'better-sqlite3';

/**
 * Versioned schema migrations, tracked in SQLite's `user_version`. A migration
 * is never edited once released: add a new one instead.
 */
export const EVENT_LOG_MIGRATIONS: readonly string[] = [
  // 1: the log. `position` is the rowid, so the log is ordered by its primary key;
  // AUTOINCREMENT keeps positions from ever being reused.
  `CREATE TABLE events (
     position  INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id TEXT    NOT NULL,
     revision  INTEGER NOT NULL,
     id        TEXT    NOT NULL,
     type      TEXT    NOT NULL,
     data      TEXT    NOT NULL,
     metadata  TEXT    NOT NULL,
     created   INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX events_stream_revision ON events (stream_id, revision);
   CREATE UNIQUE INDEX events_id ON events (id);`,
];

export function migrate(db: Database, migrations: readonly string[]): void {
  // One immediate transaction: another process opening the same new file waits
  // for it, then sees the schema already at the latest version.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) {
      throw new Error(
        `The database schema is version ${current}, newer than this program knows (${migrations.length}). ` +
          'Upgrade rag-ledger before opening this data directory.',
      );
    }
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
