import { Logger } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { bearer, removeDataDir, startTestApp, tempDataDir, tokenFor, type TestApp } from '../support/test-app';

const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });

/**
 * One data directory, its read models projected from the embedded store, then started with
 * EVENTSTORE_CONNECTION_STRING naming an EventStoreDB that holds another log (here the
 * protocol-level test server, through the real client): the read models must be rebuilt from
 * that log, never resumed from an embedded position, and the log must say why.
 */
describe('a data directory started on another event store', () => {
  let server: EsdbProtocolServer;
  let dataDir: string;
  let warnings: jest.SpyInstance;
  let app: TestApp | undefined;

  const start = async (env: Record<string, string> = {}) => {
    app = await startTestApp({ dataDir, env });
    // Start-up logs are buffered until the server listens (main.ts); here nothing listens, so send them on.
    Logger.flush();
    return app;
  };
  const close = async () => {
    await app?.close();
    app = undefined;
  };
  const onEventStoreDb = () => ({ EVENTSTORE_CONNECTION_STRING: server.connectionString });
  const post = (t: TestApp, path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
  const planIds = async (t: TestApp) => ((await t.http().get('/api/plans').set(bearer(admin)).expect(200)).body as Array<{ id: string }>).map((p) => p.id);
  const trailStreams = async (t: TestApp) =>
    [...new Set(((await t.http().get('/api/audit').set(bearer(admin)).expect(200)).body.items as Array<{ streamId: string }>).map((i) => i.streamId))].sort();
  const rebuildLines = () =>
    warnings.mock.calls.map((call) => call.find((arg: unknown) => typeof arg === 'string' && arg.includes('rebuilding them from its log'))).filter(Boolean) as string[];

  beforeAll(async () => {
    server = await startEsdbProtocolServer();
    // EventStoreDB holds a log of its own, written by another node (its own data directory).
    const otherDir = tempDataDir();
    try {
      const other = await startTestApp({ dataDir: otherDir, env: onEventStoreDb() });
      try {
        await post(other, '/api/plans', { id: 'LAC', kind: 'lac', title: 'LAC Operational Improvement Plan' });
        await post(other, '/api/plans/LAC/workstreams', { id: 'LAC.1', title: 'Corporate parenting' });
        await post(other, '/api/plans/LAC/actions', { id: 'LAC.1.1', workstreamId: 'LAC.1', title: 'Review placements', owners: ['JW'] });
      } finally {
        await other.close();
      }
    } finally {
      removeDataDir(otherDir);
    }
    // This node's data directory, on the embedded store: a plan and its actions.
    dataDir = tempDataDir();
    const embedded = await startTestApp({ dataDir });
    try {
      await post(embedded, '/api/plans', { id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan" });
      await post(embedded, '/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
      for (const id of ['SIP.PS.1', 'SIP.PS.2', 'SIP.PS.3']) await post(embedded, '/api/plans/SIP/actions', { id, workstreamId: 'SIP.PS', title: `Action ${id}`, owners: ['AB'] });
      expect(await planIds(embedded)).toEqual(['SIP']);
    } finally {
      await embedded.close();
    }
  });
  beforeEach(() => {
    warnings = jest.spyOn(PinoLogger.prototype, 'warn');
  });
  afterEach(async () => {
    await close();
    warnings.mockRestore();
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('given read models from the embedded store, when started on EventStoreDB, then its boards and trail show EventStoreDB\'s log only, and the log says why', async () => {
    const t = await start(onEventStoreDb());
    expect(await planIds(t)).toEqual(['LAC']);
    await t.http().get('/api/actions/LAC.1.1').set(bearer(admin)).expect(200);
    await t.http().get('/api/actions/SIP.PS.1').set(bearer(admin)).expect(404);
    expect(await trailStreams(t)).toEqual(['action-LAC.1.1', 'plan-LAC']);
    expect(rebuildLines()).toEqual([
      expect.stringMatching(/^read models were projected from the embedded store \(id [0-9a-f-]{36}\); the event store is now EventStoreDB \(id [0-9a-f-]{36}\): rebuilding them from its log \(the boards: /),
      expect.stringMatching(/^read models were projected from the embedded store .*\(the audit trail: audit-trail\)$/),
    ]);
    // And it carries on: a write through this node is projected from EventStoreDB's log.
    await post(t, '/api/plans', { id: 'EDU', kind: 'strategic', title: 'Education' });
    expect(await planIds(t)).toEqual(expect.arrayContaining(['LAC', 'EDU']));
  });

  it('given read models from EventStoreDB, when started there again, then they are resumed, nothing rebuilt', async () => {
    const t = await start(onEventStoreDb());
    expect((await planIds(t)).sort()).toEqual(['EDU', 'LAC']);
    expect(rebuildLines()).toEqual([]);
  });

  it('and back: started on the embedded store again, its boards show the embedded log only', async () => {
    const t = await start();
    expect(await planIds(t)).toEqual(['SIP']);
    await t.http().get('/api/actions/LAC.1.1').set(bearer(admin)).expect(404);
    await t.http().get('/api/actions/SIP.PS.3').set(bearer(admin)).expect(200);
    expect(await trailStreams(t)).toEqual(['action-SIP.PS.1', 'action-SIP.PS.2', 'action-SIP.PS.3', 'plan-SIP']);
    expect(rebuildLines()).toEqual([
      expect.stringMatching(/^read models were projected from EventStoreDB \(id [0-9a-f-]{36}\); the event store is now the embedded store \(id [0-9a-f-]{36}\): rebuilding them from its log \(the boards: /),
      expect.stringMatching(/\(the audit trail: audit-trail\)$/),
    ]);
  });
});
