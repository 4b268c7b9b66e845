import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

// The recorded SQL, one flat array per transaction (cheap to copy between threads):
// EXEC sql | PREPARE id sql | RUN id argumentCount ...arguments
const EXEC = 0;
const PREPARE = 1;
const RUN = 2;

/** Transactions sent but not yet written: enough to keep the writer busy, few enough to bound memory. */
const MAX_IN_FLIGHT = 2;

// Runs in the writer thread. Plain JavaScript evaluated there, so the built CLI and the
// TypeScript tests share it; the driver is passed by its resolved path.
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
// Nobody reads this file until it is complete and durable (see rebuildReadModels).
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('cache_size = -262144');
const statements = [];
const apply = db.transaction((ops) => {
  for (let i = 0; i < ops.length; ) {
    const op = ops[i];
    if (op === ${EXEC}) {
      db.exec(ops[i + 1]);
      i += 2;
    } else if (op === ${PREPARE}) {
      statements[ops[i + 1]] = db.prepare(ops[i + 2]);
      i += 3;
    } else {
      const count = ops[i + 2];
      statements[ops[i + 1]].run(ops.slice(i + 3, i + 3 + count));
      i += 3 + count;
    }
  }
});
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    parentPort.close();
    return;
  }
  try {
    apply(message.ops);
    parentPort.postMessage({ written: true });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.stack || error) });
  }
});
`;

/**
 * Writes a bulk load from a second thread. Projections run on the calling thread against
 * `db`, whose statements only record what they would write; each `commit` sends the record
 * to the writer, which runs it as one transaction while the caller reads and projects the
 * next events. Reading the log and writing the read models then use both cores.
 * Statements of `db` can only run: a bulk load writes a fresh file and never reads it.
 */
export class BulkWriter {
  private readonly worker: Worker;
  private ops: unknown[] = [];
  private statements = 0;
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;
  private ending = false;
  readonly db: Database;

  constructor(filename: string) {
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), filename } });
    this.worker.on('message', (message: { written?: true; error?: string }) => {
      if (message.error) this.failure ??= new Error(`bulk write failed: ${message.error}`);
      if (message.written || message.error) {
        this.inFlight--;
        this.wakeUp();
      }
    });
    this.worker.on('error', (error) => {
      this.failure ??= error;
      this.wakeUp();
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.failure ??= new Error('the bulk writer stopped');
        this.wakeUp();
        resolve();
      }),
    );
    this.db = this.recordingDatabase();
  }

  /** Sends what was recorded as one transaction; waits while the writer is too far behind. */
  async commit(): Promise<void> {
    this.throwIfFailed();
    if (this.ops.length > 0) {
      const ops = this.ops;
      this.ops = [];
      this.inFlight++;
      this.worker.postMessage({ ops });
    }
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await this.waitForWriter();
    this.throwIfFailed();
  }

  /** Commits the rest, waits until everything is written, and closes the file (the writer stops either way). */
  async close(): Promise<void> {
    try {
      await this.commit();
      while (this.inFlight > 0 && !this.failure) await this.waitForWriter();
      this.throwIfFailed();
    } finally {
      await this.end();
    }
  }

  /** Stops the writer after a failure elsewhere; what it wrote is to be thrown away. */
  async abandon(): Promise<void> {
    await this.end().catch(() => undefined);
  }

  private end(): Promise<void> {
    if (!this.ending) {
      this.ending = true;
      this.worker.postMessage({ close: true });
    }
    return this.exited;
  }

  private recordingDatabase(): Database {
    const ops = () => this.ops;
    const recorder = {
      exec: (sql: string) => {
        ops().push(EXEC, sql);
        return recorder;
      },
      prepare: (sql: string) => {
        const id = this.statements++;
        ops().push(PREPARE, id, sql);
        return {
          run: (...args: unknown[]) => {
            const target = ops();
            target.push(RUN, id, args.length);
            for (const arg of args) target.push(arg);
            return { changes: 0, lastInsertRowid: 0 };
          },
          get: () => {
            throw new Error('a bulk load only writes: it cannot read back');
          },
          all: () => {
            throw new Error('a bulk load only writes: it cannot read back');
          },
        };
      },
    };
    return recorder as unknown as Database;
  }

  private waitForWriter(): Promise<void> {
    if (this.failure) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
