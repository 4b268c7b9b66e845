import { SqliteEventStore, type EventStore, type RecordedEvent } from '@rag-ledger/event-store';
import type { EventMetadata } from '@rag-ledger/domain';
import { IdempotencyKeyReusedError } from '../../apps/api/src/common/write-path/idempotency';
import { WritePath, type StreamCommand } from '../../apps/api/src/common/write-path/write-path';
import type { WriteContext } from '../../apps/api/src/common/write-path/write-context';

/** The write path alone, without Nest, on the embedded store: what it appends, read back from the log. */
describe('WritePath', () => {
  let store: SqliteEventStore;
  let path: WritePath;
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  const context = (extra: Partial<WriteContext> = {}): WriteContext => ({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, correlationId: 'req-1', ...extra });

  type Counter = { notes: string[] };
  /** A stream of notes; one command may write several at once. */
  const notes = (streamId: string, texts: string[]): StreamCommand<Counter, { type: string; data: { text: string } }> => ({
    streamId,
    aggregateId: streamId,
    request: { type: 'Note', data: { streamId, texts } },
    initialState: () => ({ notes: [] }),
    evolve: (s, e) => ({ notes: [...s.notes, e.data.text] }),
    decide: () => texts.map((text) => ({ type: 'Noted', data: { text } })),
  });
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
    await path.execute(notes('n-1', ['first', 'second', 'third']), context());
    await path.execute(notes('n-1', ['fourth']), context());
    const events = await log();
    expect(events.map((e) => (e.data as { text: string }).text)).toEqual(['first', 'second', 'third', 'fourth']);
    const causes = events.map((e) => meta(e).causationId);
    expect(new Set(causes.slice(0, 3)).size).toBe(1);
    expect(causes[3]).not.toBe(causes[0]);
    expect(meta(events[0])).toMatchObject({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-11-21T09:00:00.000Z', correlationId: 'req-1' });
  });

  it('answers a repeat under the same key with the first answer and writes nothing', async () => {
    const first = await path.execute(notes('n-1', ['a', 'b']), context({ idempotencyKey: 'k-1' }));
    const again = await path.execute(notes('n-1', ['a', 'b']), context({ idempotencyKey: 'k-1', correlationId: 'req-2' }));
    expect(again).toEqual(first);
    const events = await log();
    expect(events).toHaveLength(2);
    expect(meta(events[0])).toMatchObject({ idempotencyKey: 'k-1', requestFingerprint: expect.any(String) });
  });

  it('refuses a key reused for another body, another stream, and, in a race, a twin with another body', async () => {
    await path.execute(notes('n-1', ['a']), context({ idempotencyKey: 'k-1' }));
    await expect(path.execute(notes('n-1', ['b']), context({ idempotencyKey: 'k-1' }))).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(path.execute(notes('n-2', ['a']), context({ idempotencyKey: 'k-1' }))).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await log()).toHaveLength(1);

    // Both read the stream before either appends: the second is told, not silently answered with the first.
    const race = await Promise.allSettled([
      path.execute(notes('n-3', ['x']), context({ idempotencyKey: 'k-2' })),
      path.execute(notes('n-3', ['y']), context({ idempotencyKey: 'k-2' })),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await log()).filter((e) => e.streamId === 'n-3')).toHaveLength(1);
  });

  it('lets another person use the same key for their own request', async () => {
    await path.execute(notes('n-1', ['a']), context({ idempotencyKey: 'k-1' }));
    await path.execute(notes('n-1', ['b']), context({ idempotencyKey: 'k-1', actor: { id: 'bo', name: 'Bo', role: 'owner' } }));
    expect((await log()).map((e) => meta(e).actor.id)).toEqual(['ada', 'bo']);
  });
});
