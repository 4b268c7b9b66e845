/**
 * Long work on a plan file (reading 20,000 rows, checking them, reading the state of their
 * streams) is done in steps that give the event loop back between them, so the server keeps
 * answering other requests (health, boards, commands) while an admin's large import runs.
 */
export const eventLoop = {
  /** Resolves after the event loop has had a turn (I/O included). Called through this object so a test can see each turn. */
  nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  },
};

/** Rows checked or streams read between two turns: small enough that no step holds the loop for long. */
export const ROWS_PER_STEP = 500;

/** Runs a stepped job (a generator that yields between its steps) to the end at once. */
export function runAtOnce<T>(job: Generator<void, T>): T {
  for (;;) {
    const step = job.next();
    if (step.done) return step.value;
  }
}

/** Runs a stepped job, giving the event loop a turn after each step. */
export async function runInSteps<T>(job: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = job.next();
    if (step.done) return step.value;
    await eventLoop.nextTurn();
  }
}
