import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

export interface BackgroundCheckpointerOptions {
  /** How often the worker folds the write-ahead log into the database file. */
  intervalMs?: number;
  /** The worker's synchronous setting: FULL fsyncs the database file after each checkpoint. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Told when the worker cannot checkpoint this file; SQLite's own checkpoints are back on by then. */
  onError?: (error: unknown) => void;
}

/** SQLite's default: checkpoint inside the commit that takes the log past 1,000 pages. */
const AUTOCHECKPOINT_PAGES = 1000;

type ToWorker = { op: 'open'; id: number; filename: string; synchronous: string; intervalMs: number } | { op: 'close'; id: number } | { op: 'exit' };
type FromWorker = { id: number; event: 'ready' | 'closed' } | { id: number; event: 'failed'; message: string };

// Runs in the worker: one connection per file, each checkpointed on its own timer. Plain
// JavaScript evaluated there, so the built server and the TypeScript tests share it; the
// driver is passed by its resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
parentPort.on('message', (message) => {
  if (message.op === 'open') {
    try {
      const db = new Database(message.filename, { fileMustExist: true });
      db.pragma('busy_timeout = 1000');
      db.pragma('synchronous = ' + message.synchronous);
      const timer = setInterval(() => {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch (error) {
          clearInterval(timer);
          files.delete(message.id);
          db.close();
          parentPort.postMessage({ id: message.id, event: 'failed', message: String(error) });
        }
      }, message.intervalMs);
      files.set(message.id, { db, timer });
      parentPort.postMessage({ id: message.id, event: 'ready' });
    } catch (error) {
      parentPort.postMessage({ id: message.id, event: 'failed', message: String(error) });
    }
  } else if (message.op === 'close') {
    const file = files.get(message.id);
    if (file) {
      clearInterval(file.timer);
      file.db.close();
      files.delete(message.id);
    }
    parentPort.postMessage({ id: message.id, event: 'closed' });
  } else if (message.op === 'exit') {
    parentPort.close();
  }
});
`;

/** The one checkpoint thread of the process, shared by every file that uses it. */
class CheckpointThread {
  private static current: CheckpointThread | undefined;
  private readonly worker: Worker;
  private readonly listeners = new Map<number, (message: FromWorker | { event: 'crashed'; error: unknown }) => void>();
  private nextId = 1;
  private closing = 0;

  static acquire(): CheckpointThread {
    CheckpointThread.current ??= new CheckpointThread();
    return CheckpointThread.current;
  }

  private constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3') } });
    // A process that forgets to stop it must still be able to exit.
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.listeners.get(message.id)?.(message));
    const crashed = (error: unknown) => {
      if (CheckpointThread.current === this) CheckpointThread.current = undefined;
      for (const listener of [...this.listeners.values()]) listener({ event: 'crashed', error });
      this.listeners.clear();
    };
    this.worker.on('error', crashed);
    this.worker.on('exit', () => crashed(new Error('the checkpoint thread exited')));
  }

  open(filename: string, synchronous: string, intervalMs: number, listener: (message: FromWorker | { event: 'crashed'; error: unknown }) => void): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.send({ op: 'open', id, filename, synchronous, intervalMs });
    return id;
  }

  /** Closes the file's connection; the thread ends with its last file. */
  close(id: number): Promise<void> {
    if (!this.listeners.has(id)) return Promise.resolve();
    // Held while an answer is awaited: a process with nothing else left to do must not exit before it.
    if (this.closing++ === 0) this.worker.ref();
    return new Promise((resolve) => {
      this.listeners.set(id, (message) => {
        if (message.event !== 'closed' && message.event !== 'crashed') return;
        if (--this.closing === 0) this.worker.unref();
        this.listeners.delete(id);
        if (this.listeners.size === 0 && CheckpointThread.current === this) {
          CheckpointThread.current = undefined;
          this.send({ op: 'exit' });
        }
        resolve();
      });
      this.send({ op: 'close', id });
    });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }
}

/**
 * Checkpoints a WAL-mode database from a worker thread, on its own connection. Left to
 * itself SQLite checkpoints inside a commit, copying up to 1,000 pages and fsyncing the file
 * on the event loop: every few hundred commands a request would wait tens of milliseconds.
 * A PASSIVE checkpoint never blocks writers, so the worker does that work beside them. The
 * connection's own checkpoints are turned off only once the worker has the file open, and
 * turned back on if it stops or fails, so the log never grows without bound. One thread
 * serves every file of the process.
 */
export class BackgroundCheckpointer {
  private readonly thread = CheckpointThread.acquire();
  private readonly id: number;
  private running = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    filename: string,
    options: BackgroundCheckpointerOptions = {},
  ) {
    this.id = this.thread.open(filename, options.synchronous ?? 'FULL', options.intervalMs ?? 250, (message) => {
      if (message.event === 'ready') {
        if (this.stopped || !this.db.open) return;
        this.db.pragma('wal_autocheckpoint = 0');
        this.running = true;
      } else if (message.event === 'failed' || message.event === 'crashed') {
        this.fallBack();
        options.onError?.(message.event === 'failed' ? new Error(message.message) : message.error);
      }
    });
  }

  /** Whether the worker is checkpointing this file (false before it starts and after it stops). */
  get active(): boolean {
    return this.running;
  }

  /** Stops checkpointing this file in the worker and gives it back to the connection; call before closing it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.thread.close(this.id);
    this.fallBack();
  }

  private fallBack(): void {
    this.running = false;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
