import type { MeetingPack, SealView } from '@rag-ledger/contract';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The server on EventStoreDB (the real client against the protocol-level test server): the log
 * sealed through the API, then an event edited in the server's store; GET /api/audit/verify names
 * it. Before it, verify holds: no false alarm at the first event, though no event has a hash. And a
 * pack issued there is sealed at its stamp, so its stamp has a hash (and the app still shuts down).
 */
describe('GET /api/audit/verify on EventStoreDB, with seals', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ia', name: 'Internal Audit' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const clock = new TestClock(new Date('2014-03-03T09:00:00.000Z'));
  let server: EsdbProtocolServer;
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object, token = admin) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position ?? 0, res.body.eventPosition ?? 0);
    return res.body;
  };

  beforeAll(async () => {
    server = await startEsdbProtocolServer();
    t = await startTestApp({ clock, env: { EVENTSTORE_CONNECTION_STRING: server.connectionString } });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
    removeDataDir(t.dataDir);
  });

  it('holds on the sealed log, then names the event edited in the store', async () => {
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    const action = await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Visit every child on time', owners: ['AB'] });
    const seal: SealView = (await t.http().post('/api/audit/seals').set(bearer(auditor)).expect(201)).body.latest;
    const verify = async () => (await t.http().get(`/api/audit/verify?minPosition=${last}`).set(bearer(auditor)).expect(200)).body;
    expect(await verify()).toMatchObject({ ok: true, chain: 'not kept by this store', seals: { checked: 1, latest: { position: seal.position, hash: seal.hash }, unsealedEvents: 0 } });
    expect((await t.http().get(`/api/audit/verify?expect=${seal.position}:${seal.hash}`).set(bearer(auditor)).expect(200)).body).toMatchObject({ ok: true, stamp: { holds: true } });

    const stored = server.events().find((e) => e.position === BigInt(action.position))!;
    const data = JSON.parse(Buffer.from(stored.data).toString('utf8'));
    server.editEvent(stored.position, { data: { ...data, title: 'Visit some children' } });
    expect(await verify()).toMatchObject({
      ok: false,
      broken: { streamId: 'action-A1', revision: 0, position: action.position, reason: expect.stringMatching(/edited after the log was sealed/) },
    });
  });

  // Last: the test above left an event edited in the store, which this one does not read.
  it('seals a pack up to its stamp, so the stamp has a hash on EventStoreDB too, and prints that seal', async () => {
    await post('/api/boards', { id: 'CSIB', name: "Children's Services Improvement Board", planIds: ['SIP'], members: ['Independent Chair'] }, chair);
    await post('/api/boards/CSIB/meetings', { date: '2014-03-12', title: 'Improvement Board, March', papersDueOn: '2014-03-05' }, chair);
    clock.set('2014-03-05T16:00:00.000Z');
    const issued = await post('/api/meetings/CSIB-2014-03-12/pack', {}, chair);
    expect(issued.head).toMatch(/^[0-9a-f]{64}$/);
    const pack: MeetingPack = (await t.http().get(`/api/meetings/CSIB-2014-03-12/pack?format=json&minPosition=${last}`).set(bearer(chair)).expect(200)).body;
    expect(pack.seal).toMatchObject({ position: issued.position, hash: issued.head, reason: 'pack', sealedBy: { id: 'chair' } });
    // The seal's own event stands between the stamp and PackIssued (positions are byte offsets here).
    expect(pack.seal!.sealPosition).toBeGreaterThan(issued.position);
    expect(issued.eventPosition).toBeGreaterThan(pack.seal!.sealPosition);
  });
});
