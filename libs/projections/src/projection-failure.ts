import type { RecordedEvent } from '@rag-ledger/event-store';

/** A projection that could not apply an event, and is being tried again. */
export interface ProjectionFailure {
  projection: string;
  /** The position of the last event it applied: its read model is as it stood there. */
  stoppedAt: bigint;
  /** The event it could not apply; absent when the read models could not be written at all (disk full, say). */
  event?: { id: string; type: string; streamId: string; position: bigint };
  /** What went wrong, in the error's words. */
  error: string;
  /** Failed attempts in a row, the first included. */
  attempts: number;
  /** When the first of them failed. */
  since: Date;
  /** When it will be tried next; absent when it will not be (the log itself could not be read: restart the server). */
  nextAttemptAt?: Date;
}

/** How long a failed projection waits before each new attempt: doubling from the first delay up to the longest. */
export interface RetryBackoff {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** 100 ms, 200 ms, 400 ms ... then every 30 s: a passing fault heals within moments, a lasting one costs little. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { firstDelayMs: 100, maxDelayMs: 30_000 };

export const delayBefore = (attempt: number, backoff: RetryBackoff): number =>
  Math.min(backoff.maxDelayMs, backoff.firstDelayMs * 2 ** Math.min(attempt - 1, 30));

/** Thrown from a projection's apply: which projection, which event. */
export class EventNotAppliedError extends Error {
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`${projection} could not apply event ${event.id} (${event.type} at position ${event.position}): ${describeError(cause)}`);
  }
}

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
