import { StreamNotFoundError } from './errors';
import type { AggregatedStream, AggregateStreamOptions, EventShape, EventStore, StreamFold } from './event-store.port';

/**
 * `aggregateStream` on top of a store's own `readStream` (so upcasting applies), shared by
 * the adapters: both read a stream the same way through the port. The evolve function gets
 * the event as the domain knows it, `{ type, data }`, not the store's envelope, so a decider's
 * state never keeps positions or metadata by accident.
 */
export async function aggregateStream<State, E extends EventShape>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  fold: StreamFold<State, E>,
  options: AggregateStreamOptions<State> = {},
): Promise<AggregatedStream<State>> {
  let state = options.after ? options.after.state : fold.initialState();
  let revision = options.after?.revision;
  try {
    const read = store.readStream<E>(streamId, revision === undefined ? {} : { fromRevision: revision + 1n });
    for await (const event of read) {
      state = fold.evolve(state, { type: event.type, data: event.data } as E);
      revision = event.revision;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return { state, revision };
}
