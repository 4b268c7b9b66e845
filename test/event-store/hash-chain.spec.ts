import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { canonicalJson, EVENT_LOG_MIGRATIONS, formatStamp, parseStamp, SqliteEventStore, verifyChain } from '@rag-ledger/event-store';
import { built } from '../support/built-code';
import { collect } from './helpers';
import { writeWithReferenceChain } from './reference-chain';

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
    // Position 2 is gone: the gap itself is named, before the broken link it also leaves.
    expect(await verifyChain(store)).toMatchObject({
      ok: false,
      checked: 1,
      broken: { streamId: 'action-A1', revision: 1, position: 3, reason: 'the log has no event at position 2 before it: positions run without gaps, so an event was deleted' },
    });
    await store.close();
  });

  it('names the first events missing as a gap', async () => {
    await writeSome();
    const raw = new BetterSqlite3(filename);
    raw.prepare('DELETE FROM events WHERE position <= 2').run();
    raw.close();
    const store = new SqliteEventStore({ filename });
    expect(await verifyChain(store)).toMatchObject({ ok: false, checked: 0, broken: { position: 3, reason: expect.stringMatching(/no event at position 1-2 before it.*events were deleted/) } });
    await store.close();
  });

  describe('the end of the log', () => {
    const stampOf = (e: { position: bigint; metadata: unknown }) => ({ position: Number(e.position), hash: (e.metadata as { hash: string }).hash });

    it('cut off and then appended to: the chain is whole, but the gap the store leaves is named', async () => {
      await writeSome();
      const raw = new BetterSqlite3(filename);
      raw.prepare('DELETE FROM events WHERE position >= 3').run();
      raw.close();
      const store = new SqliteEventStore({ filename });
      // SQLite's sequence remembers position 4, so the next append takes 5, chained onto 2.
      expect((await store.appendToStream('plan-SIP', { type: 'WorkstreamAdded', data: { planId: 'SIP' } })).position).toBe(5n);
      const events = await collect(store.readAll());
      expect((events[2].metadata as { previousHash: string }).previousHash).toBe((events[1].metadata as { hash: string }).hash);
      expect(await verifyChain(store)).toMatchObject({
        ok: false,
        checked: 2,
        broken: { streamId: 'plan-SIP', revision: 1, position: 5, reason: 'the log has no event at position 3-4 before it: positions run without gaps, so events were deleted' },
      });
      await store.close();
    });

    it('cut off with nothing since: an earlier stamp names what is missing, and a stamp the log still holds passes', async () => {
      await writeSome();
      let store = new SqliteEventStore({ filename });
      const before = (await collect(store.readAll())).map(stampOf);
      await store.close();
      const raw = new BetterSqlite3(filename);
      raw.prepare('DELETE FROM events WHERE position >= 3').run();
      raw.close();
      store = new SqliteEventStore({ filename });

      expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 2, position: 2 }); // nothing else can tell
      expect(await verifyChain(store, { expect: before[3] })).toEqual({
        ok: false,
        checked: 2,
        head: before[1].hash,
        position: 2,
        stamp: {
          ...before[3],
          holds: false,
          reason: `the log ends at position 2; the stamp names position 4 with hash ${before[3].hash}, so events 3-4 are missing`,
        },
      });
      expect(await verifyChain(store, { expect: before[2] })).toMatchObject({ ok: false, stamp: { holds: false, reason: expect.stringMatching(/so event 3 is missing$/) } });
      expect(await verifyChain(store, { expect: before[1] })).toEqual({ ok: true, checked: 2, head: before[1].hash, position: 2, stamp: { ...before[1], holds: true } });
      expect(await verifyChain(store, { expect: before[0] })).toMatchObject({ ok: true, stamp: { holds: true } });
      await store.close();
    });

    it('a stamp whose event the log holds with another hash fails, naming both hashes', async () => {
      await writeSome();
      const store = new SqliteEventStore({ filename });
      const [, second] = (await collect(store.readAll())).map(stampOf);
      const other = 'ab'.repeat(32);
      expect(await verifyChain(store, { expect: { position: 2, hash: other } })).toMatchObject({
        ok: false,
        checked: 2,
        stamp: { position: 2, hash: other, holds: false, reason: `the event at position 2 has hash ${second.hash}, not ${other} as the stamp says: the log was rewritten from there on, or the stamp is from another log` },
      });
      await store.close();
    });

    it('an empty log holds no stamp', async () => {
      const store = new SqliteEventStore({ filename });
      expect(await verifyChain(store, { expect: { position: 2, hash: 'ab'.repeat(32) } })).toMatchObject({
        ok: false,
        checked: 0,
        stamp: { holds: false, reason: `the log is empty; the stamp names position 2 with hash ${'ab'.repeat(32)}, so events 1-2 are missing` },
      });
      await store.close();
    });
  });

  it('reads and writes stamps as <position>:<hash>', () => {
    const hash = '9F2C'.repeat(16);
    expect(parseStamp(`42:${hash}`)).toEqual({ position: 42, hash: hash.toLowerCase() });
    expect(formatStamp({ position: 42, hash: 'ab'.repeat(32) })).toBe(`42:${'ab'.repeat(32)}`);
    for (const bad of ['', '42', `:${hash}`, `0:${hash}`, `-1:${hash}`, `42:${hash.slice(1)}`, `42:${hash}0`, `4.2:${hash}`, `42;${hash}`, `1234567890123456:${hash}`, `42:${'g'.repeat(64)}`]) {
      expect(parseStamp(bad)).toBeUndefined();
    }
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

  it('verifies a log the first release wrote, and chains new appends onto it', async () => {
    // Rows exactly as the first release's SqliteEventStore stored them (a Date, an undefined
    // member and in an array, -0, 1e21, text to escape, integer-like keys).
    const firstRelease: Array<[number, string, number, string, string, string, string]> = [
      [1, "plan-SIP", 0, "e-1", "PlanCreated",
       "{\"title\":\"Strategic improvement plan\",\"planId\":\"SIP\",\"startsOn\":\"2014-01-15T00:00:00.000Z\"}",
       "{\"actor\":{\"role\":\"admin\",\"id\":\"u-1\",\"name\":\"Ada Lovelace\"},\"at\":\"2014-01-15T09:00:00.000Z\",\"correlationId\":\"c-1\",\"causationId\":\"c-1\",\"previousHash\":null,\"hash\":\"eb8d2b68546acf40debe282997c3948fc6d06e0eab40282a9cefc124c9eb26cf\"}"],
      [2, "action-SIP.1.1", 0, "e-2", "ActionAdded",
       "{\"actionId\":\"SIP.1.1\",\"title\":\"Caf\u00e9 \u00ab na\u00efve \u00bb \u2028 \\\"quoted\\\" \\\\ \ud83c\udf89 \\u0001\",\"weight\":0,\"big\":1e+21,\"small\":1e-7,\"list\":[1,\"two\",null,true,null,{\"z\":1,\"a\":[]}],\"nested\":{\"9\":\"nine\",\"10\":\"ten\",\"b\":{\"d\":4,\"c\":3}}}",
       "{\"actor\":{\"id\":\"u-2\"},\"at\":\"2014-02-01T10:00:00.000Z\",\"previousHash\":\"eb8d2b68546acf40debe282997c3948fc6d06e0eab40282a9cefc124c9eb26cf\",\"hash\":\"9ff9f274edb8100cd75bfd4d7ed0d47c25a246ed660b8bd470c62491e588bf9b\"}"],
      [3, "action-SIP.1.1", 1, "e-3", "ActionRagChanged",
       "{\"actionId\":\"SIP.1.1\",\"from\":\"G\",\"to\":\"R\",\"reason\":\"Recruitment is behind plan\"}",
       "{\"actor\":{\"id\":\"u-2\"},\"at\":\"2014-03-01T10:00:00.000Z\",\"previousHash\":\"9ff9f274edb8100cd75bfd4d7ed0d47c25a246ed660b8bd470c62491e588bf9b\",\"hash\":\"5802d54e96873602dce3d8cf97212013a77413dd099f8b9bbf2662476b9f062f\"}"],
    ];
    new SqliteEventStore({ filename }).close();
    const raw = new BetterSqlite3(filename);
    const insert = raw.prepare('INSERT INTO events (position, stream_id, revision, id, type, data, metadata, created, hash) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)');
    for (const row of firstRelease) insert.run(...row, (JSON.parse(row[6]) as { hash: string }).hash);
    raw.close();
    const store = new SqliteEventStore({ filename });
    expect(await verifyChain(store)).toEqual({ ok: true, checked: 3, head: '5802d54e96873602dce3d8cf97212013a77413dd099f8b9bbf2662476b9f062f', position: 3 });
    await store.appendToStream('action-SIP.1.1', { type: 'ActionCompleted', data: { actionId: 'SIP.1.1', on: new Date('2014-04-01T00:00:00Z') } });
    expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 4, position: 4 });
    await store.close();
  });

  // What the first release could store and verify: JSON, plus Dates and undefined members.
  const storable = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.constantFrom(-0, 1e21, 1e-7, null, true, undefined, '\u2028"\\\u0001')),
      fc.date({ noInvalidDate: true }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String)), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('verifies any log written with the first release encoding, and appends after it', async () => {
    const event = fc.record({
      streamId: fc.constantFrom('plan-SIP', 'action-SIP.1.1', 'measure-M1'),
      type: fc.string({ minLength: 1 }),
      data: storable,
      metadata: fc.dictionary(fc.string(), storable, { maxKeys: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 6 }), async (events) => {
        const store = new SqliteEventStore({ filename: ':memory:' });
        writeWithReferenceChain(store.db, events);
        expect(await verifyChain(store)).toMatchObject({ ok: true, checked: events.length });
        await store.appendToStream('plan-SIP', { type: 'PlanRenamed', data: events[0].data, metadata: events[0].metadata });
        expect(await verifyChain(store)).toMatchObject({ ok: true, checked: events.length + 1 });
        await store.close();
      }),
      { numRuns: 100 },
    );
  });

  it('stores what it hashed, so an event verifies and reads back the same whatever its data held', async () => {
    // Values JSON.stringify stores differently from how the chain encodes them (a member whose
    // toJSON gives undefined, a symbol, a boxed number) used to make a new event "tampered".
    const odd = fc.oneof(
      storable,
      fc.constantFrom({ due: { toJSON: () => undefined } }, { tag: Symbol('t') }, { amount: new Number(5) }, [() => 1, Symbol('s')]),
      fc.dictionary(fc.string(), fc.oneof(storable, fc.constant(Symbol('s')), fc.constant({ toJSON: () => undefined })), { maxKeys: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(odd, { minLength: 1, maxLength: 4 }), fc.dictionary(fc.string(), odd, { maxKeys: 3 }), async (datas, metadata) => {
        const store = new SqliteEventStore({ filename: ':memory:' });
        await store.appendToStream('plan-SIP', datas.map((data) => ({ type: 'PlanUpdated', data, metadata })));
        expect(await verifyChain(store)).toMatchObject({ ok: true, checked: datas.length });
        const stored = await collect(store.readAll());
        expect(stored.map((e) => e.data)).toEqual(datas.map((d) => JSON.parse(canonicalJson(d ?? null))));
        await store.close();
      }),
      { numRuns: 100 },
    );
  });

  it('encodes content canonically: key order does not change the encoding, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
