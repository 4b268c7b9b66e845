/**
 * Faults through the real client: the adapter (EventStoreDbEventStore over @eventstore/db-client
 * talking gRPC) against the protocol-level test server (test/support/esdb-protocol-server),
 * which ends calls the way a real server does: a subscription dropped mid-catch-up, a permanent
 * error, a server in trouble that keeps dropping the subscription, a leader change during an
 * append, and discovery failing while a cluster elects a leader. Each test has a server of its
 * own, so no call of another test can take its fault.
 */
import { status as Status } from '@grpc/grpc-js';
import { EventStoreDbEventStore, NO_STREAM, type EventStoreDbEventStoreOptions, type RecordedEvent } from '@rag-ledger/event-store';
import { startEsdbProtocolServer, type EsdbFault, type EsdbMethod, type EsdbProtocolServer, type GrpcStatusName } from '../support/esdb-protocol-server';
import { collect } from './helpers';

let server: EsdbProtocolServer;
const stores: EventStoreDbEventStore[] = [];

beforeEach(async () => {
  server = await startEsdbProtocolServer();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await server.stop();
});

/** A store through the real client, with a back-off small enough for a test and large enough to see it grow. */
function open(options: EventStoreDbEventStoreOptions = {}, connectionString = server.connectionString): EventStoreDbEventStore {
  const store = EventStoreDbEventStore.fromConnectionString(connectionString, { backoff: { initialMs: 5, maxMs: 80 }, ...options });
  stores.push(store);
  return store;
}

const event = (n: number) => ({ type: 'Counted', data: { n, padding: 'x'.repeat(200) }, metadata: { by: 'faults test' } });
const nOf = (e: RecordedEvent) => (e.data as { n: number }).n;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** The ids the server holds for the streams with the prefix, in $all order. */
const storedIds = (prefix: string) => server.events().filter((e) => e.streamId.startsWith(prefix)).map((e) => e.id);

describe('EventStoreDB through the real client: a subscription dropped by the server', () => {
  it.each(['UNAVAILABLE', 'ABORTED', 'DEADLINE_EXCEEDED'] as const)(
    'mid-catch-up with %s: it resumes, every event arrives once, in order, and live events still arrive',
    async (status: GrpcStatusName) => {
      const writer = open();
      const prefix = `count${status.toLowerCase().replace(/_/g, '')}-`;
      for (let batch = 0; batch < 6; batch++) {
        await writer.appendToStream(`${prefix}${batch % 2}`, range(batch * 10, batch * 10 + 10).map(event));
      }
      const drops: unknown[] = [];
      const store = open({ onSubscriptionReconnect: (error) => drops.push(error) });
      // Armed before the subscription opens: the server ends it with the status after 17 of the 60 events.
      server.dropSubscriptionsAfter(17, status);
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const iterator = subscription[Symbol.asyncIterator]();
      const seen: RecordedEvent[] = [];
      for (let i = 0; i < 60; i++) seen.push((await iterator.next()).value as RecordedEvent);

      expect(drops).toHaveLength(1);
      expect(drops[0]).toMatchObject({ code: Status[status] });
      expect(server.calls('subscribeToAll')).toBe(2);
      expect(seen.map(nOf)).toEqual(range(0, 60));
      expect(seen.map((e) => e.id)).toEqual(storedIds(prefix));
      for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);

      // Caught up once the consumer asks past the last of them; then a new event arrives live.
      const live = iterator.next();
      await subscription.caughtUp;
      await writer.appendToStream(`${prefix}0`, event(60));
      expect(nOf((await live).value as RecordedEvent)).toBe(60);
      await subscription.close();
    },
  );
});

describe('EventStoreDB through the real client: an error retrying cannot mend', () => {
  it.each(['INVALID_ARGUMENT', 'PERMISSION_DENIED', 'UNIMPLEMENTED'] as const)(
    '%s ends the subscription with the error after one call, with no retry loop',
    async (status: GrpcStatusName) => {
      const writer = open();
      await writer.appendToStream('refused-1', event(1));
      const drops: unknown[] = [];
      const store = open({ onSubscriptionReconnect: (error) => drops.push(error) });
      server.failAlways('subscribeToAll', { status, details: 'refused by the server' });
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['refused-'] } });
      await expect(subscription[Symbol.asyncIterator]().next()).rejects.toMatchObject({
        name: 'SubscriptionStoppedError',
        message: expect.stringContaining(`EventStoreDB answered ${status} (refused by the server)`),
        cause: { code: Status[status] },
      });
      expect(server.calls('subscribeToAll')).toBe(1);
      expect(drops).toEqual([]);
      await subscription.close();
    },
  );
});

describe('EventStoreDB through the real client: a server that keeps dropping the subscription', () => {
  it('backs off more each time and stops after maxReconnectAttempts', async () => {
    const writer = open();
    await writer.appendToStream('trouble-1', event(1));
    const reconnects: Array<[number, number]> = [];
    const store = open({ maxReconnectAttempts: 4, onSubscriptionReconnect: (_error, attempt, delay) => reconnects.push([attempt, delay]) });
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['trouble-'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(nOf((await iterator.next()).value as RecordedEvent)).toBe(1);
    const next = iterator.next();
    await subscription.caughtUp;

    // From here every new subscription is refused for now, and the open one is ended.
    server.failAlways('subscribeToAll', { status: 'UNAVAILABLE', details: 'the node is restarting' });
    server.dropSubscriptions('UNAVAILABLE', 'the node is restarting');
    await expect(next).rejects.toMatchObject({
      name: 'SubscriptionStoppedError',
      reconnectAttempts: 4,
      message: expect.stringMatching(/after 4 attempts in a row \(the last: EventStoreDB answered UNAVAILABLE \(the node is restarting\)/),
    });
    expect(reconnects).toEqual([
      [1, 5],
      [2, 10],
      [3, 20],
      [4, 40],
    ]);
    expect(server.calls('subscribeToAll')).toBe(5);
  });
});

describe('EventStoreDB through the real client: a leader change during an append', () => {
  const faults: Array<[string, EsdbFault, 'exact' | 'any']> = [
    ['not-leader, after the leader wrote it (exact revision)', { status: 'NOT_FOUND', exception: 'not-leader', afterWrite: true }, 'exact'],
    ['not-leader, after the leader wrote it (any revision)', { status: 'NOT_FOUND', exception: 'not-leader', afterWrite: true }, 'any'],
    ['the connection lost after the server wrote it (UNAVAILABLE)', { status: 'UNAVAILABLE', afterWrite: true }, 'exact'],
  ];

  it.each(faults)('%s: the append is sent once more with the same event ids and stored once', async (_what, fault, expected) => {
    const retries: unknown[] = [];
    const store = open({ onAppendRetry: (error) => retries.push(error) });
    const stream = `leader-${expected}-${fault.status.toLowerCase()}`;
    await store.appendToStream(stream, event(0), { expectedRevision: NO_STREAM });
    // The client appends with BatchAppend when the server offers it, else with Append.
    const method: EsdbMethod = server.calls('batchAppend') > 0 ? 'batchAppend' : 'append';
    const before = server.calls(method);
    server.failNext(method, fault);

    const result = await store.appendToStream(stream, [event(1), event(2)], { expectedRevision: expected === 'exact' ? 0n : undefined });

    expect(server.calls(method) - before).toBe(2);
    expect(retries).toHaveLength(1);
    const stored = server.events().filter((e) => e.streamId === stream);
    expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect(new Set(stored.map((e) => e.id)).size).toBe(3);
    expect(result).toEqual({ nextExpectedRevision: 2n, position: stored[2].position });
    expect((await collect(store.readStream(stream))).map(nOf)).toEqual([0, 1, 2]);
  });

  it('is not retried on a wrong expected version or a permanent error', async () => {
    const retries: unknown[] = [];
    const store = open({ onAppendRetry: (error) => retries.push(error) });
    await store.appendToStream('leader-no-retry', event(0), { expectedRevision: NO_STREAM });
    const method: EsdbMethod = server.calls('batchAppend') > 0 ? 'batchAppend' : 'append';
    let before = server.calls(method);
    await expect(store.appendToStream('leader-no-retry', event(1), { expectedRevision: NO_STREAM })).rejects.toMatchObject({ name: 'WrongExpectedVersionError' });
    expect(server.calls(method) - before).toBe(1);
    before = server.calls(method);
    server.failNext(method, { status: 'PERMISSION_DENIED', exception: 'access-denied' });
    await expect(store.appendToStream('leader-no-retry', event(1), { expectedRevision: 0n })).rejects.toMatchObject({ type: 'access-denied' });
    expect(server.calls(method) - before).toBe(1);
    expect(retries).toEqual([]);
    expect(server.events().filter((e) => e.streamId === 'leader-no-retry')).toHaveLength(1);
  });
});

describe('EventStoreDB through the real client: discovery failing while a cluster elects a leader', () => {
  it('keeps the subscription retrying with back-off, then delivers', async () => {
    await open().appendToStream('elected-1', event(1));
    // Two seeds, gossip asked for the leader; two discovery attempts of each 10 ms apart before the client gives up.
    const seeds = `esdb://127.0.0.1:${server.port},127.0.0.1:${server.port}?tls=false&maxDiscoverAttempts=2&discoveryInterval=10`;
    // Enough failed gossip calls for the client to give up discovering at least twice.
    server.failNext('gossip', { status: 'UNAVAILABLE', details: 'no leader yet' }, 10);
    const drops: unknown[] = [];
    const store = open({ onSubscriptionReconnect: (error) => drops.push(error) }, seeds);
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['elected-'] } });
    const first = await subscription[Symbol.asyncIterator]().next();
    expect(nOf(first.value as RecordedEvent)).toBe(1);
    expect(drops.length).toBeGreaterThanOrEqual(1);
    expect(drops).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^Failed to discover after 2 attempts/) }));
    expect(server.calls('gossip')).toBeGreaterThan(10);
    await subscription.close();
  });
});

