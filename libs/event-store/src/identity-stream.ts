import { randomUUID } from 'node:crypto';
import { StoreRefusedError, StreamNotFoundError, WrongExpectedVersionError } from './errors';
import { NO_STREAM, type EventStore } from './event-store.port';
import {
  STORE_IDENTIFIED,
  STORE_IDENTITY_ACTOR,
  STORE_IDENTITY_STREAM,
  type StoreIdentifiedData,
  type StoreIdentity,
  type StoreKind,
} from './store-identity';

/**
 * The identity of a log that keeps it in a stream of its own (EventStoreDB): the id of the
 * stream's first event, `StoreIdentified`. When the stream is missing (a log this product has
 * never used), one is generated and appended with expected revision `no_stream`, so of two
 * nodes asking at once on a fresh server one writes it and the other, refused, reads that one.
 */
export async function identityFromStream(store: EventStore, kind: StoreKind): Promise<StoreIdentity> {
  const recorded = await readIdentity(store);
  if (recorded !== undefined) return { kind, id: recorded };
  const id = randomUUID();
  const commandId = randomUUID();
  try {
    await store.appendToStream(
      STORE_IDENTITY_STREAM,
      {
        id: randomUUID(),
        type: STORE_IDENTIFIED,
        data: { id } satisfies StoreIdentifiedData,
        // The metadata every event carries (see EventMetadata in libs/domain), for the product itself.
        metadata: { actor: STORE_IDENTITY_ACTOR, at: new Date().toISOString(), correlationId: `store-identity-${commandId}`, causationId: commandId },
      },
      { expectedRevision: NO_STREAM },
    );
    return { kind, id };
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    // Another node wrote it first: its id is the log's.
    const written = await readIdentity(store);
    if (written === undefined) throw error;
    return { kind, id: written };
  }
}

/** The id the stream's first event records, or undefined when there is no stream. */
async function readIdentity(store: EventStore): Promise<string | undefined> {
  try {
    for await (const event of store.readStream(STORE_IDENTITY_STREAM, { maxCount: 1, raw: true })) {
      const id = (event.data as Partial<StoreIdentifiedData> | null)?.id;
      if (event.type !== STORE_IDENTIFIED || typeof id !== 'string' || id === '') {
        // Asking again reads the same stream: the runner must stop, not wait for it to change.
        throw new StoreRefusedError(
          `the stream ${STORE_IDENTITY_STREAM} does not begin with a ${STORE_IDENTIFIED} event (it begins with ${event.type}): ` +
            'RAG Ledger writes it once to tell this log from another; it has been changed by something else',
        );
      }
      return id;
    }
    return undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}
