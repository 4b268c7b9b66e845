import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/** Where each projection has got to in the log, committed with its rows. */
export const CHECKPOINTS_SCHEMA = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  position INTEGER NOT NULL
)`;

/**
 * Opens the read-model file. synchronous=NORMAL is enough here: a read model and
 * its checkpoint commit together, so losing the last commits on power loss only
 * means those events are projected again from the log.
 */
export function openReadModelDatabase(filename: string): Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const db = new BetterSqlite3(filename);
  db.pragma('busy_timeout = 10000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(CHECKPOINTS_SCHEMA);
  return db;
}
