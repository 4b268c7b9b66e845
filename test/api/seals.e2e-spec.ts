import type { MeetingPack, SealView } from '@rag-ledger/contract';
import { IntervalSealer } from '../../apps/api/src/seals/interval-sealer';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The log's seals through the API: on demand (POST /api/audit/seals, auditors and admins), read
 * newest first (GET), by the server's timer (driven here directly: no waiting on a clock), and
 * when a pack is issued, which then prints the seal at its stamp.
 */
describe('seals: POST and GET /api/audit/seals, the timer, the packs', () => {
  const clock = new TestClock(new Date('2014-03-03T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ia', name: 'Internal Audit' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let t: TestApp;
  let last = 0;

  const post = async (path: string, body: object, token = admin) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position ?? 0, res.body.eventPosition ?? 0);
    return res.body;
  };
  const headPosition = async () => Number((await readLog(t.dataDir)).at(-1)!.position);
  const hashAt = async (position: number) => ((await readLog(t.dataDir)).find((e) => Number(e.position) === position)!.metadata as unknown as { hash: string }).hash;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Visit every child on time', owners: ['AB'] });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('refuses a caller without a token (401) and every role but auditors and admins (403)', async () => {
    await t.http().post('/api/audit/seals').expect(401);
    await t.http().get('/api/audit/seals').expect(401);
    for (const token of [owner, chair, tokenFor('officer'), tokenFor('school', { schools: ['121212'] })]) {
      await t.http().post('/api/audit/seals').set(bearer(token)).expect(403);
      await t.http().get('/api/audit/seals').set(bearer(token)).expect(403);
    }
    expect((await readLog(t.dataDir)).some((e) => e.type === 'LogSealed')).toBe(false);
  });

  it('seals on demand (201) up to the head, with the chain hash there, in the asker’s name; then has nothing new (200)', async () => {
    const head = await headPosition();
    const res = await t.http().post('/api/audit/seals').set(bearer(auditor)).expect(201);
    const seal: SealView = res.body.latest;
    expect(res.body).toEqual({ sealed: true, latest: seal, made: [seal] });
    expect(seal).toEqual({
      position: head,
      hash: await hashAt(head),
      previous: null,
      count: head,
      reason: 'demand',
      sealedAt: '2014-03-03T09:00:00.000Z',
      sealedBy: { id: 'ia', name: 'Internal Audit', role: 'auditor' },
      sealPosition: head + 1,
    });
    const event = (await readLog(t.dataDir)).find((e) => e.type === 'LogSealed')!;
    expect(event).toMatchObject({ streamId: 'logseal-ledger', revision: 0n, metadata: { actor: { id: 'ia' }, correlationId: expect.any(String), causationId: expect.any(String) } });
    // Only the seal's own event is new: nothing to seal.
    expect((await t.http().post('/api/audit/seals').set(bearer(admin)).expect(200)).body).toEqual({ sealed: false, latest: seal });
  });

  it('lists the seals newest first, each continuing from the one before', async () => {
    clock.set('2014-03-04T09:00:00.000Z');
    await post('/api/actions/A1/start', { rag: 'A', note: 'Visits behind' });
    const second = (await t.http().post('/api/audit/seals').set(bearer(admin)).expect(201)).body.latest as SealView;
    const seals: SealView[] = (await t.http().get('/api/audit/seals').set(bearer(auditor)).expect(200)).body;
    expect(seals.map((s) => s.position)).toEqual([second.position, seals[1].position]);
    expect(second.previous).toEqual({ position: seals[1].position, hash: seals[1].hash });
    expect(second).toMatchObject({ reason: 'demand', sealedBy: { id: 'ada' }, hash: await hashAt(second.position) });
  });

  it('seals at intervals as the server itself, only when something is unsealed', async () => {
    const timer = t.app.get(IntervalSealer);
    // RAG_LEDGER_SEAL_MINUTES defaults to 60: the timer runs (it is driven here directly).
    expect(timer.running).toBe(true);
    expect((await timer.sealNow()).made).toEqual([]);
    await post('/api/actions/A1/rag', { rag: 'R', reason: 'Still behind' });
    const head = await headPosition();
    const sealing = await timer.sealNow();
    expect(sealing.made).toHaveLength(1);
    expect(sealing.latest).toMatchObject({ position: head, reason: 'interval', sealedBy: { id: 'sealer', name: 'Log sealer' }, hash: await hashAt(head) });
    expect((await timer.sealNow()).made).toEqual([]);
  });

  it('verify checks the seals and says what is not yet sealed', async () => {
    await post('/api/actions/A1/rag', { rag: 'A', reason: 'Recovering' });
    const verified = (await t.http().get(`/api/audit/verify?minPosition=${last}`).set(bearer(auditor)).expect(200)).body;
    const seals: SealView[] = (await t.http().get('/api/audit/seals').set(bearer(auditor)).expect(200)).body;
    expect(verified).toMatchObject({ ok: true, chain: 'checked', seals: { checked: seals.length, latest: { position: seals[0].position, hash: seals[0].hash }, unsealedEvents: 1 } });
  });

  it('seals a pack up to its stamp before PackIssued, and the pack prints that seal (JSON and HTML), the same when read again', async () => {
    await post('/api/boards', { id: 'CSIB', name: "Children's Services Improvement Board", planIds: ['SIP'], members: ['Independent Chair'] }, chair);
    await post('/api/boards/CSIB/meetings', { date: '2014-03-12', title: 'Improvement Board, March', papersDueOn: '2014-03-05' }, chair);
    clock.set('2014-03-05T16:00:00.000Z');
    const issued = await post('/api/meetings/CSIB-2014-03-12/pack', {}, chair);
    const read = (path: string) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`).set(bearer(chair));
    const pack: MeetingPack = (await read('/api/meetings/CSIB-2014-03-12/pack?format=json').expect(200)).body;
    expect(pack.seal).toMatchObject({ position: issued.position, hash: issued.head, reason: 'pack', sealedBy: { id: 'chair' }, sealedAt: '2014-03-05T16:00:00.000Z', sealPosition: issued.position + 1 });
    expect(issued.eventPosition).toBe(issued.position + 2);
    const html = (await read('/api/meetings/CSIB-2014-03-12/pack').expect(200)).text;
    expect(html).toContain(`Seal: Sealed up to log position ${issued.position} with hash ${issued.head}, when this pack was issued`);
    // Sealed again later, the pack still prints the seal at its stamp.
    await post('/api/actions/A1/rag', { rag: 'G', reason: 'Back on track' });
    await t.http().post('/api/audit/seals').set(bearer(admin)).expect(201);
    expect((await read('/api/meetings/CSIB-2014-03-12/pack?format=json').expect(200)).body.seal).toEqual(pack.seal);
  });
});

describe('seals: RAG_LEDGER_SEAL_MINUTES=0', () => {
  it('turns the timer off; sealing on demand still works', async () => {
    const t = await startTestApp({ env: { RAG_LEDGER_SEAL_MINUTES: '0' } });
    try {
      expect(t.app.get(IntervalSealer).running).toBe(false);
      await t.http().post('/api/plans').set(bearer(tokenFor('admin'))).send({ id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }).expect(201);
      await t.http().post('/api/audit/seals').set(bearer(tokenFor('admin'))).expect(201);
    } finally {
      await t.close();
      removeDataDir(t.dataDir);
    }
  });
});
