import type { EventStore, ReadStreamOptions, RecordedEvent } from './event-store.port';
import { StreamNotFoundError } from './errors';

/** Reads a whole stream into memory, treating a missing stream as empty. */
export async function readStreamOrEmpty(
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamId, options)) events.push(event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}
