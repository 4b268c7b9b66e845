import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { eventHash } from '../hash-chain';

/** A migration: SQL, or a function for the ones that must compute (run inside the migration's transaction). */
export type Migration = string | ((db: Database) => void);

/**
 * Versioned schema migrations, tracked in SQLite's `user_version`. A migration
 * is never edited once released: add a new one instead.
 */
export const EVENT_LOG_MIGRATIONS: readonly Migration[] = [
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
  // 2: the tamper-evident hash chain: each event's hash, also in its metadata; events
  // written before this version are chained now, in log order.
  (db) => {
    db.exec('ALTER TABLE events ADD COLUMN hash TEXT');
    const update = db.prepare('UPDATE events SET metadata = ?, hash = ? WHERE position = ?');
    let previous: string | null = null;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').all() as Array<Record<string, string | number>>) {
      const metadata = JSON.parse(row.metadata as string);
      const event = { position: BigInt(row.position), streamId: row.stream_id as string, revision: BigInt(row.revision), type: row.type as string, data: JSON.parse(row.data as string), metadata };
      const hash = eventHash(event, previous);
      update.run(JSON.stringify({ ...metadata, previousHash: previous, hash }), hash, row.position);
      previous = hash;
    }
  },
  // 3: the log's identity (see store-identity.ts), one row generated here, so it lives and is
  // copied with the file: a backup restored is the same log, a new file another.
  (db) => {
    db.exec('CREATE TABLE store_identity (only INTEGER PRIMARY KEY CHECK (only = 1), id TEXT NOT NULL)');
    db.prepare('INSERT INTO store_identity (only, id) VALUES (1, ?)').run(randomUUID());
  },
];

export function migrate(db: Database, migrations: readonly Migration[]): void {
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
      const migration = migrations[version];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
