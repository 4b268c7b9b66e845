import { closeSync, fsyncSync, openSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { EventStore, StoreIdentity } from '@rag-ledger/event-store';
import { readsType, type Projection } from './projection';
import { checkpointsSchema, type ReadModelSchema } from './read-model-database';
import { recordStoreIdentity, storeIdentitySchema } from './read-model-store-identity';

export interface FileRebuild {
  /** A fresh file: nothing else opens it until it is complete, synced and renamed into place. */
  filename: string;
  /** The schema the projections write to (the file is attached under that name if not `main`). */
  schema: ReadModelSchema;
  projections: Projection[];
  streamPrefixes: string[];
  /** Events applied per transaction. */
  batchSize: number;
  /** Called after each committed transaction: events projected and the position reached. */
  onBatch?: (count: number, position: number) => void;
}

/** What a file's rebuild read: how many events it projected, the position reached, in which log. */
export interface FileRebuilt {
  count: number;
  position: number;
  identity: StoreIdentity;
}

/**
 * Projects every event of the projected streams, in log order, into one read-model file in
 * bulk mode. Nobody reads the file while it is written, so it has no journal and no fsync
 * until it is complete (it is synced before it replaces anything), a large cache, and projections may hold rows
 * and build their indexes at the end. Each projection's checkpoint is the last event it saw,
 * written in the last transaction with its rows, and beside them the identity of the log read.
 */
export async function rebuildFile(store: EventStore, file: FileRebuild): Promise<FileRebuilt> {
  const db = openFresh(file.filename, file.schema);
  try {
    // Asked before the log is read: the checkpoints are positions in this log.
    const identity = await store.identity();
    db.exec(checkpointsSchema(file.schema));
    db.exec(storeIdentitySchema(file.schema));
    for (const projection of file.projections) projection.setup(db, 'bulk');
    let count = 0;
    let position = 0;
    db.exec('BEGIN');
    for await (const event of store.readAll()) {
      if (!file.streamPrefixes.some((p) => event.streamId.startsWith(p))) continue;
      for (const projection of file.projections) if (readsType(projection, event.type)) projection.apply(event);
      position = Number(event.position);
      if (++count % file.batchSize === 0) {
        db.exec('COMMIT');
        file.onBatch?.(count, position);
        db.exec('BEGIN');
      }
    }
    for (const projection of file.projections) projection.finishBulkLoad(db);
    const checkpoint = db.prepare(`INSERT INTO ${file.schema}.projection_checkpoints (name, version, position) VALUES (?, ?, ?)`);
    for (const projection of file.projections) checkpoint.run(projection.name, projection.version, position);
    recordStoreIdentity(db, file.schema, identity);
    db.exec('COMMIT');
    db.close();
    // Written without fsync: made durable here, on the thread that wrote it, before it replaces anything.
    syncFile(file.filename);
    file.onBatch?.(count, position);
    return { count, position, identity };
  } finally {
    if (db.open) db.close();
  }
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function openFresh(filename: string, schema: ReadModelSchema): Database {
  let db: Database;
  if (schema === 'main') {
    db = new BetterSqlite3(filename);
  } else {
    // Under its own schema name, so the projection's SQL is the same as against the server's connection.
    db = new BetterSqlite3(':memory:');
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(filename);
  }
  db.pragma(`${schema}.journal_mode = OFF`);
  db.pragma(`${schema}.synchronous = OFF`);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`${schema}.cache_size = -262144`);
  return db;
}
