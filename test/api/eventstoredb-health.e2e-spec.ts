/**
 * /api/health on EventStoreDB, through the real client against the protocol-level test server
 * (test/support/esdb-protocol-server): a subscription that meets an error retrying cannot mend
 * stops the projections, and health says so with 503, naming them and the store's error; a
 * server that goes away and comes back heals by itself, and health is ok again.
 */
import { createProjections } from '@rag-ledger/projections';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });

/** Polls for a condition (generous, for a loaded machine) instead of sleeping and hoping. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('GET /api/health on EventStoreDB', () => {
  let server: EsdbProtocolServer;
  let t: TestApp;
  beforeEach(async () => {
    server = await startEsdbProtocolServer();
    t = await startTestApp({ env: { EVENTSTORE_CONNECTION_STRING: server.connectionString } });
  });
  afterEach(async () => {
    await t.close();
    removeDataDir(t.dataDir);
    await server.stop();
  });

  it('answers 503 naming every stopped projection and the store error when the subscription meets a permanent error', async () => {
    const created = await t.http().post('/api/plans').set(bearer(admin)).send({ id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }).expect(201);
    await t.http().get(`/api/plans/SIP?minPosition=${created.body.position}`).set(bearer(admin)).expect(200);
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', store: 'eventstoredb', reachable: true });

    // The server now refuses the subscription (as a changed ACL would) and ends the open one.
    server.failAlways('subscribeToAll', { status: 'PERMISSION_DENIED', details: 'Access denied' });
    const subscribeCalls = server.calls('subscribeToAll');
    server.dropSubscriptions('UNAVAILABLE', 'the node is restarting');
    await until(async () => (await t.http().get('/api/health')).status === 503, 'health answers 503');

    const health = await t.http().get('/api/health').expect(503);
    const error =
      "the log could not be read: the subscription to EventStoreDB's log ended with an error that retrying cannot mend " +
      "(EventStoreDB answered PERMISSION_DENIED (Access denied): the user in EVENTSTORE_CONNECTION_STRING may not do this: check its credentials and the server's access control); " +
      'nothing more is projected until the cause is fixed and the API restarted';
    expect(health.body).toEqual({
      status: 'failing',
      store: 'eventstoredb',
      reachable: true,
      position: expect.any(Number),
      failedProjections: createProjections().map((p) => ({
        name: p.name,
        stoppedAt: expect.any(Number),
        error,
        event: null,
        failedAttempts: 1,
        failingSince: expect.any(String),
        nextAttemptAt: null,
      })),
    });
    // Refused once, after the drop: no retry loop.
    expect(server.calls('subscribeToAll') - subscribeCalls).toBe(1);
  });

  it('heals by itself when the server goes away and comes back: health is ok again and new events are projected', async () => {
    await t.http().post('/api/plans').set(bearer(admin)).send({ id: 'LAC', kind: 'lac', title: 'LAC Plan' }).expect(201);
    await server.stop();
    await until(async () => (await t.http().get('/api/health')).body.reachable === false, 'health says the store is unreachable');
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'degraded', store: 'eventstoredb', reachable: false });

    await server.restart();
    // The command path reconnects too; what it writes must reach the read models through the re-established subscription.
    let position = 0;
    await until(async () => {
      const res = await t.http().post('/api/plans').set(bearer(admin)).send({ id: 'SEND', kind: 'strategic', title: 'SEND Plan' });
      if (res.status === 201) position = res.body.position;
      return res.status === 201 || res.status === 409;
    }, 'a command is accepted again');
    await until(async () => (await t.http().get(`/api/plans/SEND?minPosition=${position}`).set(bearer(admin))).status === 200, 'the new plan is projected');
    await until(async () => (await t.http().get('/api/health')).status === 200, 'health answers 200');
    expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', store: 'eventstoredb', reachable: true });
  });
});
