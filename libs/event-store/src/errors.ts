import type { ExpectedRevision, StreamRevision } from './event-store.port';

/** The stream was not at the revision the caller expected (optimistic concurrency). */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamName: string,
    readonly expectedVersion: ExpectedRevision,
    /** undefined when the stream does not exist */
    readonly actualVersion: StreamRevision | undefined,
  ) {
    super(
      `Stream ${streamName}: expected revision ${String(expectedVersion)}, ` +
        `actual ${actualVersion === undefined ? 'no stream' : String(actualVersion)}`,
    );
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} not found`);
  }
}

/** An event id is already stored, but not as the retry of this same append. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly eventId: string,
    readonly streamName: string,
  ) {
    super(`Event id ${eventId} is already stored in stream ${streamName}`);
  }
}

export class EventStoreClosedError extends Error {
  override readonly name = 'EventStoreClosedError';
  constructor() {
    super('The event store is closed');
  }
}

/**
 * The store answered, and the answer will not change by asking again: access denied, a request it
 * refuses, its own records changed by something else. Whoever would retry stops and says why.
 */
export class StoreRefusedError extends Error {
  override readonly name = 'StoreRefusedError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
