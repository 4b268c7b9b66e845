import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  STREAM_EXISTS,
  DuplicateEventIdError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  withoutChain,
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
} from '@rag-ledger/event-store';
import { collect, take } from './helpers';

/**
 * What an adapter gives the contract suite. Each test opens its own store;
 * streams get unique names, so the suite also runs against a shared server.
 */
export interface EventStoreContractFixture {
  /** Opens a fresh connection to the store under test (the same store each time within one test). */
  open(): Promise<EventStore>;
  /** Called after each test. */
  cleanup?(): Promise<void>;
  /** The command and arguments of a child process that appends batches in a loop (see test/processes/append-loop.ts). */
  appenderCommand(): { command: string; args: string[] };
  /**
   * Event ids are unique across the whole log (the embedded store), not only within a
   * stream (EventStoreDB). The product never reuses an id in another stream either way.
   */
  uniqueIdsAcrossStreams?: boolean;
}

export function describeEventStoreContract(name: string, fixture: () => EventStoreContractFixture): void {
  describe(`event store contract: ${name}`, () => {
    let f: EventStoreContractFixture;
    let store: EventStore;
    const extra: EventStore[] = [];

    beforeEach(async () => {
      f = fixture();
      store = await f.open();
    });
    afterEach(async () => {
      await Promise.all(extra.splice(0).map((s) => s.close()));
      await store.close();
      await f.cleanup?.();
    });

    const stream = (category = 'contract') => `${category}-${randomUUID().replace(/-/g, '')}`;
    const event = (type = 'Happened', data: unknown = { n: 1 }) => ({ type, data, metadata: { by: 'test' } });

    describe('expected revision', () => {
      it('no_stream succeeds on a new stream and fails on an existing one, reporting the actual revision', async () => {
        const s = stream();
        const first = await store.appendToStream(s, event(), { expectedRevision: NO_STREAM });
        expect(first.nextExpectedRevision).toBe(0n);
        const error = await store.appendToStream(s, event(), { expectedRevision: NO_STREAM }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamName: s, expectedVersion: NO_STREAM, actualVersion: 0n });
      });

      it('stream_exists fails on a new stream and succeeds on an existing one', async () => {
        const s = stream();
        const error = await store.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error.actualVersion).toBeUndefined();
        await store.appendToStream(s, event());
        const result = await store.appendToStream(s, event(), { expectedRevision: STREAM_EXISTS });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('any succeeds whether or not the stream exists', async () => {
        const s = stream();
        expect((await store.appendToStream(s, event(), { expectedRevision: ANY })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(s, event(), { expectedRevision: ANY })).nextExpectedRevision).toBe(1n);
      });

      it('an exact revision succeeds only when it is the revision of the last event', async () => {
        const s = stream();
        await store.appendToStream(s, [event(), event()]);
        const ok = await store.appendToStream(s, event(), { expectedRevision: 1n });
        expect(ok.nextExpectedRevision).toBe(2n);
        const error = await store.appendToStream(s, event(), { expectedRevision: 1n }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamName: s, expectedVersion: 1n, actualVersion: 2n });
        const missing = await store.appendToStream(stream(), event(), { expectedRevision: 0n }).catch((e) => e);
        expect(missing).toBeInstanceOf(WrongExpectedVersionError);
        expect(missing.actualVersion).toBeUndefined();
      });
    });

    describe('append', () => {
      it('stores a multi-event append together, with consecutive revisions and increasing positions', async () => {
        const s = stream();
        const result = await store.appendToStream(s, [event('A'), event('B'), event('C')]);
        const events = await collect(store.readStream(s));
        expect(events.map((e) => [e.type, e.revision])).toEqual([['A', 0n], ['B', 1n], ['C', 2n]]);
        expect(events[0].position < events[1].position && events[1].position < events[2].position).toBe(true);
        expect(result).toEqual({ nextExpectedRevision: 2n, position: events[2].position });
      });

      it('stores nothing of an append that fails', async () => {
        const s = stream();
        await store.appendToStream(s, event('A'));
        await expect(
          store.appendToStream(s, [event('B'), event('C')], { expectedRevision: NO_STREAM }),
        ).rejects.toBeInstanceOf(WrongExpectedVersionError);
        if (f.uniqueIdsAcrossStreams) {
          // An id already used elsewhere in the log fails the whole batch, not just its own event.
          const other = stream();
          const usedId = randomUUID();
          await store.appendToStream(other, { ...event('X'), id: usedId });
          await expect(
            store.appendToStream(s, [{ ...event('D'), id: randomUUID() }, { ...event('E'), id: usedId }]),
          ).rejects.toBeInstanceOf(DuplicateEventIdError);
        }
        expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A']);
      });

      it('generates an id for an event that has none and keeps the one given', async () => {
        const s = stream();
        const id = randomUUID();
        await store.appendToStream(s, [event(), { ...event(), id }]);
        const [a, b] = await collect(store.readStream(s));
        expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(b.id).toBe(id);
      });

      it('treats a retried append with the same event ids as done: nothing new, the original result', async () => {
        const s = stream();
        const batch = [
          { ...event('A'), id: randomUUID() },
          { ...event('B'), id: randomUUID() },
        ];
        const first = await store.appendToStream(s, batch, { expectedRevision: NO_STREAM });
        await store.appendToStream(s, event('C'));
        const retry = await store.appendToStream(s, batch, { expectedRevision: NO_STREAM });
        expect(retry).toEqual(first);
        expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('round-trips a 1 MB payload and non-ASCII text exactly', async () => {
        const s = stream();
        const big = 'x'.repeat(1024 * 1024);
        const text = 'Looked-after children — “voice of the child” · Zoë, Łódź, 児童, 🧒🏽, \u0000 and \u2028';
        await store.appendToStream(s, [event('Big', { big }), { type: 'Text', data: { text }, metadata: { text } }]);
        const [a, b] = await collect(store.readStream(s));
        expect((a.data as { big: string }).big).toBe(big);
        expect(b.data).toEqual({ text });
        // The store may add its hash chain to the metadata; what the caller wrote comes back exactly.
        expect(withoutChain(b.metadata)).toEqual({ text });
      });
    });

    describe('appendToStreams', () => {
      const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

      it('appends to several streams in the order given and answers one result per append, in order', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.appendToStream(b, event('B0'));
        const results = await store.appendToStreams([
          { streamId: a, events: [event('A0'), event('A1')], expectedRevision: NO_STREAM },
          { streamId: b, events: event('B1'), expectedRevision: 0n },
          { streamId: c, events: [event('C0')] },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n, 0n]);
        expect(results[0].position < results[1].position && results[1].position < results[2].position).toBe(true);
        const [ea, eb, ec] = [await collect(store.readStream(a)), await collect(store.readStream(b)), await collect(store.readStream(c))];
        expect(ea.map((e) => e.type)).toEqual(['A0', 'A1']);
        expect(eb.map((e) => e.type)).toEqual(['B0', 'B1']);
        expect(ec.map((e) => e.type)).toEqual(['C0']);
        expect(results).toEqual([
          { nextExpectedRevision: 1n, position: ea[1].position },
          { nextExpectedRevision: 1n, position: eb[1].position },
          { nextExpectedRevision: 0n, position: ec[0].position },
        ]);
        expect(typeof store.atomicMultiStreamAppend).toBe('boolean');
        expect(await store.appendToStreams([])).toEqual([]);
      });

      it('treats a repeated multi-stream append with the same ids as done: the original results, nothing new', async () => {
        const [a, b] = [stream(), stream()];
        const [ia, ib1, ib2] = ids(3);
        const appends = [
          { streamId: a, events: [{ ...event('A0'), id: ia }], expectedRevision: NO_STREAM },
          { streamId: b, events: [{ ...event('B0'), id: ib1 }, { ...event('B1'), id: ib2 }], expectedRevision: NO_STREAM },
        ];
        const first = await store.appendToStreams(appends);
        expect(await store.appendToStreams(appends)).toEqual(first);
        expect((await collect(store.readStream(a))).map((e) => e.id)).toEqual([ia]);
        expect((await collect(store.readStream(b))).map((e) => e.id)).toEqual([ib1, ib2]);
      });

      it('fails with the error of the append that breaks a rule; an atomic store writes nothing, another the appends before it', async () => {
        const [a, b, c] = [stream(), stream(), stream()];
        await store.appendToStream(c, event('C0'));
        const appends: StreamAppend[] = [
          { streamId: a, events: { ...event('A0'), id: randomUUID() }, expectedRevision: NO_STREAM },
          { streamId: b, events: { ...event('B0'), id: randomUUID() }, expectedRevision: NO_STREAM },
          { streamId: c, events: { ...event('C1'), id: randomUUID() }, expectedRevision: NO_STREAM },
        ];
        const error = await store.appendToStreams(appends).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamName: c, expectedVersion: NO_STREAM, actualVersion: 0n });
        const types = async (s: string) => (await collect(store.readStream(s)).catch(() => [])).map((e) => e.type);
        expect(await types(a)).toEqual(store.atomicMultiStreamAppend ? [] : ['A0']);
        expect(await types(b)).toEqual(store.atomicMultiStreamAppend ? [] : ['B0']);
        expect(await types(c)).toEqual(['C0']);
        // Put right and sent again with the same ids, it completes, writing nothing twice.
        appends[2].expectedRevision = 0n;
        const results = await store.appendToStreams(appends);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 0n, 1n]);
        expect([await types(a), await types(b), await types(c)]).toEqual([['A0'], ['B0'], ['C0', 'C1']]);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from a revision, with maxCount', async () => {
        const s = stream();
        await store.appendToStream(s, [0, 1, 2, 3, 4].map((n) => event('N', { n })));
        const ns = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
        expect(ns(await collect(store.readStream(s)))).toEqual([0, 1, 2, 3, 4]);
        expect(ns(await collect(store.readStream(s, { direction: BACKWARDS })))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await collect(store.readStream(s, { fromRevision: 2n, maxCount: 2 })))).toEqual([2, 3]);
        expect(ns(await collect(store.readStream(s, { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 })))).toEqual([3, 2]);
        expect(ns(await collect(store.readStream(s, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })))).toEqual([4]);
      });

      it('reports a missing stream as StreamNotFoundError', async () => {
        await expect(collect(store.readStream(stream()))).rejects.toBeInstanceOf(StreamNotFoundError);
      });

      it('reads the whole log in position order, forwards and backwards, with maxCount', async () => {
        const s1 = stream();
        const s2 = stream();
        await store.appendToStream(s1, event('A'));
        await store.appendToStream(s2, [event('B'), event('C')]);
        const { position: last } = await store.appendToStream(s1, event('D'));
        const ours = (events: RecordedEvent[]) => events.filter((e) => e.streamId === s1 || e.streamId === s2);

        const forwards = ours(await collect(store.readAll()));
        expect(forwards.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
        const backwards = ours(await collect(store.readAll({ direction: BACKWARDS, fromPosition: last })));
        expect(backwards.slice(0, 4).map((e) => e.type)).toEqual(['D', 'C', 'B', 'A']);
        const positions = (await collect(store.readAll())).map((e) => e.position);
        expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
        expect(new Set(positions).size).toBe(positions.length);

        const fromB = await collect(store.readAll({ fromPosition: forwards[1].position, maxCount: 2 }));
        expect(fromB.map((e) => e.type)).toEqual(['B', 'C']);
        expect(await collect(store.readAll({ direction: BACKWARDS, maxCount: 1 }))).toHaveLength(1);
        expect(await store.headPosition()).toBe(last);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, signals it, goes live, and resumes from a checkpoint with no gap and no duplicate', async () => {
        const category = `sub${randomUUID().slice(0, 8)}`;
        const s = stream(category);
        await store.appendToStream(s, [1, 2, 3, 4, 5].map((n) => event('N', { n })));

        const filter = { streamPrefixes: [`${category}-`] };
        const sub = store.subscribeToAll({ filter });
        const iterator = sub[Symbol.asyncIterator]();
        const seen: number[] = [];
        for (let i = 0; i < 5; i++) seen.push(((await iterator.next()).value.data as { n: number }).n);
        const nextLive = iterator.next();
        await sub.caughtUp;
        expect(sub.isCaughtUp).toBe(true);

        await store.appendToStream(s, [6, 7, 8].map((n) => event('N', { n })));
        const sixth = (await nextLive).value as RecordedEvent;
        seen.push((sixth.data as { n: number }).n);
        const checkpoint = sixth.position;
        await sub.close();
        expect((await iterator.next()).done).toBe(true);
        expect(seen).toEqual([1, 2, 3, 4, 5, 6]);

        await store.appendToStream(s, [9, 10].map((n) => event('N', { n })));
        const resumed = store.subscribeToAll({ fromPosition: checkpoint, filter });
        const rest = (await take(resumed, 4)).map((e) => (e.data as { n: number }).n);
        await resumed.close();
        expect(rest).toEqual([7, 8, 9, 10]);
      });

      it('filters by stream prefix and by event type', async () => {
        const category = `flt${randomUUID().slice(0, 8)}`;
        const plan = `${category}plan-${randomUUID()}`;
        const action = `${category}action-${randomUUID()}`;
        await store.appendToStream(plan, [event('PlanCreated'), event('WorkstreamAdded')]);
        await store.appendToStream(action, [event('ActionAdded'), event('ActionStarted'), event('ActionRagChanged')]);

        const byPrefix = store.subscribeToAll({ filter: { streamPrefixes: [`${category}action-`] } });
        expect((await take(byPrefix, 3)).map((e) => e.type)).toEqual(['ActionAdded', 'ActionStarted', 'ActionRagChanged']);
        await byPrefix.close();

        const byType = store.subscribeToAll({
          filter: { streamPrefixes: [`${category}`], eventTypes: ['WorkstreamAdded', 'ActionRagChanged'] },
        });
        expect((await take(byType, 2)).map((e) => [e.streamId, e.type])).toEqual([
          [plan, 'WorkstreamAdded'],
          [action, 'ActionRagChanged'],
        ]);
        await byType.close();
      });

      it('from END delivers only events appended after it started (once caughtUp has resolved)', async () => {
        const category = `end${randomUUID().slice(0, 8)}`;
        const s = stream(category);
        await store.appendToStream(s, event('Before'));
        const sub = store.subscribeToAll({ fromPosition: END, filter: { streamPrefixes: [`${category}-`] } });
        const next = take(sub, 1);
        // Started means the store holds the subscription: on EventStoreDB an append sent at once
        // may reach the server before the subscription's own call does.
        await sub.caughtUp;
        await store.appendToStream(s, event('After'));
        expect((await next).map((e) => e.type)).toEqual(['After']);
        await sub.close();
      });

      it('holds a slow consumer back instead of buffering the whole log', async () => {
        const category = `bp${randomUUID().slice(0, 8)}`;
        const s = stream(category);
        for (let i = 0; i < 20; i++) {
          await store.appendToStream(s, Array.from({ length: 250 }, (_, n) => event('N', { n: i * 250 + n })));
        }
        const sub = store.subscribeToAll({ filter: { streamPrefixes: [`${category}-`] } });
        const [first] = await take(sub, 1, false);
        expect((first.data as { n: number }).n).toBe(0);
        await new Promise((r) => setTimeout(r, 200));
        expect(sub.buffered).toBeLessThan(5000);
        expect(sub.buffered).toBeLessThanOrEqual(2500);
        await sub.close();
      });
    });

    describe('concurrency', () => {
      it('10 concurrent writers on one stream give a gap-free revision sequence', async () => {
        const s = stream();
        const writers = [store];
        for (let i = 1; i < 10; i++) writers.push(await f.open());
        extra.push(...writers.slice(1));
        const perWriter = 20;
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let n = 0; n < perWriter; n++) {
              for (;;) {
                const last = (await collect(writer.readStream(s, { direction: BACKWARDS, maxCount: 1 })).catch(() => []))[0];
                try {
                  await writer.appendToStream(s, event('W', { w, n }), {
                    expectedRevision: last ? last.revision : NO_STREAM,
                  });
                  break;
                } catch (error) {
                  if (!(error instanceof WrongExpectedVersionError)) throw error;
                }
              }
            }
          }),
        );
        const events = await collect(store.readStream(s));
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 10 * perWriter }, (_, i) => BigInt(i)));
        const written = new Set(events.map((e) => JSON.stringify(e.data)));
        expect(written.size).toBe(10 * perWriter);
      });

      it('two connections appending at the same expected revision never both succeed', async () => {
        const s = stream();
        const other = await f.open();
        extra.push(other);
        await store.appendToStream(s, event());
        const results = await Promise.allSettled([
          store.appendToStream(s, event('First'), { expectedRevision: 0n }),
          other.appendToStream(s, event('Second'), { expectedRevision: 0n }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(await collect(store.readStream(s))).toHaveLength(2);
      });
    });

    describe('crash', () => {
      it('keeps every append a killed process reported as done, and no batch is partial', async () => {
        const { command, args } = f.appenderCommand();
        const runId = randomUUID().slice(0, 8);
        const child = spawn(command, [...args, runId], { stdio: ['ignore', 'pipe', 'inherit'] });
        const acknowledged: number[] = [];
        let buffer = '';
        await new Promise<void>((resolve, reject) => {
          const guard = setTimeout(() => reject(new Error('the appender reported too few appends in 20 s')), 20_000);
          child.stdout.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            const lines = buffer.split('\n');
            buffer = lines.pop() ?? '';
            for (const line of lines) if (/^\d+$/.test(line)) acknowledged.push(Number(line));
            if (acknowledged.length >= 300 && !child.killed) {
              clearTimeout(guard);
              child.kill('SIGKILL');
            }
          });
          child.on('exit', () => resolve());
          child.on('error', reject);
        });
        expect(acknowledged.length).toBeGreaterThanOrEqual(300);

        const reopened = await f.open();
        extra.push(reopened);
        const byBatch = new Map<number, number>();
        for await (const e of reopened.readAll()) {
          if (!e.streamId.startsWith(`crash${runId}-`)) continue;
          const batch = (e.data as { batch: number }).batch;
          byBatch.set(batch, (byBatch.get(batch) ?? 0) + 1);
        }
        for (const batch of acknowledged) expect(byBatch.get(batch)).toBe(5);
        for (const count of byBatch.values()) expect(count).toBe(5);
      });
    });
  });
}
