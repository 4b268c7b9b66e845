import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type JSONEventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { recordSize } from '../support/esdb-protocol-server/event-log';

/**
 * The protocol server itself, driven through the real @eventstore/db-client: the rules it
 * claims to share with EventStoreDB (see its files' headers), so that the contract suite run
 * over it means something.
 */
let server: EsdbProtocolServer;
let client: EventStoreDBClient;
const clients: EventStoreDBClient[] = [];

beforeAll(async () => {
  server = await startEsdbProtocolServer({ maxAppendSize: 64 * 1024 });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  client = connect(server.connectionString);
});
afterEach(async () => {
  server.clearFaults();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

function connect(connectionString: string): EventStoreDBClient {
  const c = EventStoreDBClient.connectionString(connectionString);
  clients.push(c);
  return c;
}

const stream = (category = 'srv') => `${category}-${randomUUID().replace(/-/g, '')}`;
const event = (type = 'Happened', data: Record<string, unknown> = { n: 1 }, id = randomUUID()): JSONEventData => jsonEvent({ id, type, data });

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** Polls until the condition holds (a loaded machine may be slow; no timing is asserted). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const ours = (events: readonly ResolvedEvent[], s: string) => events.filter((e) => e.event?.streamId === s);

/** Both of the client's append paths: BatchAppend (the default, as ServerFeatures lists it) and Append (taken when call credentials are given). */
const appendPaths: [string, (c: EventStoreDBClient, s: string, events: JSONEventData[], expectedRevision?: AppendExpectedRevision) => Promise<AppendResult>][] = [
  ['BatchAppend', (c, s, events, expectedRevision = 'any') => c.appendToStream(s, events, { expectedRevision })],
  ['Append', (c, s, events, expectedRevision = 'any') => c.appendToStream(s, events, { expectedRevision, credentials: { username: 'admin', password: 'changeit' } })],
];

describe('positions', () => {
  it('are byte offsets of records: commit = prepare, growing by each record size, after system events the server wrote itself', async () => {
    const s = stream();
    const result = await client.appendToStream(s, [event('A', { text: 'short' }), event('B', { text: 'a longer piece of data' }), event('C')]);
    const stored = server.events();
    expect(stored.slice(0, 3).every((e) => e.streamId.startsWith('$') && e.type.startsWith('$'))).toBe(true);
    for (let i = 1; i < stored.length; i++) expect(stored[i].position).toBe(stored[i - 1].position + recordSize(stored[i - 1]));
    // Not a count: records are far bigger than one byte.
    expect(stored.at(-1)!.position).toBeGreaterThan(BigInt(stored.length) * 90n);

    const read = ours(await collect(client.readAll()), s);
    expect(read.map((e) => e.event?.type)).toEqual(['A', 'B', 'C']);
    for (const e of read) {
      expect(e.event?.position?.commit).toBe(e.event?.position?.prepare);
      expect(e.commitPosition).toBe(e.event?.position?.commit);
    }
    expect(read[0].event!.position!.commit < read[1].event!.position!.commit).toBe(true);
    expect(result.position).toEqual(read[2].event?.position);
    // Stream reads carry the positions too, as servers from 22.6 do.
    const byStream = await collect(client.readStream(s));
    expect(byStream.map((e) => e.event?.position)).toEqual(read.map((e) => e.event?.position));
  });

  it('puts system events in $all beside the users’ events', async () => {
    const s = stream();
    await client.appendToStream(s, event('Before'));
    server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { cpu: 1 });
    await client.appendToStream(s, event('After'));
    const types = (await collect(client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 3 }))).map((e) => e.event?.type);
    expect(types).toEqual(['After', '$statsCollected', 'Before']);
  });
});

describe.each(appendPaths)('expected revisions and idempotency over %s', (_path, append) => {
  it('no_stream, stream_exists, an exact revision and any, with the server’s current revision in the error', async () => {
    const s = stream();
    expect((await append(client, s, [event()], 'no_stream')).nextExpectedRevision).toBe(0n);
    await expect(append(client, s, [event()], 'no_stream')).rejects.toMatchObject({ type: 'wrong-expected-version', streamName: s, expectedVersion: 'no_stream', actualVersion: 0n });
    await expect(append(client, stream(), [event()], 'stream_exists')).rejects.toMatchObject({ type: 'wrong-expected-version', expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
    expect((await append(client, s, [event()], 'stream_exists')).nextExpectedRevision).toBe(1n);
    expect((await append(client, s, [event()], 1n)).nextExpectedRevision).toBe(2n);
    await expect(append(client, s, [event()], 1n)).rejects.toMatchObject({ type: 'wrong-expected-version', expectedVersion: 1n, actualVersion: 2n });
    await expect(append(client, s, [event()], 7n)).rejects.toMatchObject({ type: 'wrong-expected-version', expectedVersion: 7n, actualVersion: 2n });
    expect((await append(client, s, [event()], 'any')).nextExpectedRevision).toBe(3n);
  });

  it('answers a retry with the same ids at the same expected revision with the original result, writing nothing', async () => {
    const s = stream();
    const batch = [event('A'), event('B')];
    const first = await append(client, s, batch, 'no_stream');
    await append(client, s, [event('C')]);
    const count = server.events().length;
    expect(await append(client, s, batch, 'no_stream')).toEqual(first);
    const second = [event('D')];
    const d = await append(client, s, second, 2n);
    expect(await append(client, s, second, 2n)).toEqual(d);
    expect(server.events().length).toBe(count + 1);
  });

  it('under any, treats ids matching the stream’s events as a retry, and a batch repeating only some of them as WrongExpectedVersion', async () => {
    const s = stream();
    const batch = [event('A'), event('B')];
    const first = await append(client, s, batch);
    expect(await append(client, s, batch)).toEqual(first);
    await expect(append(client, s, [batch[0], event('New')])).rejects.toMatchObject({ type: 'wrong-expected-version' });
    await expect(append(client, s, [batch[0], batch[0]])).rejects.toMatchObject({ type: 'wrong-expected-version' });
    // The same at an exact revision: the first id matches, the second does not.
    await expect(append(client, s, [batch[0], event('Other')], 'no_stream')).rejects.toMatchObject({ type: 'wrong-expected-version' });
    expect((await collect(client.readStream(s))).map((e) => e.event?.type)).toEqual(['A', 'B']);
  });

  it('refuses an append over the maximum append size', async () => {
    const s = stream();
    const big = event('Big', { text: 'x'.repeat(70 * 1024) });
    await expect(append(client, s, [big])).rejects.toMatchObject({ type: 'maximum-append-size-exceeded', maxAppendSize: 64 * 1024 });
    await expect(collect(client.readStream(s))).rejects.toMatchObject({ type: 'stream-not-found' });
  });
});

describe('the 20.x form of WrongExpectedVersion', () => {
  it('is a status whose metadata carries the stream, the expected version as a number and the actual one', async () => {
    const old = await startEsdbProtocolServer({ wrongExpectedVersion: 'exception' });
    try {
      const c = connect(old.connectionString);
      const [, viaAppend] = appendPaths[1];
      const s = stream();
      await viaAppend(c, s, [event()], 'no_stream');
      await expect(viaAppend(c, s, [event()], 'no_stream')).rejects.toMatchObject({ type: 'wrong-expected-version', code: 9, streamName: s, expectedVersion: -1n, actualVersion: 0n });
      await expect(viaAppend(c, stream(), [event()], 'stream_exists')).rejects.toMatchObject({ expectedVersion: -4n, actualVersion: 'no_stream' });
      await expect(viaAppend(c, s, [event()], 5n)).rejects.toMatchObject({ expectedVersion: 5n, actualVersion: 0n });
    } finally {
      await old.stop();
    }
  });
});

describe('reads', () => {
  it('reads a stream forwards and backwards from a revision with a count, and answers stream-not-found for a missing one', async () => {
    const s = stream();
    await client.appendToStream(s, [0, 1, 2, 3, 4].map((n) => event('N', { n })));
    const ns = (events: ResolvedEvent[]) => events.map((e) => (e.event?.data as { n: number }).n);
    expect(ns(await collect(client.readStream(s, { fromRevision: 1n, maxCount: 3 })))).toEqual([1, 2, 3]);
    expect(ns(await collect(client.readStream(s, { direction: 'backwards', fromRevision: 'end', maxCount: 2 })))).toEqual([4, 3]);
    expect(ns(await collect(client.readStream(s, { direction: 'backwards', fromRevision: 2n })))).toEqual([2, 1, 0]);
    await expect(collect(client.readStream(stream()))).rejects.toMatchObject({ type: 'stream-not-found' });
  });

  it('reads $all forwards including the start position and backwards excluding it', async () => {
    const s = stream();
    await client.appendToStream(s, [event('A'), event('B'), event('C')]);
    const [, b] = ours(await collect(client.readAll()), s);
    const from = b.event!.position as Position;
    const forwards = await collect(client.readAll({ fromPosition: from, maxCount: 2 }));
    expect(forwards.map((e) => e.event?.type)).toEqual(['B', 'C']);
    const backwards = await collect(client.readAll({ direction: 'backwards', fromPosition: from, maxCount: 1 }));
    expect(backwards.map((e) => e.event?.type)).toEqual(['A']);
  });
});

describe('invalid positions', () => {
  it('refuses to read or subscribe from a position inside a record (an embedded store’s, say) with the bare INVALID_ARGUMENT', async () => {
    const s = stream();
    const { position } = await client.appendToStream(s, event());
    const inside = { commit: position!.commit + 1n, prepare: position!.commit + 1n };
    await expect(collect(client.readAll({ fromPosition: inside }))).rejects.toMatchObject({ type: 'unknown', code: 3, message: expect.stringContaining('Trying to read from an invalid position.') });
    await expect(collect(client.readAll({ fromPosition: { commit: 3n, prepare: 3n } }))).rejects.toMatchObject({ code: 3 });
    // A record's position reads.
    expect((await collect(client.readAll({ fromPosition: position!, maxCount: 1 }))).map((e) => e.event?.streamId)).toEqual([s]);

    const order: string[] = [];
    const errors: unknown[] = [];
    const subscription = client.subscribeToAll({ fromPosition: inside });
    subscription.on('confirmation', () => order.push('confirmation'));
    subscription.on('data', () => order.push('event'));
    subscription.on('error', (e) => errors.push(e));
    await until(() => errors.length > 0, 'the subscription to fail');
    expect(order).toEqual(['confirmation']);
    expect(errors[0]).toMatchObject({ type: 'unknown', code: 3 });
  });
});

describe('subscriptions', () => {
  it('confirms, sends the past with checkpoints, says it has caught up, then sends live events', async () => {
    const category = `sub${randomUUID().slice(0, 8)}`;
    const s = stream(category);
    await client.appendToStream(s, event('Past'));
    // Records the filter does not match, enough for two checkpoints (interval 1 × window 32).
    await client.appendToStream(stream('noise'), Array.from({ length: 70 }, (_, n) => event('Noise', { n })));
    const checkpoints: bigint[] = [];
    const order: string[] = [];
    const subscription = client.subscribeToAll({
      filter: streamNameFilter({ prefixes: [`${category}-`], checkpointInterval: 1, checkpointReached: (_s, p) => void checkpoints.push(p.commit) }),
    });
    subscription.on('confirmation', () => order.push('confirmation'));
    subscription.on('caughtUp', () => order.push('caughtUp'));
    subscription.on('data', (e: AllStreamResolvedEvent) => order.push(e.event!.type));
    await until(() => order.includes('caughtUp'), 'the caught-up message');
    await client.appendToStream(s, event('Live'));
    await until(() => order.includes('Live'), 'the live event');
    await subscription.unsubscribe();

    expect(order).toEqual(['confirmation', 'Past', 'caughtUp', 'Live']);
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    const positions = new Set(server.events().map((e) => e.position));
    for (const p of checkpoints) expect(positions.has(p)).toBe(true);
    expect([...checkpoints].sort((a, b) => (a < b ? -1 : 1))).toEqual(checkpoints);
  });

  it('holds back while the client does not read (gRPC flow control), and goes on when it reads again', async () => {
    const category = `bp${randomUUID().slice(0, 8)}`;
    const s = stream(category);
    const total = 2000;
    for (let i = 0; i < total; i += 40) {
      await client.appendToStream(s, Array.from({ length: 40 }, (_, n) => event('N', { n: i + n, padding: 'p'.repeat(1000) })));
    }
    // No 'data' listener: the client's stream stays paused and its buffers fill.
    const subscription = client.subscribeToAll({ filter: streamNameFilter({ prefixes: [`${category}-`] }) });
    await until(() => server.openSubscriptions().some((p) => p.held), 'the server to be held by flow control');
    const [held] = server.openSubscriptions();
    expect(held.sent).toBeGreaterThan(0);
    expect(held.sent).toBeLessThan(total);
    let received = 0;
    subscription.on('data', () => (received += 1));
    await until(() => received === total, 'every event once the client reads');
    expect(server.openSubscriptions()[0].sent).toBe(total);
    await subscription.unsubscribe();
  });

  it('subscribes to one stream after a revision (exclusive), with caught-up then live events', async () => {
    const s = stream();
    await client.appendToStream(s, [event('R0'), event('R1'), event('R2')]);
    const order: string[] = [];
    const subscription = client.subscribeToStream(s, { fromRevision: 0n });
    subscription.on('caughtUp', () => order.push('caughtUp'));
    subscription.on('data', (e: ResolvedEvent) => order.push(e.event!.type));
    await until(() => order.includes('caughtUp'), 'the caught-up message');
    await client.appendToStream(s, event('R3'));
    await client.appendToStream(stream(), event('Elsewhere'));
    await client.appendToStream(s, event('R4'));
    await until(() => order.includes('R4'), 'the live events');
    await subscription.unsubscribe();
    expect(order).toEqual(['R1', 'R2', 'caughtUp', 'R3', 'R4']);
  });

  it('starts after a position, exclusively', async () => {
    const category = `pos${randomUUID().slice(0, 8)}`;
    const s = stream(category);
    const first = await client.appendToStream(s, event('First'));
    await client.appendToStream(s, event('Second'));
    const seen: string[] = [];
    const subscription = client.subscribeToAll({ fromPosition: first.position!, filter: streamNameFilter({ prefixes: [`${category}-`] }) });
    subscription.on('data', (e: AllStreamResolvedEvent) => seen.push(e.event!.type));
    await until(() => seen.length > 0, 'an event');
    await subscription.unsubscribe();
    expect(seen).toEqual(['Second']);
  });
});

describe('faults', () => {
  it('fails the next append with a bare status, then lets the retry through; calls counts both', async () => {
    const s = stream();
    const before = server.calls('batchAppend');
    server.failNext('batchAppend', { status: 'UNAVAILABLE' });
    await expect(client.appendToStream(s, event())).rejects.toMatchObject({ type: 'unavailable' });
    await client.appendToStream(s, event());
    expect(server.calls('batchAppend')).toBe(before + 2);
    expect(await collect(client.readStream(s))).toHaveLength(1);
  });

  it('stores an append before failing it with afterWrite, so a retry with the same ids is idempotent', async () => {
    const s = stream();
    const batch = [event('A')];
    server.failNext('batchAppend', { status: 'DEADLINE_EXCEEDED', afterWrite: true });
    await expect(client.appendToStream(s, batch, { expectedRevision: 'no_stream' })).rejects.toMatchObject({ type: 'deadline-exceeded' });
    expect((await client.appendToStream(s, batch, { expectedRevision: 'no_stream' })).nextExpectedRevision).toBe(0n);
    expect(await collect(client.readStream(s))).toHaveLength(1);
  });

  it('sends the exception metadata: not-leader names this server, a permanent status stays permanent', async () => {
    server.failNext('append', { status: 'NOT_FOUND', exception: 'not-leader' });
    const error = await client.appendToStream(stream(), event(), { credentials: { username: 'admin', password: 'changeit' } }).catch((e) => e);
    expect(error).toMatchObject({ type: 'not-leader', leader: { address: '127.0.0.1', port: server.port } });
    server.failAlways('readStream', { status: 'PERMISSION_DENIED' });
    await expect(collect(client.readStream(stream()))).rejects.toMatchObject({ type: 'unknown', code: 7 });
    await expect(collect(client.readStream(stream()))).rejects.toMatchObject({ code: 7 });
  });

  it('fails a subscription when it is asked for, as a permanent status the client cannot name', async () => {
    server.failNext('subscribeToAll', { status: 'PERMISSION_DENIED' });
    const errors: unknown[] = [];
    const subscription = client.subscribeToAll();
    subscription.on('error', (e) => errors.push(e));
    subscription.on('data', () => undefined);
    await until(() => errors.length > 0, 'the failure');
    expect(errors[0]).toMatchObject({ type: 'unknown', code: 7 });
    expect(server.calls('subscribeToAll')).toBeGreaterThanOrEqual(1);
  });

  it('drops subscriptions from the server: at once, and after so many more events', async () => {
    const category = `drop${randomUUID().slice(0, 8)}`;
    const s = stream(category);
    await client.appendToStream(s, Array.from({ length: 10 }, (_, n) => event('N', { n })));
    const errors: unknown[] = [];
    const seen: number[] = [];
    server.dropSubscriptionsAfter(4, 'ABORTED');
    const dropped = client.subscribeToAll({ filter: streamNameFilter({ prefixes: [`${category}-`] }) });
    dropped.on('data', (e: AllStreamResolvedEvent) => seen.push((e.event!.data as { n: number }).n));
    dropped.on('error', (e) => errors.push(e));
    await until(() => errors.length > 0, 'the drop');
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(errors[0]).toMatchObject({ type: 'timeout', code: 10 });

    const live = client.subscribeToAll({ filter: streamNameFilter({ prefixes: [`${category}-`] }) });
    const liveErrors: unknown[] = [];
    live.on('error', (e) => liveErrors.push(e));
    let caughtUp = false;
    live.on('caughtUp', () => (caughtUp = true));
    live.on('data', () => undefined);
    await until(() => caughtUp, 'the second subscription to catch up');
    server.dropSubscriptions('UNAVAILABLE');
    await until(() => liveErrors.length > 0, 'the second drop');
    expect(liveErrors[0]).toMatchObject({ type: 'unavailable' });
  });

  it('stop ends open calls with UNAVAILABLE; restart serves the same log on the same port', async () => {
    const s = stream();
    await client.appendToStream(s, event('Kept'));
    const errors: unknown[] = [];
    const subscription = client.subscribeToAll({ fromPosition: 'end' });
    subscription.on('error', (e) => errors.push(e));
    subscription.on('data', () => undefined);
    await until(() => server.openSubscriptions().length > 0, 'the subscription to open');
    const port = server.port;
    await server.restart();
    expect(errors[0]).toMatchObject({ type: 'unavailable' });
    expect(server.port).toBe(port);
    const again = connect(server.connectionString);
    expect((await collect(again.readStream(s))).map((e) => e.event?.type)).toEqual(['Kept']);
  });
});

describe('gossip', () => {
  it('answers this server as the leader, so several hosts and esdb+discover:// connect', async () => {
    const s = stream();
    await client.appendToStream(s, event('Found'));
    const before = server.calls('gossip');
    const hosts = connect(`esdb://127.0.0.1:${server.port},127.0.0.1:${server.port}?tls=false`);
    expect((await collect(hosts.readStream(s))).map((e) => e.event?.type)).toEqual(['Found']);
    const discover = connect(`esdb+discover://127.0.0.1:${server.port}?tls=false`);
    expect((await collect(discover.readStream(s))).map((e) => e.event?.type)).toEqual(['Found']);
    expect(server.calls('gossip')).toBe(before + 2);
  });

  it('makes discovery fail while gossip fails', async () => {
    server.failAlways('gossip', { status: 'UNAVAILABLE' });
    const discover = connect(`esdb+discover://127.0.0.1:${server.port}?tls=false&discoveryInterval=10&maxDiscoverAttempts=3`);
    await expect(collect(discover.readStream(stream()))).rejects.toThrow('Failed to discover after 3 attempts.');
  });
});
