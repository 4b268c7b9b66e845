import type { SealView } from '@rag-ledger/contract';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/**
 * The server on EventStoreDB (the real client against the protocol-level test server): the log
 * sealed through the API, then an event edited in the server's store; GET /api/audit/verify names
 * it. Before it, verify holds: no false alarm at the first event, though no event has a hash.
 */
describe('GET /api/audit/verify on EventStoreDB, with seals', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'ia', name: 'Internal Audit' });
  let server: EsdbProtocolServer;
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position ?? 0);
    return res.body;
  };

  beforeAll(async () => {
    server = await startEsdbProtocolServer();
    t = await startTestApp({ env: { EVENTSTORE_CONNECTION_STRING: server.connectionString } });
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
});
