import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '@rag-ledger/event-store';
import { BulkWriter } from './bulk-writer';
import type { Projection } from './projection';
import { CHECKPOINTS_SCHEMA, openReadModelDatabase } from './read-model-database';

export interface RebuildProgress {
  /** The position in the log reached. */
  processed: number;
  total: number;
  eventsPerSecond: number;
  secondsLeft: number;
}

export interface RebuildReadModelsOptions {
  store: EventStore;
  /** The read-model file the server uses; replaced only once the rebuild has finished. */
  filename: string;
  projections: Projection[];
  streamPrefixes: string[];
  onProgress?: (progress: RebuildProgress) => void;
  /** Events recorded per transaction sent to the writer. */
  batchSize?: number;
}

/**
 * Projects the whole log into a fresh file beside the read models, then puts it in their
 * place in one rename. Until that rename the old read models are untouched, so a rebuild
 * that fails or is killed half way leaves them as they were. Nothing reads the fresh file
 * while it is written, which is what lets it skip the journal and fsync, hold rows in memory
 * and build its indexes once at the end, and lets a second thread write it while this one
 * reads and projects. It is made durable before the rename. Returns the events projected.
 */
export async function rebuildReadModels(options: RebuildReadModelsOptions): Promise<number> {
  const fresh = `${options.filename}.rebuilding`;
  mkdirSync(dirname(options.filename), { recursive: true });
  removeDatabaseFiles(fresh);
  const writer = new BulkWriter(fresh);
  let count: number;
  try {
    count = await project(writer, options);
    await writer.close();
  } catch (error) {
    await writer.abandon();
    removeDatabaseFiles(fresh);
    throw error;
  }
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

/** Every event of the projected streams through every projection, in log order, in bulk mode. */
async function project(writer: BulkWriter, options: RebuildReadModelsOptions): Promise<number> {
  const db = writer.db;
  const batchSize = options.batchSize ?? 2_000;
  db.exec(CHECKPOINTS_SCHEMA);
  for (const projection of options.projections) projection.setup(db, 'bulk');
  const total = Number((await options.store.headPosition()) ?? 0n);
  const started = Date.now();
  let count = 0;
  let last = 0;
  const progress = () => {
    if (!options.onProgress) return;
    const rate = count / Math.max((Date.now() - started) / 1000, 0.001);
    options.onProgress({ processed: last, total, eventsPerSecond: rate, secondsLeft: rate > 0 ? (total - last) / rate : 0 });
  };
  for await (const event of options.store.readAll()) {
    if (!options.streamPrefixes.some((p) => event.streamId.startsWith(p))) continue;
    for (const projection of options.projections) projection.apply(event);
    last = Number(event.position);
    if (++count % batchSize === 0) {
      await writer.commit();
      progress();
    }
  }
  for (const projection of options.projections) projection.finishBulkLoad(db);
  // Each projection's checkpoint is the last event it saw, written with its rows.
  const checkpoint = db.prepare('INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)');
  for (const projection of options.projections) checkpoint.run(projection.name, projection.version, last);
  await writer.commit();
  progress();
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
