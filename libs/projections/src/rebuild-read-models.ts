import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { EventStore } from '@rag-ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner, type RebuildProgress } from './projection-runner';
import { CHECKPOINTS_SCHEMA, openReadModelDatabase } from './read-model-database';

export interface RebuildReadModelsOptions {
  store: EventStore;
  /** The read-model file the server uses; replaced only once the rebuild has finished. */
  filename: string;
  projections: Projection[];
  streamPrefixes: string[];
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Projects the whole log into a fresh file beside the read models, then puts it in their
 * place in one rename. Until that rename the old read models are untouched, so a rebuild
 * that fails or is killed half way leaves them as they were. Nothing reads the fresh file
 * while it is written, which is what lets it skip the journal and fsync and build its
 * indexes once at the end; it is made durable before the rename. Returns the events projected.
 */
export async function rebuildReadModels(options: RebuildReadModelsOptions): Promise<number> {
  const fresh = `${options.filename}.rebuilding`;
  removeDatabaseFiles(fresh);
  const db = new BetterSqlite3(fresh);
  let count: number;
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    // Room for the whole working set (the B-trees being filled), so pages are written once.
    db.pragma('cache_size = -262144');
    db.exec(CHECKPOINTS_SCHEMA);
    const runner = new ProjectionRunner(options.store, db, options.projections, { streamPrefixes: options.streamPrefixes, mode: 'bulk' });
    count = await runner.rebuild(options.onProgress);
  } catch (error) {
    db.close();
    removeDatabaseFiles(fresh);
    throw error;
  }
  db.close();
  // Written without fsync: made durable here, before it replaces anything.
  syncPath(fresh);

  // Fold the old file's write-ahead log into it and close it cleanly, so no stale -wal is
  // left beside the new file; then swap them in one rename and make the rename durable.
  if (existsSync(options.filename)) openReadModelDatabase(options.filename).close();
  rmSync(`${options.filename}-wal`, { force: true });
  rmSync(`${options.filename}-shm`, { force: true });
  renameSync(fresh, options.filename);
  syncPath(dirname(options.filename));
  return count;
}

function removeDatabaseFiles(filename: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
