import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuplicateEventIdError,
  NO_STREAM,
  SqliteEventStore,
  WrongExpectedVersionError,
  verifyChain,
} from '@rag-ledger/event-store';
import { collect } from './helpers';

/** The embedded store's appendToStreams is all or nothing, inside the group commit's batch. */
describe('SqliteEventStore.appendToStreams', () => {
  let dir: string;
  let store: SqliteEventStore;
  const event = (type: string) => ({ id: randomUUID(), type, data: { type }, metadata: { by: 'test' } });
  const logTypes = async () => (await collect(store.readAll())).map((e) => `${e.streamId}:${e.type}`);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-multi-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says it is atomic', () => {
    expect(store.atomicMultiStreamAppend).toBe(true);
  });

  it('a conflict on the third stream leaves the first two unwritten', async () => {
    await store.appendToStream('plan-C', event('C0'));
    const error = await store
      .appendToStreams([
        { streamId: 'plan-A', events: [event('A0'), event('A1')], expectedRevision: NO_STREAM },
        { streamId: 'plan-B', events: event('B0'), expectedRevision: NO_STREAM },
        { streamId: 'plan-C', events: event('C1'), expectedRevision: NO_STREAM },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'plan-C', actualVersion: 0n });
    expect(await logTypes()).toEqual(['plan-C:C0']);
    // Nothing consumed a position either: the next append follows on, and the chain holds.
    expect(await store.appendToStream('plan-A', event('A0'))).toEqual({ nextExpectedRevision: 0n, position: 2n });
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 2 });
  });

  it('an id already stored elsewhere fails the whole multi-append with DuplicateEventIdError and writes nothing', async () => {
    const used = event('X');
    await store.appendToStream('plan-X', used);
    const error = await store
      .appendToStreams([
        { streamId: 'plan-A', events: event('A0') },
        { streamId: 'plan-B', events: [event('B0'), { ...event('B1'), id: used.id }] },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ eventId: used.id, streamName: 'plan-X' });
    expect(await logTypes()).toEqual(['plan-X:X']);
  });

  it('shares the batch of its turn with other appends, on its own savepoint: it fails alone, or commits with them', async () => {
    await store.appendToStream('plan-C', event('C0'));
    const [single, failed, other, committed] = await Promise.allSettled([
      store.appendToStream('action-1', event('S0')),
      store.appendToStreams([
        { streamId: 'plan-A', events: event('A0') },
        { streamId: 'plan-C', events: event('C1'), expectedRevision: NO_STREAM },
      ]),
      store.appendToStream('action-2', event('S1')),
      store.appendToStreams([
        { streamId: 'plan-D', events: event('D0'), expectedRevision: NO_STREAM },
        { streamId: 'plan-E', events: [event('E0'), event('E1')], expectedRevision: NO_STREAM },
      ]),
    ]);
    expect(single).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0n, position: 2n } });
    expect(failed).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
    expect(other).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0n, position: 3n } });
    expect(committed).toEqual({
      status: 'fulfilled',
      value: [
        { nextExpectedRevision: 0n, position: 4n },
        { nextExpectedRevision: 1n, position: 6n },
      ],
    });
    expect(await logTypes()).toEqual(['plan-C:C0', 'action-1:S0', 'action-2:S1', 'plan-D:D0', 'plan-E:E0', 'plan-E:E1']);
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 6 });
  });

  it('refuses an append with no events before writing anything', async () => {
    await expect(
      store.appendToStreams([
        { streamId: 'plan-A', events: event('A0') },
        { streamId: 'plan-B', events: [] },
      ]),
    ).rejects.toThrow(/at least one event/);
    expect(await logTypes()).toEqual([]);
  });
});
