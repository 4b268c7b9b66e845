import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { built } from '../support/built-code';
import { dumpReadModels } from '../support/dump-database';
import { loadNorfolkThroughApi, readNorfolk, workstreamTitle } from '../support/norfolk';
import { bearer, removeDataDir, startTestApp, tempDataDir, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const REBUILD_CLI = join(__dirname, '../../dist/apps/api/src/cli/rebuild-projections.js');

describe('the Norfolk plans through the API, a restart and a rebuild', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'loader', name: 'Plan Loader' });
  const dataDir = tempDataDir();
  let t: TestApp;
  let lastPosition: number;

  const boards = async (app: TestApp) => {
    const get = (path: string) => app.http().get(path).set(bearer(admin)).expect(200).then((r) => r.body);
    const planIds: string[] = (await get(`/api/plans?minPosition=${lastPosition}`)).map((p: { id: string }) => p.id);
    return {
      board: await get('/api/board'),
      plans: await Promise.all(planIds.map((id) => get(`/api/plans/${id}/board`))),
      exceptions: await get('/api/exceptions'),
      audit: await get('/api/audit?limit=500'),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ dataDir, clock });
    lastPosition = await loadNorfolkThroughApi(t.http, admin);
    // Some movement, so the boards have colours, owners and dates to keep.
    const post = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(200).then((r) => (lastPosition = r.body.position));
    await post('/api/actions/SIP.PS.1.1.1/start', { rag: 'A' });
    await post('/api/actions/SIP.PS.1.1.1/rag', { rag: 'R', reason: 'Mapping not started' });
    await post('/api/actions/SG.1.1.1/complete', { note: 'Done' });
    await post('/api/actions/LAC.1.1/target-date', { targetDate: '2014-03-31', reason: 'Board agreed' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    removeDataDir(dataDir);
  });

  it('shows all 301 actions in the right plans and work-streams', async () => {
    const { plans, board } = await boards(t);
    const file = readNorfolk().plans;
    expect(plans.map((p: { plan: { id: string } }) => p.plan.id)).toEqual(file.map((p) => p.id));
    expect(board.plans.reduce((sum: number, p: { total: number; withdrawn: number }) => sum + p.total + p.withdrawn, 0)).toBe(301);
    for (const filePlan of file) {
      const apiPlan = plans.find((p: { plan: { id: string } }) => p.plan.id === filePlan.id);
      const expected = filePlan.workstreams.map((w) => ({ id: w.id, title: workstreamTitle(w), actions: w.actions.map((a) => a.id) }));
      const actual = apiPlan.workstreams.map((w: { id: string; title: string; actions: { id: string }[] }) => ({ id: w.id, title: w.title, actions: w.actions.map((a) => a.id) }));
      expect(actual).toEqual(expected);
      expect(apiPlan.total).toBe(filePlan.workstreams.reduce((n, w) => n + w.actions.length, 0));
    }
    const sip = plans.find((p: { plan: { id: string } }) => p.plan.id === 'SIP');
    const action = sip.workstreams[0].actions.find((a: { id: string }) => a.id === 'SIP.PS.1.1.1');
    expect(action).toMatchObject({ ref: '1.1.1', owners: ['AB', 'AH'], targetDate: '2013-12-31', status: 'R' });
  });

  it('keeps every board and the audit trail across a restart', async () => {
    const before = await boards(t);
    await t.close();
    t = await startTestApp({ dataDir, clock });
    expect(await boards(t)).toEqual(before);
    // And it still takes commands where it left off.
    const res = await t.http().post('/api/actions/SIP.PS.1.1.1/notes').set(bearer(admin)).send({ text: 'After restart' }).expect(200);
    expect(res.body.revision).toBe(3);
    lastPosition = res.body.position;
  });

  it('rebuilds the read models from the log with identical results (npm run projections:rebuild)', async () => {
    const before = await boards(t);
    await t.close();
    const rowsBefore = dumpReadModels(join(dataDir, 'read-models.db'));
    const { stdout, stderr } = await run(process.execPath, [built(REBUILD_CLI)], { env: { ...process.env, RAG_LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    // The audit trail's file on a thread of its own, beside the boards'.
    expect(stdout).toMatch(/rebuilt the read models from \d[\d,]* events in [\d.]+ s, on 2 threads/);
    expect(stderr).toMatch(/events\/s, about \d+ s left/);
    expect(dumpReadModels(join(dataDir, 'read-models.db'))).toEqual(rowsBefore);
    // The rebuilt files, as the live ones, name the log they were built from: the embedded log's own id.
    const log = new BetterSqlite3(join(dataDir, 'events.db'), { readonly: true });
    const logId = log.prepare('SELECT id FROM store_identity').pluck().get();
    log.close();
    const rebuilt = dumpReadModels(join(dataDir, 'read-models.db'));
    for (const file of [rebuilt.main, rebuilt.audit_trail]) expect(file.tables.store_identity).toEqual([{ only: 1, kind: 'sqlite', id: logId }]);
    t = await startTestApp({ dataDir, clock });
    expect(await boards(t)).toEqual(before);
  }, 60_000);
});
