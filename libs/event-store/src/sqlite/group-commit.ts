import type { Database } from 'better-sqlite3';

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

type Outcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

function outcomeOf<Result>(run: () => Result): Outcome<Result> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Group commit: the appends submitted while the event loop is busy (the requests read in one
 * turn) are written in one transaction, so they share one fsync instead of paying one each.
 * Each append still runs on its own savepoint, so one that breaks a rule (a wrong expected
 * revision) fails alone and writes nothing, while the others commit. Every promise settles
 * only after the commit: an append is never acknowledged before it is durable. An error that
 * aborts the transaction itself (disk full, I/O error) fails every item of the batch, and
 * none is written.
 */
export class GroupCommit<Item, Result> {
  private pending: Array<Pending<Item, Result>> = [];
  private readonly commitBatch: (batch: Array<Pending<Item, Result>>) => Array<Outcome<Result>>;

  constructor(
    db: Database,
    apply: (item: Item) => Result,
    private readonly onCommitted: () => void,
  ) {
    // Called inside the batch's transaction, better-sqlite3 runs this one on a savepoint.
    const one = db.transaction(apply);
    const all = db.transaction((batch: Array<Pending<Item, Result>>) =>
      batch.map((p) => {
        const outcome = outcomeOf(() => one(p.item));
        // Some errors (disk full, I/O error) make SQLite roll back the whole transaction, not
        // just the savepoint: what the batch wrote so far is gone, and an item run now would
        // commit on its own in autocommit. So stop here and fail the whole batch with it.
        if (!db.inTransaction) throw outcome.ok ? new Error('The transaction of the batch ended before its commit; nothing was written') : outcome.error;
        return outcome;
      }),
    );
    // IMMEDIATE takes the write lock before anything is read, so two connections (or
    // processes) can never both pass the same expected revision. An append alone needs no
    // savepoint: if it fails, so does its transaction, and nothing else is in it.
    this.commitBatch = (batch) => (batch.length > 1 ? all.immediate(batch) : [outcomeOf(() => one.immediate(batch[0].item))]);
  }

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      // setImmediate runs after the I/O callbacks of this turn: every request already read joins the batch.
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Writes what is waiting now (also called before the store closes). */
  flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let outcomes: Array<Outcome<Result>>;
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      // The commit itself failed, or an item's error rolled the whole transaction back:
      // nothing of the batch is written, and nobody is told otherwise.
      for (const p of batch) p.reject(error);
      return;
    }
    if (outcomes.some((o) => o.ok)) this.onCommitted();
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
}
