/**
 * Wakes caught-up subscriptions of this process when an append commits, so live
 * delivery does not wait for the poll that catches other processes' appends.
 */
export class AppendSignal {
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next append, or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(() => this.release(wake), timeoutMs);
    this.waiters.push(wake);
    return {
      promise,
      cancel: () => {
        clearTimeout(timer);
        this.release(wake);
      },
    };
  }

  private release(wake: () => void): void {
    this.waiters = this.waiters.filter((w) => w !== wake);
    wake();
  }
}
