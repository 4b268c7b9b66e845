import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { describeStore, sameStore, type EventStore, type EventStoreLocation } from '@rag-ledger/event-store';
import { schemaOf, type Projection } from './projection';
import { READ_MODEL_SCHEMAS, readModelFiles, type ReadModelSchema } from './read-model-database';
import { rebuildFile, syncFile, type FileRebuilt } from './rebuild-file';
import type { RebuildWorkerData, RebuildWorkerMessage } from './rebuild-worker';

export interface RebuildProgress {
  /** The position in the log reached (on average over the files being written). */
  processed: number;
  total: number;
  eventsPerSecond: number;
  secondsLeft: number;
  /** Threads writing the read-model files: 1, or one per file when they are rebuilt side by side. */
  threads: number;
}

export interface RebuildReadModelsOptions {
  store: EventStore;
  /** The main read-model file the server uses (the audit trail's is beside it); replaced only once the rebuild has finished. */
  filename: string;
  projections: Projection[];
  streamPrefixes: string[];
  onProgress?: (progress: RebuildProgress) => void;
  /** Events applied per transaction. */
  batchSize?: number;
  /**
   * Where another thread can open the same log. Given, and run from the built JavaScript (a
   * worker thread runs compiled code), the audit trail's file is rebuilt on a thread of its own
   * that reads the log itself, beside this one rebuilding the boards: the two use both cores.
   * Otherwise the files are rebuilt one after the other here, by the same code.
   */
  storeLocation?: EventStoreLocation;
}

/** The compiled worker; absent when this module runs from its TypeScript source. */
const WORKER_SCRIPT = join(__dirname, 'rebuild-worker.js');

interface FileGroup {
  schema: ReadModelSchema;
  target: string;
  fresh: string;
  projections: Projection[];
}

/**
 * Projects the whole log into fresh files beside the read models, then puts each in its
 * place with a rename. Until then the old read models are untouched, so a rebuild that fails
 * or is killed half way leaves them as they were. Each file carries its own projections'
 * checkpoints and the identity of the log they came from, so a stop between the two renames leaves a new file beside an old one, each
 * consistent, and the server carries each on from its checkpoint. Returns the events projected.
 */
export async function rebuildReadModels(options: RebuildReadModelsOptions): Promise<number> {
  const targets = readModelFiles(options.filename);
  const groups: FileGroup[] = READ_MODEL_SCHEMAS.map((schema) => ({
    schema,
    target: targets[schema],
    fresh: `${targets[schema]}.rebuilding`,
    projections: options.projections.filter((p) => schemaOf(p) === schema),
  })).filter((group) => group.projections.length > 0);
  mkdirSync(dirname(options.filename), { recursive: true });
  for (const group of groups) removeDatabaseFiles(group.fresh);

  let count: number;
  try {
    const total = Number((await options.store.headPosition()) ?? 0n);
    const parallel = options.storeLocation !== undefined && groups.length > 1 && existsSync(WORKER_SCRIPT);
    const meter = new ProgressMeter(total, groups.length, parallel ? groups.length : 1, options.onProgress);
    // Each file is complete and synced when this returns.
    count = await (parallel ? projectSideBySide(groups, options, meter, options.storeLocation!, total) : projectInTurn(groups, options, meter));
  } catch (error) {
    for (const group of groups) removeDatabaseFiles(group.fresh);
    throw error;
  }
  for (const group of groups) {
    // Fold the old file's write-ahead log into it and close it cleanly, so no stale -wal is
    // left beside the new file; then swap them in one rename.
    if (existsSync(group.target)) new BetterSqlite3(group.target).close();
    rmSync(`${group.target}-wal`, { force: true });
    rmSync(`${group.target}-shm`, { force: true });
    renameSync(group.fresh, group.target);
  }
  syncFile(dirname(options.filename));
  return count;
}

const fileRebuild = (group: FileGroup, index: number, options: RebuildReadModelsOptions, meter: ProgressMeter) => ({
  filename: group.fresh,
  schema: group.schema,
  projections: group.projections,
  streamPrefixes: options.streamPrefixes,
  batchSize: options.batchSize ?? 2_000,
  onBatch: (count: number, position: number) => meter.update(index, count, position),
});

/** Each file after the other, on this thread. */
async function projectInTurn(groups: FileGroup[], options: RebuildReadModelsOptions, meter: ProgressMeter): Promise<number> {
  let count = 0;
  for (const [index, group] of groups.entries()) count = (await rebuildFile(options.store, fileRebuild(group, index, options, meter))).count;
  meter.report();
  return count;
}

/** The main file on this thread, each other file on a worker thread reading the log itself. */
async function projectSideBySide(
  groups: FileGroup[],
  options: RebuildReadModelsOptions,
  meter: ProgressMeter,
  location: EventStoreLocation,
  head: number,
): Promise<number> {
  const [first, ...others] = groups;
  const workers = others.map(
    (group, i) =>
      new FileWorker({
        location,
        filename: group.fresh,
        schema: group.schema,
        projectionNames: group.projections.map((p) => p.name),
        streamPrefixes: options.streamPrefixes,
        batchSize: options.batchSize ?? 2_000,
        progress: meter.shared(i + 1),
      }),
  );
  try {
    const { count, identity } = await rebuildFile(options.store, fileRebuild(first, 0, options, meter));
    // This thread is done; the others' progress is still worth showing.
    const ticker = setInterval(() => meter.report(), 250);
    try {
      for (const [i, worker] of workers.entries()) {
        const reached = await worker.done;
        // Each thread reads the log up to its own end: at least the head seen at the start.
        if (reached.position < head) {
          throw new Error(`the thread rebuilding ${others[i].schema} read a different log (position ${reached.position} of ${head})`);
        }
        if (!sameStore(reached.identity, identity)) {
          throw new Error(`the thread rebuilding ${others[i].schema} read a different log (${describeStore(reached.identity)}, not ${describeStore(identity)})`);
        }
      }
    } finally {
      clearInterval(ticker);
    }
    meter.report();
    return count;
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.stop()));
    throw error;
  }
}

/** One file rebuilt by a worker thread. */
class FileWorker {
  private readonly worker: Worker;
  readonly done: Promise<FileRebuilt>;

  constructor(workerData: RebuildWorkerData) {
    this.worker = new Worker(WORKER_SCRIPT, { workerData });
    this.done = new Promise((resolve, reject) => {
      this.worker.once('message', (message: RebuildWorkerMessage) =>
        'error' in message ? reject(new Error(`rebuilding ${workerData.schema} failed: ${message.error}`)) : resolve(message.done),
      );
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error(`the thread rebuilding ${workerData.schema} stopped`)));
    });
    // Awaited only once this thread has finished its own file; a failure is kept until then.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Progress over the files being rebuilt: this thread's directly, the workers' through shared memory. */
class ProgressMeter {
  private readonly started = Date.now();
  private readonly counts: Float64Array[];

  constructor(
    private readonly total: number,
    files: number,
    private readonly threads: number,
    private readonly onProgress: ((progress: RebuildProgress) => void) | undefined,
  ) {
    // Per file: events projected, position reached.
    this.counts = Array.from({ length: files }, () => new Float64Array(new SharedArrayBuffer(16)));
  }

  shared(index: number): SharedArrayBuffer {
    return this.counts[index].buffer as SharedArrayBuffer;
  }

  update(index: number, count: number, position: number): void {
    this.counts[index][0] = count;
    this.counts[index][1] = position;
    this.report();
  }

  report(): void {
    if (!this.onProgress) return;
    const mean = (i: number) => this.counts.reduce((sum, c) => sum + c[i], 0) / this.counts.length;
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const processed = Math.floor(mean(1));
    const positionsPerSecond = processed / seconds;
    this.onProgress({
      processed,
      total: this.total,
      eventsPerSecond: mean(0) / seconds,
      secondsLeft: positionsPerSecond > 0 ? (this.total - processed) / positionsPerSecond : 0,
      threads: this.threads,
    });
  }
}

function removeDatabaseFiles(filename: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
}
