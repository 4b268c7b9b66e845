import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LOG_SEALS } from '@rag-ledger/documents';
import { SqliteEventStore, verifyChain, type EventStore } from '@rag-ledger/event-store';
import { collect } from '../helpers';
import { sealLog, withoutStoredChain, writeSome } from './seal-support';

/**
 * Verify with the seals, on the embedded store: the stored chain and the seals both checked; and the
 * same file seen as a store that keeps no chain (as EventStoreDB), where the seals alone must name
 * what was tampered with.
 */
describe('verify checks the seals', () => {
  let dir: string;
  let filename: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-verify-seals-'));
    filename = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** 6 events, a seal (position 7), 2 events, a seal (position 10), 2 unsealed events: 12 in all. */
  async function sealedLog(): Promise<void> {
    const store = new SqliteEventStore({ filename });
    await writeSome(store, 6);
    await sealLog(store);
    await writeSome(store, 2, 'B');
    await sealLog(store);
    await writeSome(store, 2, 'C');
    await store.close();
  }
  const tamper = (sql: string) => {
    const raw = new BetterSqlite3(filename);
    expect(raw.prepare(sql).run().changes).toBe(1);
    raw.close();
  };
  async function verified(view: (store: EventStore) => EventStore = (s) => s) {
    const store = new SqliteEventStore({ filename });
    try {
      return await verifyChain(view(store), { seals: LOG_SEALS });
    } finally {
      await store.close();
    }
  }

  it('holds on an unchanged log, saying what it checked and what is not yet sealed', async () => {
    await sealedLog();
    const store = new SqliteEventStore({ filename });
    const events = await collect(store.readAll({ raw: true }));
    await store.close();
    const hashOf = (position: number) => (events[position - 1].metadata as { hash: string }).hash;
    const seals = { checked: 2, latest: { position: 9, hash: hashOf(9) }, unsealedEvents: 2 };
    expect(await verified()).toEqual({ ok: true, checked: 12, head: hashOf(12), position: 12, chain: 'checked', seals });
    // Without the stored chain the same values are recomputed: no false alarm at the first event.
    expect(await verified(withoutStoredChain)).toEqual({ ok: true, checked: 12, head: hashOf(12), position: 12, chain: 'not kept by this store', seals });
  });

  it('names an event edited in the SQLite file: by the stored chain, and by the seal without it', async () => {
    await sealedLog();
    tamper("UPDATE events SET data = json_set(data, '$.to', 'G') WHERE position = 4");
    const at4 = { streamId: 'action-A0', revision: 1, position: 4 };
    expect(await verified()).toMatchObject({ ok: false, checked: 3, chain: 'checked', broken: { ...at4, reason: expect.stringMatching(/does not match its hash \(the event was edited/) } });
    expect(await verified(withoutStoredChain)).toMatchObject({
      ok: false,
      chain: 'not kept by this store',
      broken: { ...at4, reason: expect.stringMatching(/not what the seal written at log position 7 recorded.*edited after the log was sealed/) },
    });
  });

  it('names a LogSealed event edited in the SQLite file', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = json_set(data, '$.hash', '${'0'.repeat(64)}') WHERE position = 10`);
    const seal = { streamId: 'logseal-ledger', revision: 1, position: 10 };
    expect(await verified()).toMatchObject({ ok: false, broken: { ...seal, reason: expect.stringMatching(/edited/) } });
    expect(await verified(withoutStoredChain)).toMatchObject({ ok: false, broken: { ...seal, reason: expect.stringMatching(/the seal at log position 10 does not hold: it records the hash 0{64}.*the seal was edited/) } });
  });

  it('names the first sealed event deleted, where the store keeps no chain', async () => {
    await sealedLog();
    // The last event of its stream (action-B1), so only the seal can tell it is gone.
    tamper('DELETE FROM events WHERE position = 9');
    expect(await verified(withoutStoredChain)).toMatchObject({
      ok: false,
      broken: { streamId: 'logseal-ledger', revision: 1, position: 9, reason: expect.stringMatching(/no event at position 9, which the seal written at log position 10 lists.*deleted after the log was sealed/) },
    });
  });

  it('names an event deleted from the middle of its stream by the gap in its revisions, sealed or not, where the store keeps no chain', async () => {
    await sealedLog();
    const store = new SqliteEventStore({ filename });
    const metadata = { actor: { id: 'ab' } };
    for (const to of ['A', 'R', 'G']) await store.appendToStream('action-D1', { type: 'ActionRagChanged', data: { actionId: 'D1', to }, metadata });
    await store.close();
    // Positions 13-15 are action-D1's revisions 0-2, after the last seal.
    tamper('DELETE FROM events WHERE position = 14');
    expect(await verified(withoutStoredChain)).toMatchObject({
      ok: false,
      broken: { streamId: 'action-D1', revision: 2, position: 15, reason: expect.stringMatching(/no event at revision 1 before it.*an event was deleted/) },
    });
  });
});
