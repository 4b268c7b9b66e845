import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { storeIdentitySchema } from './read-model-store-identity';

/**
 * The read models live in two SQLite files, one connection with both: the boards and measures
 * in `main`, and the audit trail, the largest, in a file of its own attached as `audit_trail`.
 * Each file holds its own projections' checkpoints, committed with their rows, and the identity
 * of the log they are positions in (read-model-store-identity.ts), so each is consistent on its
 * own; and a rebuild writes the two files on two threads at once.
 */
export type ReadModelSchema = 'main' | 'audit_trail';
export const READ_MODEL_SCHEMAS: readonly ReadModelSchema[] = ['main', 'audit_trail'];

/** Where each projection has got to in the log, committed with its rows (a table in each file). */
export const checkpointsSchema = (schema: ReadModelSchema): string => `CREATE TABLE IF NOT EXISTS ${schema}.projection_checkpoints (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  position INTEGER NOT NULL
)`;

/**
 * The file of each schema, named after the main one: `read-models.db` has its audit trail in
 * `read-models-audit-trail.db` beside it. In memory, both are in memory.
 */
export function readModelFiles(filename: string): Record<ReadModelSchema, string> {
  if (filename === ':memory:') return { main: filename, audit_trail: filename };
  const stem = basename(filename).replace(/\.db$/, '');
  return { main: filename, audit_trail: join(dirname(filename), `${stem}-audit-trail.db`) };
}

/**
 * Opens the read models: `filename` is the main file, the audit trail's file is attached.
 * synchronous=NORMAL is enough here: a read model and its checkpoint commit together, so
 * losing the last commits on power loss only means those events are projected again.
 */
export function openReadModelDatabase(filename: string): Database {
  const files = readModelFiles(filename);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const db = new BetterSqlite3(filename);
  db.pragma('busy_timeout = 10000');
  db.prepare('ATTACH DATABASE ? AS audit_trail').run(files.audit_trail);
  for (const schema of READ_MODEL_SCHEMAS) {
    db.pragma(`${schema}.journal_mode = WAL`);
    db.pragma(`${schema}.synchronous = NORMAL`);
    db.exec(checkpointsSchema(schema));
    db.exec(storeIdentitySchema(schema));
  }
  return db;
}
