import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { eventLoop, MAX_IMPORT_ROWS } from '@rag-ledger/import';
import { NORFOLK_FILE } from '../support/norfolk';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, tempDataDir, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const IMPORT_CLI = join(__dirname, '../../dist/apps/api/src/cli/import-plans.js');

const HEADER = 'plan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links\r\n';
/** A CSV of `rows` actions of plan `planId`; with `badRag`, each row has exactly one problem (an unknown RAG). */
const csvOf = (planId: string, rows: number, badRag = false) =>
  HEADER + Array.from({ length: rows }, (_, i) => `${planId},Plan ${planId},other,${planId}.W,Work,${planId}.${i},${i},Action ${i},AB,,Dec 2013,,${badRag ? 'X' : ''},\r\n`).join('');

/** The import as one decision through the API: idempotency, completed actions, bounds, and not blocking the server. */
describe('POST /api/import: one decision, bounded', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  let t: TestApp;
  const importJson = (body: object, headers: Record<string, string> = {}) =>
    t.http().post('/api/import').set({ ...bearer(admin), ...headers }).set('Content-Type', 'application/json').send(JSON.stringify(body));
  const importCsv = (body: string) => t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(body);
  const log = () => readLog(t.dataDir);
  const plan = (id: string, actions: object[], version = '1') => ({ plans: [{ id, name: `Plan ${id}`, version, workstreams: [{ id: `${id}.W`, name: 'Work', actions }] }] });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('answers a repeat under the same Idempotency-Key with the first report and writes nothing; another file with that key is 422', async () => {
    const file = plan('IDEM', [{ id: 'IDEM.1', title: 'Audit', responsible: ['AB'], targetDate: 'Dec 2013', rag: 'G' }]);
    const first = await importJson(file, { 'Idempotency-Key': 'import-idem-1' }).expect(200);
    expect(first.body).toMatchObject({ plans: { created: 1 }, actions: { created: 1 }, events: 4, plansWritten: ['IDEM'] });
    const written = await log();
    const mine = written.filter((e) => e.metadata.idempotencyKey === 'import-idem-1');
    expect(mine.map((e) => [e.streamId, e.type])).toEqual([
      ['plan-IDEM', 'PlanCreated'], ['plan-IDEM', 'WorkstreamAdded'], ['action-IDEM.1', 'ActionAdded'], ['action-IDEM.1', 'ActionStarted'],
      [expect.stringMatching(/^import-/), 'PlansImported'],
    ]);
    expect(new Set(mine.map((e) => e.metadata.causationId)).size).toBe(1);
    // The answer's position is the last projected event's, so a read can wait for it.
    expect(first.body.position).toBe(Number(mine[mine.length - 2].position));
    await t.http().get(`/api/plans/IDEM/board?minPosition=${first.body.position}`).set(bearer(admin)).expect(200);

    const again = await importJson(file, { 'Idempotency-Key': 'import-idem-1' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await log()).toHaveLength(written.length);

    const other = await importJson(plan('IDEM', [{ id: 'IDEM.2', title: 'Train', responsible: ['AB'] }]), { 'Idempotency-Key': 'import-idem-1' }).expect(422);
    expect(other.body.message).toMatch(/This Idempotency-Key was already used by you for a different request/);
    // The same key for a command on another route is refused too.
    await t.http().post('/api/actions/IDEM.1/notes').set({ ...bearer(admin), 'Idempotency-Key': 'import-idem-1' }).send({ text: 'x' }).expect(422);
    expect(await log()).toHaveLength(written.length);
  });

  it('leaves a completed action\'s date and printed date as they were when a refresh moves them', async () => {
    const v1 = plan('DONE', [{ id: 'DONE.1', title: 'Audit', responsible: ['AB'], targetDate: 'Dec 2013', rag: 'B' }]);
    await importJson(v1).expect(200);
    const v2 = plan('DONE', [{ id: 'DONE.1', title: 'Audit', responsible: ['AB'], targetDate: 'Mar 2014', rag: 'B' }], '2');
    const res = await importJson(v2).expect(200);
    expect(res.body.warnings).toContainEqual({ where: 'action DONE.1', message: 'the action is completed, so its target date stays Dec 2013 (the file says Mar 2014)' });
    const action = (await t.http().get(`/api/actions/DONE.1?minPosition=${res.body.position}`).set(bearer(admin)).expect(200)).body;
    expect(action).toMatchObject({ status: 'B', targetDate: '2013-12-31', targetDateText: 'Dec 2013' });
    expect((await log()).filter((e) => e.streamId === 'action-DONE.1').map((e) => e.type)).toEqual(['ActionAdded', 'ActionCompleted']);
  });

  it('lists at most 100 problems of a bad file and says how many more there were', async () => {
    const before = await log();
    const res = await importCsv(csvOf('BADR', 250, true)).expect(400);
    expect(res.body.problems).toHaveLength(100);
    expect(res.body.problems[0]).toBe('line 2: rag "X" is not W, G, A, R or B');
    expect(res.body.moreProblems).toBe(150);
    expect(res.body.message).toMatch(/\(and 245 more problems\)$/);
    expect(await log()).toHaveLength(before.length);
  });

  it(`refuses with 413 an import of more than ${MAX_IMPORT_ROWS} rows or actions, writing nothing`, async () => {
    const before = await log();
    const csv = await importCsv(csvOf('BIG', MAX_IMPORT_ROWS + 1)).expect(413);
    expect(csv.body.message).toMatch(/more than 20,000 rows; one import takes at most 20,000/);
    const actions = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ id: `BIGJ.${i}`, title: 'x' }));
    const json = await importJson(plan('BIGJ', actions)).expect(413);
    expect(json.body.message).toMatch(/more than 20,000 actions/);
    expect(await log()).toHaveLength(before.length);
    // At the bound itself the file is read (and here refused for its problems only).
    await importCsv(csvOf('EDGE', MAX_IMPORT_ROWS, true)).expect(400);
  });

  it.each([
    ['CSV', 'text/csv', () => csvOf('SLOW', 19_000, true)],
    ['JSON', 'application/json', () => JSON.stringify(plan('SLOWJ', Array.from({ length: 19_000 }, (_, i) => ({ id: `SLOWJ.${i}` }))))],
  ])('answers other requests while a large bad %s file is being read and checked', async (_, type, body) => {
    if (!t.app.getHttpServer().listening) await t.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const finished: string[] = [];
    let health: Promise<unknown> | undefined;
    const nextTurn = eventLoop.nextTurn;
    // At the import's first step (its body received, the parsing begun), ask for health.
    const spy = jest.spyOn(eventLoop, 'nextTurn').mockImplementation(() => {
      health ??= request(url).get('/api/health').expect(200).then(() => finished.push('health'));
      return nextTurn.call(eventLoop);
    });
    try {
      const res = await request(url).post('/api/import').set(bearer(admin)).set('Content-Type', type).send(body());
      finished.push('import');
      expect(res.status).toBe(400);
      await health;
      expect(finished).toEqual(['health', 'import']);
    } finally {
      spy.mockRestore();
    }
  });

  it('imports from the command line through the same write path: a repeat with the same key writes nothing', async () => {
    const dataDir = tempDataDir();
    try {
      const env = { ...process.env, RAG_LEDGER_DATA_DIR: dataDir };
      const first = await run(process.execPath, [IMPORT_CLI, NORFOLK_FILE, '--idempotency-key', 'cli-1'], { env });
      expect(first.stdout).toMatch(/actions\s+301 created/);
      const written = await readLog(dataDir);
      expect(written[0].metadata).toMatchObject({ actor: { id: 'import-cli', role: 'admin' }, idempotencyKey: 'cli-1', requestFingerprint: expect.any(String) });
      expect(new Set(written.map((e) => e.metadata.causationId)).size).toBe(1);
      const again = await run(process.execPath, [IMPORT_CLI, NORFOLK_FILE, '--idempotency-key', 'cli-1'], { env });
      expect(again.stdout).toBe(first.stdout);
      expect(await readLog(dataDir)).toHaveLength(written.length);
    } finally {
      removeDataDir(dataDir);
    }
  }, 60_000);
});
