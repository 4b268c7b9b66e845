import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore } from '@rag-ledger/event-store';
import { hashAt } from '../../apps/api/src/audit/log-stamp';
import { FakeEventStoreDb } from '../event-store/esdb-stand-in';
import { collect } from '../event-store/helpers';
import { sealLog, writeSome } from '../event-store/seals/seal-support';

/**
 * A stamp's hash on EventStoreDB, which keeps no chain: the seal's at a sealed position, else the
 * chain's value computed on from the seal before (which a seal made there later records too); on
 * the embedded store, the stored hash.
 */
describe("hashAt: a stamp's hash on every store", () => {
  it("on EventStoreDB is the seal's hash at a sealed position, the chain's value between seals, null where no event is", async () => {
    const store = new EventStoreDbEventStore(new FakeEventStoreDb().client(), { backoff: { initialMs: 5, maxMs: 20 } });
    try {
      await writeSome(store, 4);
      await sealLog(store);
      const sealed = (await collect(store.readStream('logseal-ledger'))).map((e) => e.data as { position: number; hash: string });
      expect(await hashAt(store, sealed[0].position)).toBe(sealed[0].hash);
      await writeSome(store, 3, 'B');
      const events = await collect(store.readAll({ raw: true }));
      const middle = Number(events.at(-2)!.position);
      const between = await hashAt(store, middle);
      expect(between).toMatch(/^[0-9a-f]{64}$/);
      const earlier = Number(events.at(-3)!.position);
      const beforeMiddle = await hashAt(store, earlier);
      // Sealing up to that position later records the same value.
      await sealLog(store, { upTo: middle, reason: 'pack' });
      const [, second] = (await collect(store.readStream('logseal-ledger'))).map((e) => e.data as { position: number; hash: string });
      expect(second).toMatchObject({ position: middle, hash: between });
      // With a newer seal in the stream, an older position still reads from the seal before it.
      expect(await hashAt(store, sealed[0].position)).toBe(sealed[0].hash);
      expect(await hashAt(store, earlier)).toBe(beforeMiddle);
      expect(await hashAt(store, middle + 1)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it("on the embedded store is the event's stored chain hash", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-hash-at-'));
    const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
    try {
      await writeSome(store, 3);
      const [, second] = await collect(store.readAll({ raw: true }));
      expect(await hashAt(store, 2)).toBe((second.metadata as { hash: string }).hash);
      expect(await hashAt(store, 9)).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
