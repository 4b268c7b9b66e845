import { readFileSync } from 'node:fs';
import { actionStream, streamCategoryOf, type EventMetadata } from '@rag-ledger/domain';
import { SqliteEventStore, WrongExpectedVersionError, type AppendResult, type EventStore, type RecordedEvent, type StreamAppend } from '@rag-ledger/event-store';
import { readPlansJson, type ImportFile } from '@rag-ledger/import';
import { WritePath, type WriteContext } from '@rag-ledger/write-path';
import { ImportIncompleteError, importPlans } from '../../apps/api/src/import/run-import';
import { NORFOLK_FILE } from '../support/norfolk';

/**
 * An import is one decision: on the embedded store all or nothing; on a store that writes
 * stream by stream (EventStoreDB, played here by the embedded store behind a wrapper that
 * says it is not atomic), a failure part-way is completed by running the same import again.
 */
describe('an import is one decision', () => {
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  const context = (extra: Partial<WriteContext> = {}): WriteContext => ({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, correlationId: 'req-1', ...extra });
  const norfolk = (): ImportFile => readPlansJson(readFileSync(NORFOLK_FILE, 'utf8'));
  const stores: SqliteEventStore[] = [];
  const fresh = () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  const log = async (store: EventStore) => {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  };
  /** What each stream holds, without ids, positions or times: two logs with the same content compare equal. */
  const content = (events: RecordedEvent[]) => {
    const byStream = new Map<string, Array<[bigint, string, unknown]>>();
    // The record of a keyed import holds its report, which says what that run wrote: compared apart.
    for (const e of events.filter((x) => streamCategoryOf(x.streamId) !== 'import')) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), [e.revision, e.type, e.data]]);
    return Object.fromEntries([...byStream].sort(([a], [b]) => a.localeCompare(b)));
  };

  /** The store, with something done just before its appends (a wrapper, as another writer would be). */
  function wrapped(store: SqliteEventStore, overrides: Partial<EventStore>): EventStore {
    return new Proxy(store, {
      get(target, prop) {
        if (prop in overrides) return overrides[prop as keyof EventStore];
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as EventStore;
  }

  it('writes no event at all on the embedded store when one action changed between the read and the append', async () => {
    const store = fresh();
    await importPlans(new WritePath(store, clock), norfolk(), {}, context());
    const refreshed = norfolk();
    for (const plan of refreshed.plans) plan.version = 'Refresh April 2014';
    const lastAction = refreshed.plans[refreshed.plans.length - 1].workstreams[0].actions[0];
    lastAction.title = `${lastAction.title} (refreshed)`;
    const before = await log(store);

    // Someone notes progress on that action after the import read it and before it appends.
    const racing = wrapped(store, {
      appendToStreams: async (appends: StreamAppend[]): Promise<AppendResult[]> => {
        await store.appendToStream(actionStream(lastAction.id), { type: 'ActionProgressNoted', data: { actionId: lastAction.id, text: 'meanwhile' }, metadata: {} });
        return store.appendToStreams(appends);
      },
    });
    await expect(importPlans(new WritePath(racing, clock), refreshed, {}, context())).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const after = await log(store);
    expect(after.map((e) => e.type)).toEqual([...before.map((e) => e.type), 'ActionProgressNoted']);
  });

  it('gives all the events of one import, over all its streams, one causation id, and another import another', async () => {
    const store = fresh();
    const path = new WritePath(store, clock);
    await importPlans(path, norfolk(), {}, context());
    const refreshed = norfolk();
    refreshed.plans[0].version = 'Refresh April 2014';
    refreshed.plans[1].version = 'Refresh April 2014';
    await importPlans(path, refreshed, {}, context());
    const events = await log(store);
    const causes = events.map((e) => (e.metadata as EventMetadata).causationId);
    const refreshEvents = events.filter((e) => e.type === 'PlanVersionRefreshed');
    expect(refreshEvents).toHaveLength(2);
    expect(new Set(causes.slice(0, events.length - 2)).size).toBe(1);
    expect(new Set(events.map((e) => e.streamId)).size).toBeGreaterThan(300);
    expect(new Set(refreshEvents.map((e) => (e.metadata as EventMetadata).causationId))).toEqual(new Set([causes[events.length - 1]]));
    expect(causes[events.length - 1]).not.toBe(causes[0]);
  });

  describe.each([
    ['without a key', undefined],
    ['with an Idempotency-Key', 'import-2014-04'],
  ])('on a store that appends stream by stream, %s', (_, key) => {
    it('says which plans were written when it fails part-way, and running it again completes it without duplicates', async () => {
      const clean = fresh();
      await importPlans(new WritePath(clean, clock), norfolk(), {}, context({ idempotencyKey: key }));

      const store = fresh();
      let calls = 0;
      const failing = wrapped(store, {
        atomicMultiStreamAppend: false,
        appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
          // The connection drops at the 100th stream (in the second plan) and comes back.
          if (++calls === 100) throw new Error('connection lost');
          return store.appendToStream(...args);
        },
      });
      const first = importPlans(new WritePath(failing, clock), norfolk(), {}, context({ idempotencyKey: key }));
      await expect(first).rejects.toBeInstanceOf(ImportIncompleteError);
      const failure = (await first.catch((e) => e)) as ImportIncompleteError;
      expect(failure.plansWritten).toEqual(['SIP']);
      expect(failure.plansNotWritten).toEqual(['SG', 'LAC', 'EDU', 'EH']);
      expect(failure.message).toMatch(/Written in full: SIP\. Not written, or only in part: SG, LAC, EDU, EH\. Run the same import again/);
      expect(new Set((await log(store)).map((e) => e.streamId)).size).toBe(99);

      const again = await importPlans(new WritePath(failing, clock), norfolk(), {}, context({ idempotencyKey: key }));
      expect(again.plansWritten).toEqual(['SG', 'LAC', 'EDU', 'EH']);
      const events = await log(store);
      expect(content(events)).toEqual(content(await log(clean)));
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      const records = events.filter((e) => e.type === 'PlansImported');
      expect(records.map((e) => (e.data as { report: { plansWritten: string[] } }).report.plansWritten)).toEqual(key ? [['SG', 'LAC', 'EDU', 'EH']] : []);

      // And once complete, the same import writes nothing more.
      await importPlans(new WritePath(failing, clock), norfolk(), {}, context({ idempotencyKey: key }));
      expect(await log(store)).toHaveLength(events.length);
    });
  });
});
