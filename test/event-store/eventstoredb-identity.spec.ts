import {
  EventStoreDbEventStore,
  STORE_IDENTIFIED,
  STORE_IDENTITY_STREAM,
  StoreRefusedError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
} from '@rag-ledger/event-store';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The identity stream's events, read through a store of its own (the server's view, through the real client). */
async function identityEvents(server: EsdbProtocolServer): Promise<RecordedEvent[]> {
  const reader = EventStoreDbEventStore.fromConnectionString(server.connectionString);
  try {
    const events: RecordedEvent[] = [];
    for await (const event of reader.readStream(STORE_IDENTITY_STREAM, { raw: true })) events.push(event);
    return events;
  } finally {
    await reader.close();
  }
}

const appends = (server: EsdbProtocolServer) => server.calls('append') + server.calls('batchAppend');

/** EventStoreDB keeps its identity in a stream the product writes once; through the real client, over the protocol-level server. */
describe('EventStoreDbEventStore.identity() over the protocol-level EventStoreDB server', () => {
  let server: EsdbProtocolServer;
  const stores: EventStore[] = [];
  const open = () => {
    const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    server = await startEsdbProtocolServer();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await server.stop();
  });

  it('given a server this product never used, when asked, then it writes StoreIdentified once, with the metadata every event carries', async () => {
    const store = open();
    const identity = await store.identity();
    expect(identity).toEqual({ kind: 'eventstoredb', id: expect.stringMatching(UUID) });
    const [event, ...more] = await identityEvents(server);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ streamId: STORE_IDENTITY_STREAM, revision: 0n, type: STORE_IDENTIFIED, data: { id: identity.id } });
    expect(event.metadata).toEqual({
      actor: { id: 'event-store', name: 'RAG Ledger event store', role: 'admin' },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      correlationId: expect.stringMatching(/^store-identity-/),
      causationId: expect.stringMatching(UUID),
    });
    expect(event.metadata).toMatchObject({ correlationId: `store-identity-${(event.metadata as { causationId: string }).causationId}` });

    // Asked again, it answers from memory: nothing more is written or read.
    const written = appends(server);
    const reads = server.calls('readStream');
    expect(await store.identity()).toEqual(identity);
    expect([appends(server), server.calls('readStream')]).toEqual([written, reads]);
  });

  it('given the identity written, when a second store object (another node) asks, then it reads the same id and writes nothing', async () => {
    const identity = await open().identity();
    const written = appends(server);
    expect(await open().identity()).toEqual(identity);
    expect(appends(server)).toBe(written);
    expect(await identityEvents(server)).toHaveLength(1);
  });

  it('given a fresh server, when several nodes ask at once, then they all get the same id and the stream holds one event', async () => {
    const nodes = Array.from({ length: 6 }, open);
    const identities = await Promise.all(nodes.map((node) => node.identity()));
    expect(new Set(identities.map((i) => i.id)).size).toBe(1);
    const events = await identityEvents(server);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ id: identities[0].id });
  });

  it('given a node that found no stream just before another wrote it, when its own write is refused, then it reads and answers the other\'s id', async () => {
    const first = open();
    const late = open();
    // The late node's first read answers as it would have an instant before the first node's write.
    let readsMissing = 1;
    const racing = Object.create(late) as EventStore;
    racing.readStream = ((streamId, options) => {
      if (streamId === STORE_IDENTITY_STREAM && readsMissing-- > 0) {
        return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StreamNotFoundError(streamId)) }) };
      }
      return late.readStream(streamId, options);
    }) as EventStore['readStream'];

    const identity = await first.identity();
    const written = appends(server);
    expect(await racing.identity()).toEqual(identity);
    // It did try to write (expected revision no_stream), and was refused: one event still.
    expect(appends(server)).toBe(written + 1);
    expect(await identityEvents(server)).toHaveLength(1);
  });

  it('given the server down, when asked, then it fails, and answers once the server is back', async () => {
    const store = open();
    await server.stop();
    const down = await store.identity().catch((error: unknown) => error);
    // Not a refusal: the runner waits it out.
    expect(down).toBeInstanceOf(Error);
    expect(down).not.toBeInstanceOf(StoreRefusedError);
    await server.restart();
    // The client reconnects on its own; a failed read is not cached.
    let identity;
    for (let attempt = 0; attempt < 100 && identity === undefined; attempt++) {
      identity = await store.identity().catch(() => undefined);
      if (identity === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(identity).toEqual({ kind: 'eventstoredb', id: expect.stringMatching(UUID) });
    expect(await identityEvents(server)).toHaveLength(1);
  });

  it('refuses a stream store-identity that something else wrote, saying so', async () => {
    const other = open();
    await other.appendToStream(STORE_IDENTITY_STREAM, { type: 'SomethingElse', data: {} });
    const refused = open().identity();
    await expect(refused).rejects.toThrow('the stream store-identity does not begin with a StoreIdentified event (it begins with SomethingElse)');
    await expect(refused).rejects.toBeInstanceOf(StoreRefusedError);
  });

  it('given a server that refuses the read (access denied, no error metadata), when asked, then it refuses too, saying what the server answered', async () => {
    server.failAlways('readStream', { status: 'PERMISSION_DENIED', details: 'Access denied' });
    try {
      const refused = await open().identity().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreRefusedError);
      expect((refused as Error).message).toMatch(/^EventStoreDB refused to say which log it holds: .*PERMISSION_DENIED/);
    } finally {
      server.clearFaults();
    }
  });
});
