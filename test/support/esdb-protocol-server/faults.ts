/**
 * The faults a test sets on the protocol server's calls, and the count of calls received.
 * A call takes its fault when it arrives (for BatchAppend, each append request on the shared
 * bidirectional call is a call: that is what a retried append repeats).
 */
import type { EsdbFault, EsdbMethod } from './server.types';

export class Faults {
  private readonly next = new Map<EsdbMethod, { fault: EsdbFault; times: number }[]>();
  private readonly always = new Map<EsdbMethod, EsdbFault>();
  private readonly counts = new Map<EsdbMethod, number>();

  failNext(method: EsdbMethod, fault: EsdbFault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`failNext needs a whole number of times >= 1, not ${times}`);
    const queue = this.next.get(method) ?? [];
    queue.push({ fault, times });
    this.next.set(method, queue);
  }

  failAlways(method: EsdbMethod, fault: EsdbFault): void {
    this.always.set(method, fault);
  }

  clear(): void {
    this.next.clear();
    this.always.clear();
  }

  calls(method: EsdbMethod): number {
    return this.counts.get(method) ?? 0;
  }

  /** Counts a call of `method` and answers the fault it must end with, if any. */
  take(method: EsdbMethod): EsdbFault | undefined {
    this.counts.set(method, this.calls(method) + 1);
    const always = this.always.get(method);
    if (always) return always;
    const queue = this.next.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times -= 1;
    if (head.times === 0) queue.shift();
    return head.fault;
  }
}
