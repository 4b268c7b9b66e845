/**
 * Counts refused authentications (no token, a malformed, expired or forged one)
 * per client address over a sliding minute. Once an address has been refused
 * `perMinute` times within the last minute, its next refusals are answered 429
 * with Retry-After instead of 401. Requests with a valid token are neither counted
 * nor limited, so one misconfigured client behind a shared office address cannot
 * lock its colleagues out.
 *
 * Memory is bounded: each address keeps at most `perMinute` timestamps, and at
 * most `maxAddresses` addresses are tracked (the least recently refused are
 * forgotten first).
 */
export class FailedAuthLimiter {
  /** Per address, the times (ms) of its most recent refusals, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly perMinute: number,
    private readonly options: { windowMs?: number; maxAddresses?: number; now?: () => number } = {},
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error('perMinute must be a whole number of at least 1');
  }

  private get windowMs(): number {
    return this.options.windowMs ?? 60_000;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * Records a refusal from `address`. Returns undefined while the address is
   * within its allowance (answer 401), or the whole seconds to wait (answer 429).
   */
  recordFailure(address: string): number | undefined {
    const now = this.now();
    const recent = (this.failures.get(address) ?? []).filter((t) => t > now - this.windowMs);
    const overLimit = recent.length >= this.perMinute;
    recent.push(now);
    if (recent.length > this.perMinute) recent.splice(0, recent.length - this.perMinute);
    // Re-inserting keeps the map in least-recently-refused order.
    this.failures.delete(address);
    this.failures.set(address, recent);
    this.forgetOldest();
    if (!overLimit) return undefined;
    // The address may try again once the oldest of its last `perMinute` refusals leaves the window.
    return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
  }

  /** Forgets every address (tests; an operator after a false alarm). */
  reset(): void {
    this.failures.clear();
  }

  /** How many addresses are tracked. */
  get size(): number {
    return this.failures.size;
  }

  private forgetOldest(): void {
    const max = this.options.maxAddresses ?? 10_000;
    for (const address of this.failures.keys()) {
      if (this.failures.size <= max) return;
      this.failures.delete(address);
    }
  }
}

/** One limiter per application (keyed by its configuration), reachable from tests through APP_CONFIG. */
const limiters = new WeakMap<object, FailedAuthLimiter>();

export function failedAuthLimiterFor(config: { authFailuresPerMinute: number }): FailedAuthLimiter {
  let limiter = limiters.get(config);
  if (!limiter) {
    limiter = new FailedAuthLimiter(config.authFailuresPerMinute);
    limiters.set(config, limiter);
  }
  return limiter;
}
