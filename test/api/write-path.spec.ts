import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decider, EventMetadata } from '@rag-ledger/domain';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import { IdempotencyKeyReusedError, WritePath, type WriteContext } from '@rag-ledger/write-path';

/** The write path alone, without Nest, on the embedded store: what it appends, read back from the log. */
describe('WritePath', () => {
  let store: SqliteEventStore;
  let path: WritePath;
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  const context = (extra: Partial<WriteContext> = {}): WriteContext => ({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, correlationId: 'req-1', ...extra });

  type Counter = { notes: string[] };
  /** A stream of notes, named by its id; one command may write several at once. */
  const notes: Decider<Counter, { texts: string[] }, { type: string; data: { text: string } }> = {
    decide: ({ texts }) => texts.map((text) => ({ type: 'Noted', data: { text } })),
    evolve: (s, e) => ({ notes: [...s.notes, e.data.text] }),
    initialState: () => ({ notes: [] }),
    streamOf: (id) => id,
  };
  const log = async (s: EventStore = store): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const e of s.readAll()) events.push(e);
    return events;
  };
  const meta = (e: RecordedEvent) => e.metadata as EventMetadata;

  beforeEach(() => {
    store = new SqliteEventStore({ filename: ':memory:' });
    path = new WritePath(store, clock);
  });
  afterEach(() => store.close());

  it('gives every event of one command the same causation id, and each command its own', async () => {
    await path.handle(notes, 'n-1', { texts: ['first', 'second', 'third'] }, context());
    await path.handle(notes, 'n-1', { texts: ['fourth'] }, context());
    const events = await log();
    expect(events.map((e) => (e.data as { text: string }).text)).toEqual(['first', 'second', 'third', 'fourth']);
    const causes = events.map((e) => meta(e).causationId);
    expect(new Set(causes.slice(0, 3)).size).toBe(1);
    expect(causes[3]).not.toBe(causes[0]);
    expect(meta(events[0])).toMatchObject({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-11-21T09:00:00.000Z', correlationId: 'req-1' });
  });

  it('marks every event it writes with its marks (demo data), the command\'s own metadata kept, and no mark without them', async () => {
    const demo = new WritePath(store, clock, undefined, { demo: true });
    await demo.handle(notes, 'n-1', { texts: ['first', 'second'] }, context());
    await demo.handle(notes, 'n-1', { texts: ['keyed'] }, context({ idempotencyKey: 'k-1' }));
    await path.handle(notes, 'n-2', { texts: ['real'] }, context());
    const events = await log();
    expect(events.map((e) => meta(e).demo)).toEqual([true, true, true, undefined]);
    expect(meta(events[2])).toMatchObject({ actor: { id: 'ada' }, correlationId: 'req-1', idempotencyKey: 'k-1', demo: true });
    // The metadata the imports stamp on their own appends carries the mark too.
    expect(demo.metadata(context(), demo.identify(context(), {})).demo).toBe(true);
    expect('demo' in path.metadata(context(), path.identify(context(), {}))).toBe(false);
  });

  it('loads a stream through the decider with the store\'s aggregateStream, from the cached state after the first command', async () => {
    const folds: Array<{ streamId: string; after?: bigint }> = [];
    const aggregate = store.aggregateStream.bind(store);
    store.aggregateStream = ((streamId, fold, options) => {
      folds.push({ streamId, after: options?.after?.revision });
      return aggregate(streamId, fold, options);
    }) as typeof store.aggregateStream;
    await path.handle(notes, 'n-1', { texts: ['first'] }, context());
    await path.handle(notes, 'n-1', { texts: ['second'] }, context());
    expect(folds).toEqual([{ streamId: 'n-1', after: undefined }, { streamId: 'n-1', after: 0n }]);
    expect((await log()).map((e) => (e.data as { text: string }).text)).toEqual(['first', 'second']);
  });

  it('answers the current state of an entity, including what another writer appended since it was cached', async () => {
    expect(await path.stateOf(notes, 'n-1')).toEqual({ state: { notes: [] }, revision: undefined });
    await path.handle(notes, 'n-1', { texts: ['first'] }, context());
    // Another process (here another WritePath on the same store) writes: the cache is a starting point, not the truth.
    await new WritePath(store, clock).handle(notes, 'n-1', { texts: ['second'] }, context());
    expect(await path.stateOf(notes, 'n-1')).toEqual({ state: { notes: ['first', 'second'] }, revision: 1n });
  });

  it('answers a repeat under the same key with the first answer and writes nothing', async () => {
    const first = await path.handle(notes, 'n-1', { texts: ['a', 'b'] }, context({ idempotencyKey: 'k-1' }));
    const again = await path.handle(notes, 'n-1', { texts: ['a', 'b'] }, context({ idempotencyKey: 'k-1', correlationId: 'req-2' }));
    expect(again).toEqual(first);
    const events = await log();
    expect(events).toHaveLength(2);
    expect(meta(events[0])).toMatchObject({ idempotencyKey: 'k-1', requestFingerprint: expect.any(String) });
  });

  it('refuses a key reused for another body, another stream, and, in a race, a twin with another body', async () => {
    await path.handle(notes, 'n-1', { texts: ['a'] }, context({ idempotencyKey: 'k-1' }));
    await expect(path.handle(notes, 'n-1', { texts: ['b'] }, context({ idempotencyKey: 'k-1' }))).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(path.handle(notes, 'n-2', { texts: ['a'] }, context({ idempotencyKey: 'k-1' }))).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await log()).toHaveLength(1);

    // Both read the stream before either appends: the second is told, not silently answered with the first.
    const race = await Promise.allSettled([
      path.handle(notes, 'n-3', { texts: ['x'] }, context({ idempotencyKey: 'k-2' })),
      path.handle(notes, 'n-3', { texts: ['y'] }, context({ idempotencyKey: 'k-2' })),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await log()).filter((e) => e.streamId === 'n-3')).toHaveLength(1);
  });

  it('takes any feature through its decider: the stream it names, the state folded by its evolve', async () => {
    // Each command sees the notes before it: the decider folds the stream it names.
    const numbered: Decider<Counter, { text: string }, { type: string; data: { text: string } }> = {
      decide: ({ text }, state) => [{ type: 'Noted', data: { text: `${state.notes.length + 1}. ${text}` } }],
      evolve: (s, e) => ({ notes: [...s.notes, e.data.text] }),
      initialState: () => ({ notes: [] }),
      streamOf: (id) => `numbered-${id}`,
    };
    const first = await path.handle(numbered, 'a', { text: 'read the file' }, context());
    await path.handle(numbered, 'a', { text: 'ring the school' }, context());
    await path.handle(numbered, 'b', { text: 'other stream' }, context());
    expect(first).toEqual({ id: 'a', revision: 0, position: expect.any(Number) });
    expect((await log()).map((e) => [e.streamId, (e.data as { text: string }).text])).toEqual([
      ['numbered-a', '1. read the file'],
      ['numbered-a', '2. ring the school'],
      ['numbered-b', '1. other stream'],
    ]);
  });

  it('writes nothing when the decider decides nothing, and answers the stream as it is', async () => {
    const written = await path.handle(notes, 'n-1', { texts: ['a', 'b'] }, context());
    const nothing = await path.handle(notes, 'n-1', { texts: [] }, context());
    expect(nothing).toEqual(written);
    expect(await log()).toHaveLength(2);
    expect(await path.handle(notes, 'n-9', { texts: [] }, context())).toEqual({ id: 'n-9', revision: -1, position: -1 });
  });

  it('refuses a command whose caller may not change the entity, before deciding', async () => {
    await path.handle(notes, 'n-1', { texts: ['a'] }, context());
    const refusal = new Error('not yours');
    await expect(
      path.handle(notes, 'n-1', { texts: ['b'] }, context(), {
        authorize: (state) => {
          expect(state).toEqual({ notes: ['a'] });
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal);
    expect(await log()).toHaveLength(1);
  });

  it('is a library of its own: no Nest, nothing of the API', () => {
    const dir = join(__dirname, '../../libs/write-path/src');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(sources).toEqual(expect.arrayContaining(['index.ts', 'write-path.ts', 'idempotency.ts']));
    for (const file of sources) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect({ file, imports: imports.filter((i) => i.startsWith('@nestjs') || i.includes('apps/')) }).toEqual({ file, imports: [] });
    }
  });

  it('lets another person use the same key for their own request', async () => {
    await path.handle(notes, 'n-1', { texts: ['a'] }, context({ idempotencyKey: 'k-1' }));
    await path.handle(notes, 'n-1', { texts: ['b'] }, context({ idempotencyKey: 'k-1', actor: { id: 'bo', name: 'Bo', role: 'owner' } }));
    expect((await log()).map((e) => meta(e).actor.id)).toEqual(['ada', 'bo']);
  });
});
