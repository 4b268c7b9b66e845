/**
 * The EventStoreDB adapter over an in-memory stand-in for @eventstore/db-client (esdb-stand-in.ts),
 * since no EventStoreDB server can run here. The stand-in reproduces what the
 * adapter has to compensate for (documented server behaviour): system events in
 * `$all`, backwards `$all` reads that exclude the event at the start position,
 * exclusive subscription starts, errors carrying the client's `type`, a
 * subscription that is a Readable piped from a gRPC stream (so pausing it holds
 * the sender back), and the 'caughtUp' message of servers from 23.10.
 * The real server is exercised by eventstoredb-contract.spec.ts when
 * EVENTSTORE_CONNECTION_STRING is set.
 */
import { randomUUID } from 'node:crypto';
import { status as Status } from '@grpc/grpc-js';
import {
  BACKWARDS,
  END,
  EventStoreClosedError,
  EventStoreDbEventStore,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDbEventStoreOptions,
  type RecordedEvent,
} from '@rag-ledger/event-store';
import { clientErrorFromServer, FakeEventStoreDb } from './esdb-stand-in';
import { collect, take } from './helpers';

// ---------------------------------------------------------------------------

const fastBackoff: EventStoreDbEventStoreOptions = { backoff: { initialMs: 5, maxMs: 20 } };
const event = (type = 'Happened', data: unknown = { n: 1 }) => ({ type, data, metadata: { by: 'test' } });
const ns = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);

/** Polls for a condition (generous, for a loaded machine) instead of sleeping and hoping. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('EventStoreDbEventStore over a stand-in client', () => {
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    fake = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(fake.client(), fastBackoff);
  });
  afterEach(() => store.close());

  describe('append', () => {
    it('passes event ids through, returns bigint revision and position of the last event, stores {} for absent metadata', async () => {
      const id = randomUUID().toUpperCase();
      const result = await store.appendToStream('plan-1', [{ id, type: 'A', data: { a: 1 } }, { type: 'B', data: { b: 2 } }]);
      const stored = fake.log.filter((e) => e.streamId === 'plan-1');
      expect(stored[0].id).toBe(id.toLowerCase());
      expect(stored[1].id).toMatch(/^[0-9a-f-]{36}$/);
      expect(stored[0].metadata).toEqual({});
      expect(result).toEqual({ nextExpectedRevision: 1n, position: stored[1].position });
    });

    it('answers a retried append with the same ids with the original result and stores nothing new', async () => {
      const batch = [{ ...event('A'), id: randomUUID() }, { ...event('B'), id: randomUUID() }];
      const first = await store.appendToStream('plan-2', batch, { expectedRevision: NO_STREAM });
      await store.appendToStream('plan-2', event('C'));
      expect(await store.appendToStream('plan-2', batch, { expectedRevision: NO_STREAM })).toEqual(first);
      expect(fake.log.filter((e) => e.streamId === 'plan-2').map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it("maps expected revisions and reports the port's WrongExpectedVersionError with the actual revision", async () => {
      await store.appendToStream('plan-3', event(), { expectedRevision: NO_STREAM });
      await expect(store.appendToStream('plan-3', event(), { expectedRevision: NO_STREAM })).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        streamName: 'plan-3',
        expectedVersion: NO_STREAM,
        actualVersion: 0n,
      });
      const missing = await store.appendToStream('plan-4', event(), { expectedRevision: STREAM_EXISTS }).catch((e) => e);
      expect(missing).toBeInstanceOf(WrongExpectedVersionError);
      expect(missing.actualVersion).toBeUndefined();
      expect((await store.appendToStream('plan-3', event(), { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
      await expect(store.appendToStream('plan-3', event(), { expectedRevision: 0n })).rejects.toMatchObject({ expectedVersion: 0n, actualVersion: 1n });
    });

    it('refuses an empty append and a store that is closed', async () => {
      await expect(store.appendToStream('plan-5', [])).rejects.toThrow(/at least one event/);
      await store.close();
      await expect(store.appendToStream('plan-5', event())).rejects.toBeInstanceOf(EventStoreClosedError);
      expect(fake.disposed).toBe(true);
    });
  });

  describe('appendToStreams', () => {
    it('is not atomic: the appends go one after another, and a conflict on the third leaves the first two written', async () => {
      expect(store.atomicMultiStreamAppend).toBe(false);
      await store.appendToStream('plan-m3', event('C0'));
      const appends = [
        { streamId: 'plan-m1', events: { ...event('A0'), id: randomUUID() }, expectedRevision: NO_STREAM },
        { streamId: 'plan-m2', events: { ...event('B0'), id: randomUUID() }, expectedRevision: NO_STREAM },
        { streamId: 'plan-m3', events: { ...event('C1'), id: randomUUID() }, expectedRevision: NO_STREAM as typeof NO_STREAM | bigint },
      ];
      await expect(store.appendToStreams(appends)).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamName: 'plan-m3' });
      const types = () => fake.log.filter((e) => e.streamId.startsWith('plan-m')).map((e) => `${e.streamId}:${e.type}`);
      expect(types()).toEqual(['plan-m3:C0', 'plan-m1:A0', 'plan-m2:B0']);
      // Repeated with the same ids, the written ones are retries and the call completes.
      appends[2].expectedRevision = 0n;
      const results = await store.appendToStreams(appends);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 0n, 1n]);
      expect(types()).toEqual(['plan-m3:C0', 'plan-m1:A0', 'plan-m2:B0', 'plan-m3:C1']);
    });

    it('refuses an append with no events before sending any', async () => {
      await expect(store.appendToStreams([{ streamId: 'plan-e1', events: event() }, { streamId: 'plan-e2', events: [] }])).rejects.toThrow(/at least one event/);
      expect(fake.log.filter((e) => e.streamId.startsWith('plan-e'))).toEqual([]);
    });
  });

  describe('append after a leader change or a lost connection', () => {
    const notLeader = () =>
      clientErrorFromServer(Status.NOT_FOUND, 'Leader info available', { exception: 'not-leader', 'leader-endpoint-host': '127.0.0.1', 'leader-endpoint-port': '2113' });
    const unavailable = () => clientErrorFromServer(Status.UNAVAILABLE, 'Connection dropped');
    let retries: Array<[string, string, number]>;
    beforeEach(async () => {
      await store.close();
      retries = [];
      store = new EventStoreDbEventStore(fake.client(), {
        ...fastBackoff,
        onAppendRetry: (error, streamId, delay) => retries.push([(error as { type: string }).type, streamId, delay]),
      });
    });
    const stream = (id: string) => fake.log.filter((e) => e.streamId === id);

    it.each([
      ['not-leader, after the leader wrote it', notLeader, true, NO_STREAM],
      ['UNAVAILABLE, after the server wrote it', unavailable, true, 'any' as const],
      ['UNAVAILABLE, before anything was written', unavailable, false, NO_STREAM],
    ])('%s: sends it once more with the same event ids, and it is stored once', async (_what, error, afterWrite, expectedRevision) => {
      const id = `plan-40-${String(afterWrite)}-${String(expectedRevision)}`;
      fake.appendFaults.push({ error: error(), afterWrite });
      const result = await store.appendToStream(id, [event('A'), event('B')], { expectedRevision });
      expect(stream(id).map((e) => e.type)).toEqual(['A', 'B']);
      expect(result).toEqual({ nextExpectedRevision: 1n, position: stream(id)[1].position });
      const calls = fake.appendCalls.filter((c) => c.streamName === id);
      expect(calls).toHaveLength(2);
      expect(calls[1].ids).toEqual(calls[0].ids);
      expect(calls[0].ids).toEqual(stream(id).map((e) => e.id));
      expect(retries).toEqual([[(error() as Error & { type: string }).type, id, 5]]);
    });

    it('retries once only: a second failure goes to the caller', async () => {
      fake.appendFaults.push({ error: unavailable() }, { error: unavailable() });
      await expect(store.appendToStream('plan-41', event('A'))).rejects.toMatchObject({ type: 'unavailable' });
      expect(fake.appendCalls.filter((c) => c.streamName === 'plan-41')).toHaveLength(2);
      expect(stream('plan-41')).toEqual([]);
    });

    it.each([
      ['INVALID_ARGUMENT', () => clientErrorFromServer(Status.INVALID_ARGUMENT, 'Invalid event')],
      ['PERMISSION_DENIED', () => clientErrorFromServer(Status.PERMISSION_DENIED, 'Access denied', { exception: 'access-denied' })],
      ['DEADLINE_EXCEEDED (the server may still be writing)', () => clientErrorFromServer(Status.DEADLINE_EXCEEDED, 'Deadline exceeded')],
    ])('does not retry %s', async (_what, error) => {
      fake.appendFaults.push({ error: error() });
      await expect(store.appendToStream('plan-42', event('A'))).rejects.toBeDefined();
      expect(fake.appendCalls.filter((c) => c.streamName === 'plan-42')).toHaveLength(1);
      expect(retries).toEqual([]);
    });

    it('does not retry a wrong expected version', async () => {
      await store.appendToStream('plan-43', event('A'), { expectedRevision: NO_STREAM });
      await expect(store.appendToStream('plan-43', event('B'), { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(fake.appendCalls.filter((c) => c.streamName === 'plan-43')).toHaveLength(2);
      expect(retries).toEqual([]);
    });
  });

  describe('reading', () => {
    it('reads a stream forwards, backwards, from a revision, with maxCount, and reports a missing one', async () => {
      await store.appendToStream('plan-6', [0, 1, 2, 3, 4].map((n) => event('N', { n })));
      expect(ns(await collect(store.readStream('plan-6')))).toEqual([0, 1, 2, 3, 4]);
      expect(ns(await collect(store.readStream('plan-6', { direction: BACKWARDS })))).toEqual([4, 3, 2, 1, 0]);
      expect(ns(await collect(store.readStream('plan-6', { fromRevision: 2n, maxCount: 2 })))).toEqual([2, 3]);
      expect(ns(await collect(store.readStream('plan-6', { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 })))).toEqual([3, 2]);
      const [last] = await collect(store.readStream('plan-6', { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
      expect(last).toMatchObject({ streamId: 'plan-6', revision: 4n, type: 'N', metadata: { by: 'test' } });
      expect(typeof last.position).toBe('bigint');
      expect(last.created).toBeInstanceOf(Date);
      await expect(collect(store.readStream('plan-404'))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('reads $all without system events, counting maxCount in user events', async () => {
      await store.appendToStream('plan-7', [event('A'), event('B')]);
      fake.write('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {} }]);
      await store.appendToStream('action-7', event('C'));
      fake.write('$$plan-7', [{ type: '$metadata', data: {} }]);
      expect((await collect(store.readAll())).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect((await collect(store.readAll({ direction: BACKWARDS }))).map((e) => e.type)).toEqual(['C', 'B', 'A']);
      expect((await collect(store.readAll({ direction: BACKWARDS, maxCount: 1 }))).map((e) => e.type)).toEqual(['C']);
      expect((await collect(store.readAll({ maxCount: 2 }))).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await collect(store.readAll({ maxCount: 0 }))).toEqual([]);
    });

    it('includes the event at the position in a backwards read, although the server excludes it', async () => {
      await store.appendToStream('plan-8', event('A'));
      const { position: b } = await store.appendToStream('plan-8', event('B'));
      fake.write('$stats', [{ type: '$statsCollected', data: {} }]);
      const { position: c } = await store.appendToStream('plan-8', event('C'));
      expect((await collect(store.readAll({ direction: BACKWARDS, fromPosition: b }))).map((e) => e.type)).toEqual(['B', 'A']);
      // The last event of the log: nothing after it to start from.
      expect((await collect(store.readAll({ direction: BACKWARDS, fromPosition: c }))).map((e) => e.type)).toEqual(['C', 'B', 'A']);
      // Forwards reads are inclusive on the server already.
      expect((await collect(store.readAll({ fromPosition: b }))).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('reads nothing backwards from START or forwards from END', async () => {
      await store.appendToStream('plan-9', event('A'));
      expect(await collect(store.readAll({ direction: BACKWARDS, fromPosition: 'start' }))).toEqual([]);
      expect(await collect(store.readAll({ fromPosition: END }))).toEqual([]);
    });

    it('gives the head as the last user event, skipping system events after it, and undefined for no user events', async () => {
      expect(await store.headPosition()).toBeUndefined();
      const { position } = await store.appendToStream('plan-10', event('A'));
      fake.write('$stats', [{ type: '$statsCollected', data: {} }, { type: '$statsCollected', data: {} }]);
      expect(await store.headPosition()).toBe(position);
      // More system events than one page of the backwards read.
      fake.write('$stats', Array.from({ length: 100 }, () => ({ type: '$statsCollected', data: {} })));
      expect(await store.headPosition()).toBe(position);
    });

    it('cancels the server read when the reader stops early', async () => {
      await store.appendToStream('plan-11', [1, 2, 3, 4, 5].map((n) => event('N', { n })));
      await take(store.readAll(), 2);
      expect(fake.cancelledReads).toBeGreaterThanOrEqual(1);
    });
  });

  describe('subscribeToAll', () => {
    const nOf = (e: RecordedEvent) => (e.data as { n: number }).n;

    it('filters on the server by stream prefix, catches up, signals it, goes live and resumes exclusively after a checkpoint', async () => {
      await store.appendToStream('plan-20', [1, 2, 3].map((n) => event('N', { n })));
      await store.appendToStream('other-20', event('N', { n: 99 }));
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
      expect(fake.subscribeCalls).toEqual(['start']);
      const iterator = sub[Symbol.asyncIterator]();
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) seen.push(nOf((await iterator.next()).value));
      const nextLive = iterator.next();
      await sub.caughtUp;
      expect(sub.isCaughtUp).toBe(true);
      await store.appendToStream('plan-20', [4, 5].map((n) => event('N', { n })));
      const fourth = (await nextLive).value as RecordedEvent;
      seen.push(nOf(fourth));
      await sub.close();
      expect((await iterator.next()).done).toBe(true);
      expect(seen).toEqual([1, 2, 3, 4]);
      expect(fake.subscriptions[0].unsubscribed).toBe(true);

      const resumed = store.subscribeToAll({ fromPosition: fourth.position, filter: { streamPrefixes: ['plan-'] } });
      expect(fake.subscribeCalls[1]).toEqual({ commit: fourth.position, prepare: fourth.position });
      expect((await take(resumed, 1)).map(nOf)).toEqual([5]);
    });

    it('filters by event type and never delivers system events', async () => {
      fake.write('$stats', [{ type: 'ActionRagChanged', data: {} }]);
      await store.appendToStream('action-21', [event('ActionAdded'), event('ActionRagChanged', { n: 7 })]);
      const byType = store.subscribeToAll({ filter: { eventTypes: ['ActionRagChanged'] } });
      expect((await take(byType, 1)).map((e) => [e.streamId, e.type])).toEqual([['action-21', 'ActionRagChanged']]);
      const all = store.subscribeToAll();
      const events = await take(all, 2);
      expect(events.map((e) => e.type)).toEqual(['ActionAdded', 'ActionRagChanged']);
    });

    it('resolves caughtUp only once the consumer has taken the events read before the signal', async () => {
      await store.appendToStream('plan-22', [1, 2, 3, 4, 5, 6, 7, 8].map((n) => event('N', { n })));
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
      const iterator = sub[Symbol.asyncIterator]();
      await new Promise((r) => setTimeout(r, 30));
      // The server has sent everything and said so; the consumer has taken nothing.
      expect(sub.isCaughtUp).toBe(false);
      expect(sub.buffered).toBe(8);
      for (let i = 0; i < 7; i++) await iterator.next();
      expect(sub.isCaughtUp).toBe(false);
      await iterator.next();
      const pending = iterator.next();
      await sub.caughtUp;
      expect(sub.buffered).toBe(0);
      await sub.close();
      expect((await pending).done).toBe(true);
    });

    it('from END delivers only events appended after it started, and is caught up at once', async () => {
      await store.appendToStream('plan-23', event('Before'));
      const sub = store.subscribeToAll({ fromPosition: END, filter: { streamPrefixes: ['plan-'] } });
      const next = take(sub, 1);
      await sub.caughtUp;
      await store.appendToStream('plan-23', event('After'));
      expect((await next).map((e) => e.type)).toEqual(['After']);
    });

    it('holds a slow consumer back: the sender stops once the buffers are full', async () => {
      await store.close();
      store = new EventStoreDbEventStore(fake.client(), { ...fastBackoff, subscriptionHighWaterMark: 200 });
      for (let i = 0; i < 20; i++) {
        await store.appendToStream('plan-24', Array.from({ length: 250 }, (_, n) => event('N', { n: i * 250 + n })));
      }
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
      const iterator = sub[Symbol.asyncIterator]();
      expect(nOf((await iterator.next()).value)).toBe(0);
      await new Promise((r) => setTimeout(r, 100));
      expect(sub.buffered).toBeLessThanOrEqual(200);
      // 200 queued here, plus the client's and the wire's small object buffers.
      expect(fake.subscriptions[0].sent).toBeLessThan(400);
      // Taking events lets it flow again, in order, to the end.
      let expected = 1;
      for (let i = 1; i < 5000; i++) expect(nOf((await iterator.next()).value)).toBe(expected++);
      await sub.close();
    });

    describe('on servers before 23.10 (no caughtUp message)', () => {
      beforeEach(async () => {
        await store.close();
        fake = new FakeEventStoreDb({ sendsCaughtUp: false, sendsCheckpoints: true });
        store = new EventStoreDbEventStore(fake.client(), fastBackoff);
      });

      it('is caught up on receiving the head read at start', async () => {
        await store.appendToStream('plan-25', [1, 2, 3].map((n) => event('N', { n })));
        const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
        const iterator = sub[Symbol.asyncIterator]();
        for (let i = 0; i < 3; i++) await iterator.next();
        void iterator.next();
        await sub.caughtUp;
        await sub.close();
      });

      it('is caught up by a filter checkpoint past the head when the last events do not match the filter', async () => {
        await store.appendToStream('plan-26', event('N', { n: 1 }));
        await store.appendToStream('other-26', [event(), event()]);
        const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
        const iterator = sub[Symbol.asyncIterator]();
        await iterator.next();
        void iterator.next();
        await sub.caughtUp;
        await sub.close();
      });

      it('is caught up at once on an empty log', async () => {
        const sub = store.subscribeToAll();
        void sub[Symbol.asyncIterator]().next();
        await sub.caughtUp;
        await sub.close();
      });
    });

    it('reconnects after a dropped connection from the last event received, with no gap and no duplicate', async () => {
      const reconnects: Array<[string, number, number]> = [];
      await store.close();
      store = new EventStoreDbEventStore(fake.client(), {
        backoff: { initialMs: 5, maxMs: 20 },
        onSubscriptionReconnect: (error, attempt, delay) => reconnects.push([(error as Error).message, attempt, delay]),
      });
      await store.appendToStream('plan-27', [1, 2, 3].map((n) => event('N', { n })));
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
      const iterator = sub[Symbol.asyncIterator]();
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) seen.push(nOf((await iterator.next()).value));
      const lastPosition = fake.log.filter((e) => e.streamId === 'plan-27')[2].position;

      fake.failNextSubscribes = 2; // the server is still down for the first two attempts
      fake.dropSubscriptions(Object.assign(new Error('connection lost'), { type: 'unavailable' }));
      await store.appendToStream('plan-27', [4, 5].map((n) => event('N', { n })));
      for (let i = 0; i < 2; i++) seen.push(nOf((await iterator.next()).value));
      expect(seen).toEqual([1, 2, 3, 4, 5]);
      expect(fake.subscribeCalls.slice(1)).toEqual([
        { commit: lastPosition, prepare: lastPosition },
        { commit: lastPosition, prepare: lastPosition },
        { commit: lastPosition, prepare: lastPosition },
      ]);
      expect(reconnects.map(([, attempt, delay]) => [attempt, delay])).toEqual([[1, 5], [2, 10], [3, 20]]);

      // Live again after the reconnect.
      const next = iterator.next();
      await store.appendToStream('plan-27', event('N', { n: 6 }));
      expect(nOf((await next).value)).toBe(6);
      await sub.close();
    });

    it('fails the iteration on an error that is not a dropped connection, after the events already received', async () => {
      await store.appendToStream('plan-28', [1, 2].map((n) => event('N', { n })));
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['plan-'] } });
      const iterator = sub[Symbol.asyncIterator]();
      await new Promise((r) => setTimeout(r, 20));
      fake.dropSubscriptions(Object.assign(new Error('access denied'), { type: 'access-denied' }));
      expect(nOf((await iterator.next()).value)).toBe(1);
      expect(nOf((await iterator.next()).value)).toBe(2);
      await expect(iterator.next()).rejects.toThrow('access denied');
      await sub.close();
    });

    it('gives up after maxReconnectAttempts failures in a row', async () => {
      await store.close();
      store = new EventStoreDbEventStore(fake.client(), { backoff: { initialMs: 1, maxMs: 2 }, maxReconnectAttempts: 3 });
      fake.failNextSubscribes = 10;
      const sub = store.subscribeToAll();
      await expect(sub[Symbol.asyncIterator]().next()).rejects.toMatchObject({
        name: 'SubscriptionStoppedError',
        reconnectAttempts: 3,
        cause: { type: 'unavailable' },
      });
      expect(fake.subscribeCalls).toHaveLength(4);
      await sub.close();
    });

    describe('retrying', () => {
      const unavailable = () => clientErrorFromServer(Status.UNAVAILABLE, 'Connection dropped');
      let reconnects: Array<[number, number]>;
      const open = (options: EventStoreDbEventStoreOptions = {}) =>
        new EventStoreDbEventStore(fake.client(), {
          backoff: { initialMs: 1, maxMs: 64 },
          onSubscriptionReconnect: (_error, attempt, delay) => reconnects.push([attempt, delay]),
          ...options,
        });
      beforeEach(() => (reconnects = []));

      it('does not start the back-off again on a confirmation: it grows, and maxReconnectAttempts ends it', async () => {
        await store.close();
        store = open({ maxReconnectAttempts: 5 });
        // Each call is confirmed and then dropped, as a server in trouble does.
        fake.subscribeFault = { error: unavailable, confirmFirst: true };
        fake.failNextSubscribes = 1_000;
        const sub = store.subscribeToAll();
        await expect(sub[Symbol.asyncIterator]().next()).rejects.toMatchObject({
          name: 'SubscriptionStoppedError',
          reconnectAttempts: 5,
          message: expect.stringMatching(/after 5 attempts in a row \(the last: EventStoreDB answered UNAVAILABLE \(Connection dropped\)/),
          cause: { type: 'unavailable', code: Status.UNAVAILABLE },
        });
        expect(reconnects).toEqual([[1, 1], [2, 2], [3, 4], [4, 8], [5, 16]]);
        expect(fake.subscribeCalls).toHaveLength(6);
        await sub.close();
      });

      it('starts the back-off again once a new event arrives after a reconnect', async () => {
        await store.close();
        // No caught-up message and no filter (no checkpoints): only the event can reset the count.
        fake = new FakeEventStoreDb({ sendsCaughtUp: false, sendsCheckpoints: false });
        store = open();
        await store.appendToStream('plan-30', event('N', { n: 1 }));
        const sub = store.subscribeToAll();
        const iterator = sub[Symbol.asyncIterator]();
        await iterator.next();
        fake.subscribeFault = { error: unavailable, confirmFirst: true };
        fake.failNextSubscribes = 2;
        fake.dropSubscriptions(unavailable());
        const second = iterator.next();
        // Written while the subscription is down, delivered by the reconnection that works.
        await store.appendToStream('plan-30', event('N', { n: 2 }));
        expect(nOf((await second).value)).toBe(2);
        expect(reconnects.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
        fake.dropSubscriptions(unavailable());
        const third = iterator.next();
        await store.appendToStream('plan-30', event('N', { n: 3 }));
        expect(nOf((await third).value)).toBe(3);
        expect(reconnects.map(([attempt]) => attempt)).toEqual([1, 2, 3, 1]);
        await sub.close();
      });

      it("starts the back-off again on the server's caught-up message, with no new event", async () => {
        await store.close();
        // No filter checkpoints: only the caught-up message can reset the count.
        fake = new FakeEventStoreDb({ sendsCaughtUp: true, sendsCheckpoints: false });
        store = open();
        const sub = store.subscribeToAll();
        const iterator = sub[Symbol.asyncIterator]();
        const pending = iterator.next();
        const caughtUpOnServer = () => fake.subscriptions.some((s) => !s.unsubscribed && s.receivedKinds.includes('caughtUp'));
        await until(caughtUpOnServer, 'the subscription has the caught-up message');
        fake.subscribeFault = { error: unavailable, confirmFirst: true };
        fake.failNextSubscribes = 1;
        fake.dropSubscriptions(unavailable());
        // The reconnection that works: its caught-up message taken in (the log has no user event).
        await until(caughtUpOnServer, 'the subscription is open and caught up again');
        expect(reconnects.map(([attempt]) => attempt)).toEqual([1, 2]);
        fake.dropSubscriptions(unavailable());
        await until(() => reconnects.length === 3, 'a third reconnection');
        expect(reconnects.map(([attempt]) => attempt)).toEqual([1, 2, 1]);
        await sub.close();
        expect((await pending).done).toBe(true);
      });

      it.each([
        ['INVALID_ARGUMENT', Status.INVALID_ARGUMENT],
        ['PERMISSION_DENIED', Status.PERMISSION_DENIED],
        ['UNIMPLEMENTED', Status.UNIMPLEMENTED],
      ])('ends at once on %s (the client says UnknownError): one call, no retry loop', async (name, code) => {
        await store.appendToStream('plan-31', event('N', { n: 1 }));
        fake.subscribeFault = { error: () => clientErrorFromServer(code, 'refused by the server'), confirmFirst: true };
        fake.failNextSubscribes = 1_000;
        await store.close();
        store = open();
        const sub = store.subscribeToAll();
        await expect(sub[Symbol.asyncIterator]().next()).rejects.toMatchObject({
          name: 'SubscriptionStoppedError',
          reconnectAttempts: undefined,
          message: expect.stringContaining(`EventStoreDB answered ${name} (refused by the server)`),
          cause: { code },
        });
        expect(fake.subscribeCalls).toHaveLength(1);
        expect(reconnects).toEqual([]);
        await sub.close();
      });

      it('keeps retrying while discovery fails (no leader yet), then delivers', async () => {
        await store.close();
        store = open();
        await store.appendToStream('plan-32', event('N', { n: 1 }));
        fake.subscribeFault = { error: () => new Error('Failed to discover after 10 attempts.'), confirmFirst: false };
        fake.failNextSubscribes = 4;
        const sub = store.subscribeToAll();
        expect((await take(sub, 1)).map(nOf)).toEqual([1]);
        expect(fake.subscribeCalls).toHaveLength(5);
        expect(reconnects).toEqual([[1, 1], [2, 2], [3, 4], [4, 8]]);
      });
    });

    it('closing the store closes its subscriptions', async () => {
      const sub = store.subscribeToAll();
      const pending = sub[Symbol.asyncIterator]().next();
      await store.close();
      expect((await pending).done).toBe(true);
      expect(fake.disposed).toBe(true);
    });
  });
});
