import { StreamNotFoundError } from './errors';
import type { EventShape, EventStore, ReadStreamOptions, RecordedEventOf } from './event-store.port';

/** Reads a whole stream into memory, treating a missing stream as empty. */
export async function readStreamOrEmpty<E extends EventShape = EventShape>(
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<RecordedEventOf<E>[]> {
  const events: RecordedEventOf<E>[] = [];
  try {
    for await (const event of store.readStream<E>(streamId, options)) events.push(event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}
