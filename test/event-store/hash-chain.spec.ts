import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { canonicalJson, EVENT_LOG_MIGRATIONS, SqliteEventStore, verifyChain } from '@rag-ledger/event-store';
import { collect } from './helpers';
import { built } from '../support/built-code';

const run = promisify(execFile);
const contend = join(__dirname, '../../dist/test/processes/contend.js');

describe('the tamper-evident hash chain', () => {
  let dir: string;
  let filename: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-chain-'));
    filename = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function writeSome(): Promise<void> {
    const store = new SqliteEventStore({ filename });
    await store.appendToStream('plan-SIP', { type: 'PlanCreated', data: { planId: 'SIP', title: 'Strategic' }, metadata: { actor: { id: 'ada' } } });
    await store.appendToStream('action-A1', [
      { type: 'ActionAdded', data: { actionId: 'A1', title: 'Map the journey' }, metadata: { actor: { id: 'ada' } } },
      { type: 'ActionStarted', data: { actionId: 'A1', rag: 'G' }, metadata: { actor: { id: 'ab' } } },
    ]);
    await store.appendToStream('action-A1', { type: 'ActionRagChanged', data: { actionId: 'A1', from: 'G', to: 'R', reason: 'Late' }, metadata: { actor: { id: 'ab' } } });
    await store.close();
  }

  it('chains every event to the one before it, and verifies', async () => {
    await writeSome();
    const store = new SqliteEventStore({ filename });
    const events = await collect(store.readAll());
    const meta = events.map((e) => e.metadata as { hash: string; previousHash: string | null });
    expect(meta[0].previousHash).toBeNull();
    for (let i = 1; i < meta.length; i++) expect(meta[i].previousHash).toBe(meta[i - 1].hash);
    expect(meta.every((m) => /^[0-9a-f]{64}$/.test(m.hash))).toBe(true);
    expect(await verifyChain(store)).toEqual({ ok: true, checked: 4, head: meta[3].hash, position: 4 });
    await store.close();
  });

  it('names the first event whose stored content was edited', async () => {
    await writeSome();
    const raw = new BetterSqlite3(filename);
    raw.prepare("UPDATE events SET data = json_set(data, '$.to', 'G') WHERE stream_id = 'action-A1' AND revision = 2").run();
    raw.close();
    const store = new SqliteEventStore({ filename });
    const result = await verifyChain(store);
    expect(result).toMatchObject({ ok: false, checked: 3, broken: { streamId: 'action-A1', revision: 2, position: 4, reason: expect.stringMatching(/edited/) } });
    await store.close();
  });

  it('names the event after one that was removed', async () => {
    await writeSome();
    const raw = new BetterSqlite3(filename);
    raw.prepare("DELETE FROM events WHERE stream_id = 'action-A1' AND revision = 0").run();
    raw.close();
    const store = new SqliteEventStore({ filename });
    expect(await verifyChain(store)).toMatchObject({ ok: false, broken: { streamId: 'action-A1', revision: 1, reason: expect.stringMatching(/removed/) } });
    await store.close();
  });

  it('stays whole when several processes append at once', async () => {
    new SqliteEventStore({ filename }).close();
    await Promise.all([0, 1, 2].map((w) => run(process.execPath, [built(contend), filename, 'action-contended', String(w), '30'])));
    const store = new SqliteEventStore({ filename });
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 90 });
    await store.close();
  });

  it('chains the events of a log written before the chain existed, when the schema is migrated', async () => {
    const raw = new BetterSqlite3(filename);
    raw.exec(EVENT_LOG_MIGRATIONS[0] as string);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO events (stream_id, revision, id, type, data, metadata, created) VALUES ('plan-OLD', 0, 'e1', 'PlanCreated', '{\"planId\":\"OLD\"}', '{}', 0)").run();
    raw.close();
    const store = new SqliteEventStore({ filename });
    await store.appendToStream('plan-OLD', { type: 'WorkstreamAdded', data: { planId: 'OLD', workstreamId: 'W' } });
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 2 });
    await store.close();
  });

  it('hashes what is stored, so values JSON turns into something else still verify', async () => {
    const store = new SqliteEventStore({ filename });
    await store.appendToStream('plan-X', {
      type: 'PlanCreated',
      data: { planId: 'X', at: new Date('2014-01-01T00:00:00Z'), skipped: undefined, list: [1, undefined, Number.NaN] },
      metadata: { actor: { id: 'a' }, maybe: undefined },
    });
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 1 });
    await store.close();
  });

  it('encodes content canonically: key order does not change the encoding, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
