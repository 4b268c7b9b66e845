import { randomUUID } from 'node:crypto';
import {
  migrateLog,
  NO_STREAM,
  SqliteEventStore,
  UpcasterRegistry,
  verifyChain,
  withoutChain,
  type EventStore,
  type MigrateLogProgress,
  type RecordedEvent,
} from '@rag-ledger/event-store';
import { MigrationConflictError } from '../../libs/event-store/src/migrate-log';
import { collect } from './helpers';

/** What the copy must keep of each event, in log order (the hash chain is each store's own). */
const essence = (events: RecordedEvent[]) =>
  events.map(({ id, streamId, revision, type, data, metadata }) => ({ id, streamId, revision, type, data, metadata: withoutChain(metadata) }));

/** A log like the product's: interleaved plans and actions, single and multi-event appends. */
async function seed(store: EventStore, streams = 30, rounds = 40): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (let s = 0; s < streams; s++) {
      const stream = s % 3 === 0 ? `plan-${s}` : `action-${s}`;
      const count = (round + s) % 4 === 0 ? 3 : 1;
      await store.appendToStream(
        stream,
        Array.from({ length: count }, (_, i) => ({
          id: randomUUID(),
          type: i === 0 ? 'ActionRagChanged' : 'ActionNoteAdded',
          data: { round, s, i, text: 'Zoë — “voice of the child” 🧒🏽' },
          metadata: { actor: { id: `user-${s}` }, at: new Date(Date.UTC(2024, 0, 1, 0, round)).toISOString() },
        })),
      );
    }
  }
}

describe('migrateLog: copying a log through the port', () => {
  let source: SqliteEventStore;
  let target: SqliteEventStore;
  beforeEach(() => {
    source = new SqliteEventStore({ filename: ':memory:' });
    target = new SqliteEventStore({ filename: ':memory:' });
  });
  afterEach(async () => {
    await source.close();
    await target.close();
  });

  it('copies each event as stored, not in the shape a registry of the source gives it on reading', async () => {
    await seed(source, 3, 2);
    const upcasting = new SqliteEventStore({
      filename: ':memory:',
      upcasters: new UpcasterRegistry([{ type: 'ActionRagChanged', fromVersion: 1, upcast: (d: object) => ({ ...d, upcast: true }) }]),
    });
    try {
      for (const e of await collect(source.readAll())) {
        await upcasting.appendToStream(e.streamId, { id: e.id, type: e.type, data: e.data, metadata: { ...withoutChain(e.metadata), schemaVersion: 1 } });
      }
      await migrateLog(upcasting, target);
      const copied = await collect(target.readAll());
      expect(copied.some((e) => (e.data as { upcast?: boolean }).upcast)).toBe(false);
      expect(essence(copied)).toEqual(essence(await collect(upcasting.readAll({ raw: true }))));
    } finally {
      await upcasting.close();
    }
  });

  it('copies every event in log order, keeping ids, streams, revisions, types, data and metadata', async () => {
    await seed(source);
    const progress: MigrateLogProgress[] = [];
    const result = await migrateLog(source, target, { batchSize: 7, progressEvery: 500, onProgress: (p) => progress.push(p) });

    const original = await collect(source.readAll());
    const copied = await collect(target.readAll());
    expect(essence(copied)).toEqual(essence(original));
    const positions = copied.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(result).toEqual({ read: original.length, written: original.length, alreadyPresent: 0, streams: 30 });

    // The caller's metadata is copied, not the source's chain: the target's chain verifies.
    expect(copied[0].metadata).toMatchObject({ actor: { id: 'user-0' } });
    expect(await verifyChain(target)).toMatchObject({ ok: true, checked: original.length });
    // Each stream reads back whole, with the same revisions.
    for (const stream of ['plan-0', 'action-1', 'action-29']) {
      expect(essence(await collect(target.readStream(stream)))).toEqual(essence(await collect(source.readStream(stream))));
    }
    // Progress: increasing, ending at the source's head.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => p.read)).toEqual([...progress.map((p) => p.read)].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toMatchObject({ read: original.length, position: await source.headPosition(), head: await source.headPosition() });
  });

  it('writes nothing when run again', async () => {
    await seed(source, 10, 10);
    await migrateLog(source, target);
    const head = await target.headPosition();
    const before = await collect(target.readAll());

    const again = await migrateLog(source, target, { batchSize: 3 });
    expect(again.written).toBe(0);
    expect(again.alreadyPresent).toBe(before.length);
    expect(await target.headPosition()).toBe(head);
    expect(essence(await collect(target.readAll()))).toEqual(essence(before));
  });

  it('finishes a copy that stopped half-way, and copies what the source gained since, without doubles', async () => {
    await seed(source, 6, 10);
    const all = await collect(source.readAll());
    // A first run that stopped after the first 25 events (cut inside a multi-event append).
    for (const event of all.slice(0, 25)) {
      await target.appendToStream(event.streamId, { id: event.id, type: event.type, data: event.data, metadata: withoutChain(event.metadata) }, {
        expectedRevision: event.revision === 0n ? NO_STREAM : event.revision - 1n,
      });
    }
    // The source grew since, including streams the first run had started.
    await source.appendToStream('plan-0', { id: randomUUID(), type: 'PlanRenamed', data: { name: 'Safeguarding' } });
    await source.appendToStream('plan-new', { id: randomUUID(), type: 'PlanCreated', data: {} });

    const result = await migrateLog(source, target, { batchSize: 50 });
    const original = await collect(source.readAll());
    expect(result).toMatchObject({ read: original.length, written: original.length - 25, alreadyPresent: 25 });
    expect(essence(await collect(target.readAll()))).toEqual(essence(original));
  });

  it('stops, naming the stream, when the target holds other events under a source stream name', async () => {
    await source.appendToStream('plan-1', [{ type: 'PlanCreated', data: { a: 1 } }, { type: 'PlanRenamed', data: { a: 2 } }]);
    await target.appendToStream('plan-1', { type: 'SomethingElse', data: {} });
    const error = await migrateLog(source, target).catch((e) => e);
    expect(error).toBeInstanceOf(MigrationConflictError);
    expect(error).toMatchObject({ streamId: 'plan-1', revision: 0n });
    expect((await collect(target.readStream('plan-1'))).map((e) => e.type)).toEqual(['SomethingElse']);
  });

  it('splits appends by size as well as by count, and sends the metadata without the source hash chain', async () => {
    const big = 'x'.repeat(40_000);
    await source.appendToStream('plan-big', Array.from({ length: 10 }, (_, n) => ({ type: 'Big', data: { n, big }, metadata: { by: 'me' } })));
    const appends: number[] = [];
    const sent: unknown[] = [];
    const counting: EventStore = Object.assign(Object.create(target), {
      appendToStream: (stream: string, events: Array<{ metadata: unknown }>, options: object) => {
        appends.push(events.length);
        sent.push(...events.map((e) => e.metadata));
        return target.appendToStream(stream, events as never, options);
      },
    });
    await migrateLog(source, counting, { batchBytes: 100_000 });
    expect(appends).toEqual([2, 2, 2, 2, 2]);
    expect(sent).toEqual(Array(10).fill({ by: 'me' }));
    expect(await collect(target.readStream('plan-big'))).toHaveLength(10);
  });

  it('copies an empty log as nothing', async () => {
    expect(await migrateLog(source, target)).toEqual({ read: 0, written: 0, alreadyPresent: 0, streams: 0 });
    expect(await target.headPosition()).toBeUndefined();
  });
});
