import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { built } from '../support/built-code';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { bearer, removeDataDir, startTestApp, tempDataDir, tokenFor, type TestApp } from '../support/test-app';

const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
const run = promisify(execFile);
const MIGRATE_CLI = join(__dirname, '../../dist/apps/api/src/cli/migrate-to-eventstoredb.js');

const rebuildLinesOf = (warnings: jest.SpyInstance) =>
  warnings.mock.calls.map((call) => call.find((arg: unknown) => typeof arg === 'string' && arg.includes('rebuilding them from its log'))).filter(Boolean) as string[];

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
  const rebuildLines = () => rebuildLinesOf(warnings);

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

/**
 * `npm run migrate:to-eventstoredb` moves the read models aside after a copy; kept in place
 * (`--keep-read-models`, or a node that was never moved), the identity check rebuilds them.
 */
describe('the migration to EventStoreDB, its read models kept in place', () => {
  let server: EsdbProtocolServer;
  let dataDir: string;
  let warnings: jest.SpyInstance;

  beforeAll(async () => {
    server = await startEsdbProtocolServer();
    dataDir = tempDataDir();
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir) removeDataDir(dataDir);
  });
  beforeEach(() => {
    warnings = jest.spyOn(PinoLogger.prototype, 'warn');
  });
  afterEach(() => warnings.mockRestore());

  it('given the log copied with --keep-read-models, when the API starts on EventStoreDB, then it rebuilds them from the copy, saying why, and shows the same plans', async () => {
    const embedded = await startTestApp({ dataDir });
    try {
      await embedded.http().post('/api/plans').set(bearer(admin)).send({ id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }).expect(201);
      await embedded.http().post('/api/plans/SIP/workstreams').set(bearer(admin)).send({ id: 'SIP.PS', title: 'Practice Standards' }).expect(201);
      await embedded.http().post('/api/plans/SIP/actions').set(bearer(admin)).send({ id: 'SIP.PS.1', workstreamId: 'SIP.PS', title: 'Map the journey', owners: ['AB'] }).expect(201);
    } finally {
      await embedded.close();
    }
    const { stdout } = await run(process.execPath, [built(MIGRATE_CLI), '--keep-read-models'], {
      env: { ...process.env, RAG_LEDGER_DATA_DIR: dataDir, EVENTSTORE_CONNECTION_STRING: server.connectionString, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toContain(`left the read models at ${join(dataDir, 'read-models.db')} in place: they record the store they were projected from, and the API rebuilds them from EventStoreDB on start if that was another`);
    expect(existsSync(join(dataDir, 'read-models.db'))).toBe(true);

    const t = await startTestApp({ dataDir, env: { EVENTSTORE_CONNECTION_STRING: server.connectionString } });
    try {
      Logger.flush();
      expect(rebuildLinesOf(warnings)).toEqual([
        expect.stringMatching(/^read models were projected from the embedded store \(id [0-9a-f-]{36}\); the event store is now EventStoreDB \(id [0-9a-f-]{36}\): rebuilding them from its log \(the boards: /),
        expect.stringMatching(/\(the audit trail: audit-trail\)$/),
      ]);
      const plans = (await t.http().get('/api/plans').set(bearer(admin)).expect(200)).body as Array<{ id: string }>;
      expect(plans.map((p) => p.id)).toEqual(['SIP']);
      const action = (await t.http().get('/api/actions/SIP.PS.1').set(bearer(admin)).expect(200)).body;
      expect(action).toMatchObject({ id: 'SIP.PS.1', planId: 'SIP', status: 'W', revision: 0 });
    } finally {
      await t.close();
    }
  }, 60_000);
});
