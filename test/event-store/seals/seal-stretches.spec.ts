import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SEAL_STREAM } from '@rag-ledger/domain';
import { eventDigest, NoEventAtPositionError, SqliteEventStore, unsealedStretches, type SealStretch } from '@rag-ledger/event-store';
import { collect } from '../helpers';
import { sealLog, writeSome } from './seal-support';

/** The reader's computation of a seal: the embedded store's own chain, recomputed, cut into stretches. */
describe('computing seals', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-seals-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedHashes = async () => new Map((await collect(store.readAll({ raw: true }))).map((e) => [Number(e.position), (e.metadata as { hash: string }).hash]));

  function expectChained(stretches: SealStretch[], from: SealStretch['previous']): void {
    let previous = from;
    for (const stretch of stretches) {
      expect(stretch.previous).toEqual(previous);
      expect(stretch.events[0][0]).toBe((previous?.position ?? 0) + 1);
      expect(stretch.events.at(-1)?.[0]).toBe(stretch.position);
      previous = { position: stretch.position, hash: stretch.hash };
    }
  }

  it("gives, at every seal's position, the hash the embedded store stored there (any log, any stretch length)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ stream: fc.constantFrom('plan-SIP', 'action-A1', 'measure-M1'), text: fc.string({ maxLength: 20 }), n: fc.integer() }), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 8 }), async (events, maxEvents) => {
        const local = new SqliteEventStore({ filename: join(mkdtempSync(join(dir, 'p-')), 'events.db') });
        try {
          for (const e of events) await local.appendToStream(e.stream, { type: 'Noted', data: { text: e.text, n: e.n }, metadata: { actor: { id: 'ab' } } });
          const stored = new Map((await collect(local.readAll({ raw: true }))).map((e) => [Number(e.position), e]));
          const stretches = await unsealedStretches(local, null, { sealStream: SEAL_STREAM, maxEvents });
          expect(stretches.length).toBe(Math.ceil(events.length / maxEvents));
          expectChained(stretches, null);
          for (const stretch of stretches) {
            expect(stretch.events.length).toBeLessThanOrEqual(maxEvents);
            expect(stretch.hash).toBe((stored.get(stretch.position)!.metadata as { hash: string }).hash);
            for (const [position, digest] of stretch.events) expect(digest).toBe(eventDigest(stored.get(position)!));
          }
        } finally {
          await local.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('seals a long stretch in several seals in a row, each continuing from the one before', async () => {
    await writeSome(store, 10);
    const stretches = await unsealedStretches(store, null, { sealStream: SEAL_STREAM, maxEvents: 3 });
    expect(stretches.map((s) => [s.position, s.events.length])).toEqual([[3, 3], [6, 3], [9, 3], [10, 1]]);
    expectChained(stretches, null);
    const hashes = await storedHashes();
    for (const s of stretches) expect(s.hash).toBe(hashes.get(s.position));
  });

  it('continues the chain from the last seal: the seals after it are those a reader from the start would compute', async () => {
    await writeSome(store, 5);
    expect(await sealLog(store)).toBe(1);
    await writeSome(store, 4, 'B');
    const [seal] = await collect(store.readStream(SEAL_STREAM, { raw: true }));
    const last = { position: (seal.data as SealStretch).position, hash: (seal.data as SealStretch).hash };
    expect(last.position).toBe(5);
    const stretches = await unsealedStretches(store, last, { sealStream: SEAL_STREAM, maxEvents: 2 });
    // The seal's own event (position 6) is covered by the next seal.
    expect(stretches.map((s) => s.events.map(([p]) => p))).toEqual([[6, 7], [8, 9], [10]]);
    expectChained(stretches, last);
    const hashes = await storedHashes();
    for (const s of stretches) expect(s.hash).toBe(hashes.get(s.position));
  });

  it('finds nothing to seal in an empty log, or when only seals were written since the last seal', async () => {
    expect(await unsealedStretches(store, null, { sealStream: SEAL_STREAM, maxEvents: 5 })).toEqual([]);
    await writeSome(store, 3);
    expect(await sealLog(store)).toBe(1);
    expect(await sealLog(store)).toBe(0);
    expect((await collect(store.readStream(SEAL_STREAM))).length).toBe(1);
  });

  it("seals exactly up to a pack's stamp, even when only a seal lies before it, and not past it", async () => {
    await writeSome(store, 3);
    await sealLog(store);
    // The log's head is the seal's own event (position 4): a pack stamped there needs a seal at 4.
    const stretches = await unsealedStretches(store, { position: 3, hash: (await storedHashes()).get(3)! }, { sealStream: SEAL_STREAM, maxEvents: 5, upTo: 4 });
    expect(stretches.map((s) => s.position)).toEqual([4]);
    await writeSome(store, 3, 'B');
    const upTo5 = await unsealedStretches(store, null, { sealStream: SEAL_STREAM, maxEvents: 100, upTo: 5 });
    expect(upTo5.map((s) => s.position)).toEqual([5]);
    expect(upTo5[0].hash).toBe((await storedHashes()).get(5));
  });

  it('refuses to seal up to a position the log has no event at', async () => {
    await writeSome(store, 2);
    await expect(unsealedStretches(store, null, { sealStream: SEAL_STREAM, maxEvents: 5, upTo: 9 })).rejects.toThrow(NoEventAtPositionError);
  });
});
