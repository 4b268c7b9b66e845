import { LOG_SEALS } from '@rag-ledger/documents';
import { SEAL_STREAM } from '@rag-ledger/domain';
import { readSeals, verifyChain, type EventStore } from '@rag-ledger/event-store';
import { collect } from '../helpers';
import { sealLog, writeSome } from './seal-support';

/** A store that keeps no per-event chain (EventStoreDB, through the product's adapter), and a tamperer's hands on what it holds. */
export interface UnchainedStore {
  store: EventStore;
  /** Rewrites the data of the stored event at that position. */
  edit(position: bigint, data: unknown): void;
  /** Removes the stored event at that position. */
  remove(position: bigint): void;
  close(): Promise<void>;
}

/**
 * Tamper evidence where the store cannot keep the hash chain: the log sealed, then an event edited
 * or deleted behind the product's back; verify names it (stream, revision, position). Positions
 * are byte offsets with gaps there, which are not a deletion.
 */
export function sealsOnAStoreWithoutChain(open: () => Promise<UnchainedStore>): void {
  let s: UnchainedStore;
  beforeEach(async () => {
    s = await open();
  });
  afterEach(() => s.close());

  /** Product events only: the server's own ($-prefixed) are not the product's log. */
  const productEvents = async () => collect(s.store.readAll({ raw: true }));
  async function sealedLog() {
    await writeSome(s.store, 6);
    await sealLog(s.store);
    await writeSome(s.store, 3, 'B');
    await sealLog(s.store);
    return productEvents();
  }

  it('verifies an unchanged sealed log: no false alarm at the first event though no event carries a hash', async () => {
    expect(s.store.keepsHashChain).toBe(false);
    const events = await sealedLog();
    expect(events.every((e) => (e.metadata as { hash?: string }).hash === undefined)).toBe(true);
    const positions = events.map((e) => Number(e.position));
    expect(positions.some((p, i) => i > 0 && p !== positions[i - 1] + 1)).toBe(true);
    const [, second] = (await readSeals(s.store, LOG_SEALS)).map((seal) => seal.data);
    const result = await verifyChain(s.store, { seals: LOG_SEALS });
    expect(result).toEqual({
      ok: true,
      checked: events.length,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      position: positions.at(-1),
      chain: 'not kept by this store',
      seals: { checked: 2, latest: { position: second.position, hash: second.hash }, unsealedEvents: 0 },
    });
    // A stamp there is a seal's position and hash.
    expect(await verifyChain(s.store, { seals: LOG_SEALS, expect: { position: second.position, hash: second.hash } })).toMatchObject({ ok: true, stamp: { holds: true } });
    expect(await verifyChain(s.store, { seals: LOG_SEALS, expect: { position: second.position, hash: 'f'.repeat(64) } })).toMatchObject({ ok: false, stamp: { holds: false, reason: expect.stringMatching(/not f{64} as the stamp says/) } });
    expect(await verifyChain(s.store, { seals: LOG_SEALS, expect: { position: second.position + 1, hash: second.hash } })).toMatchObject({ ok: false, stamp: { holds: false, reason: expect.stringMatching(/no event at position/) } });
  });

  it('names a sealed event edited in the store: its stream, revision and position', async () => {
    const events = await sealedLog();
    const target = events[3];
    s.edit(target.position, { ...(target.data as object), to: 'G' });
    const result = await verifyChain(s.store, { seals: LOG_SEALS });
    expect(result).toMatchObject({
      ok: false,
      // A seal is checked at the last event it covers: the walk had passed the first five.
      checked: 5,
      broken: { streamId: target.streamId, revision: Number(target.revision), position: Number(target.position), reason: expect.stringMatching(/edited after the log was sealed/) },
    });
  });

  it('names a sealed event deleted from the store', async () => {
    const events = await sealedLog();
    // The last event of the first stretch, the last of its stream there: only the seal can tell.
    const [first] = (await readSeals(s.store, LOG_SEALS)).map((seal) => seal.data);
    const target = events.find((e) => Number(e.position) === first.position)!;
    s.remove(target.position);
    expect(await verifyChain(s.store, { seals: LOG_SEALS })).toMatchObject({
      ok: false,
      broken: { streamId: SEAL_STREAM, position: Number(target.position), reason: expect.stringMatching(new RegExp(`no event at position ${target.position}, which the seal .* lists .*deleted after the log was sealed`)) },
    });
  });

  it('names a seal whose recorded hash was edited', async () => {
    const events = await sealedLog();
    const seal = events.filter((e) => e.streamId === SEAL_STREAM).at(-1)!;
    s.edit(seal.position, { ...(seal.data as object), hash: '0'.repeat(64) });
    expect(await verifyChain(s.store, { seals: LOG_SEALS })).toMatchObject({
      ok: false,
      broken: { streamId: SEAL_STREAM, revision: 1, position: Number(seal.position), reason: expect.stringMatching(/does not hold: it records the hash 0{64}/) },
    });
  });
}
