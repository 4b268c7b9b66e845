import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { built } from '../support/built-code';
import { NORFOLK_FILE, readNorfolk } from '../support/norfolk';
import { bearer, removeDataDir, startTestApp, tempDataDir, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const IMPORT_CLI = join(__dirname, '../../dist/apps/api/src/cli/import-plans.js');

describe('POST /api/import and npm run import', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const norfolk = readFileSync(NORFOLK_FILE, 'utf8');
  let t: TestApp;

  const importJson = (body: string | object, query = '') =>
    t.http().post(`/api/import${query}`).set(bearer(admin)).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  const importCsv = (body: string) => t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(body);
  const eventCount = async () => (await t.http().get('/api/health').expect(200)).body.position as number;
  const get = (path: string) => t.http().get(path).set(bearer(admin)).expect(200).then((r) => r.body);
  /**
   * The first import of the Norfolk file, made by whichever test needs it first: the first test
   * checks it, and the later ones that build on it (the same file again, a refresh, an id of
   * another plan) also pass alone with -t.
   */
  let norfolkImport: Promise<Awaited<ReturnType<typeof importJson>>> | undefined;
  // A promise of the answer, not the request: awaiting a supertest request again would send it again.
  const importNorfolkOnce = () => (norfolkImport ??= importJson(norfolk).expect(200).then((res) => res));

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('imports the shared Norfolk file: every plan, work-stream and action where the file puts it', async () => {
    const res = await importNorfolkOnce();
    expect(res.body).toMatchObject({
      rowsRead: 301,
      plans: { created: 5, changed: 0, unchanged: 0 },
      workstreams: { created: 31 },
      actions: { created: 301, changed: 0, unchanged: 0, missing: [], withdrawn: [] },
      // What the plans print besides their actions (counted against the file in import-plan-record.spec.ts).
      steps: { created: 126, completed: 8 },
      notes: { added: 7 },
      milestones: { created: 80 },
    });
    expect(res.body.warnings.find((w: { where: string }) => w.where === 'action SIP.P.1.4.1').message).toMatch(/Start w\/c 14 or 21 October/);

    for (const plan of readNorfolk().plans) {
      const board = await get(`/api/plans/${plan.id}/board?minPosition=${res.body.position}`);
      expect(board.plan.kind).toBe('other');
      expect(board.total).toBe(plan.workstreams.reduce((n, w) => n + w.actions.length, 0));
      expect(board.workstreams.map((w: { id: string; actions: unknown[] }) => [w.id, w.actions.length])).toEqual(plan.workstreams.map((w) => [w.id, w.actions.length]));
    }
    const action = await get('/api/actions/SIP.PS.1.1.1');
    expect(action).toMatchObject({ owners: ['AB', 'AH'], targetDate: '2013-12-31', targetDateText: 'Dec 2013', status: 'W' });
    const history = await get('/api/actions/SIP.PS.1.1.1/history');
    expect(history[0].actor).toEqual({ id: 'ada', name: 'Ada Admin', role: 'admin' });
  });

  it('writes nothing when the same file is imported again', async () => {
    await importNorfolkOnce();
    const before = await eventCount();
    const res = await importJson(norfolk).expect(200);
    expect(res.body).toMatchObject({ events: 0, plans: { unchanged: 5 }, actions: { created: 0, changed: 0, unchanged: 301 }, steps: { unchanged: 126 }, milestones: { unchanged: 80 } });
    expect(await eventCount()).toBe(before);
  });

  it('records a refresh with a changed date and a new action as exactly those events', async () => {
    const refreshed = JSON.parse(norfolk);
    const sip = refreshed.plans[0];
    sip.version = 'Version 1.06 (Refresh April 2014)';
    const ws = sip.workstreams[0];
    ws.actions[0].targetDate = 'Mar 2014';
    ws.actions[0].targetDateIso = '2014-03-31';
    ws.actions.push({ id: 'SIP.PS.9.9.9', ref: '9.9.9', title: 'Publish the refreshed practice standards', responsible: ['AB'], targetDate: 'June 2014' });
    await importNorfolkOnce();
    const before = await eventCount();
    clock.set('2014-04-02T10:00:00.000Z');
    const res = await importJson(refreshed).expect(200);
    expect(res.body).toMatchObject({ plans: { changed: 1, unchanged: 4 }, actions: { created: 1, changed: 1, unchanged: 300 }, events: 3 });

    const audit = (await get(`/api/audit?from=2014-04-02&minPosition=${res.body.position}`)).items;
    expect(audit.map((e: { type: string; streamId: string }) => [e.streamId, e.type])).toEqual([
      ['plan-SIP', 'PlanVersionRefreshed'],
      ['action-SIP.PS.1.1.1', 'ActionTargetDateRevised'],
      ['action-SIP.PS.9.9.9', 'ActionAdded'],
    ]);
    expect(audit[1].reason).toBe('plan refresh to version Version 1.06 (Refresh April 2014)');
    expect(await eventCount()).toBe(before + 3);
    expect(await get('/api/actions/SIP.PS.1.1.1')).toMatchObject({ targetDate: '2014-03-31', targetDateText: 'Mar 2014' });
    expect((await get('/api/plans/SIP')).version).toBe('Version 1.06 (Refresh April 2014)');
    expect(await get('/api/actions/SIP.PS.9.9.9')).toMatchObject({ targetDate: '2014-06-30', targetDateText: 'June 2014', status: 'W' });
  });

  it('imports CSV saved by Excel, with a BOM, turning a RAG into the events that lead to it', async () => {
    const csv =
      '\uFEFFplan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links\r\n' +
      'EHX,Early Help Extra,early-help,EHX.A,Partnerships,EHX.A.1,1,"Agree the early help offer, with partners",JS/KA,,Dec13,,A,\r\n' +
      'EHX,,,EHX.A,,EHX.A.2,2,Launch the family support form,JS,,By Mar 2014,,B,\r\n';
    const res = await importCsv(csv).expect(200);
    expect(res.body).toMatchObject({ rowsRead: 2, plans: { created: 1 }, actions: { created: 2 } });
    const board = await get(`/api/plans/EHX/board?minPosition=${res.body.position}`);
    expect(board.plan.kind).toBe('early-help');
    expect(board.counts).toMatchObject({ A: 1, B: 1 });
    const history = await get('/api/actions/EHX.A.1/history');
    expect(history.map((h: { type: string; reason: string | null }) => [h.type, h.reason])).toEqual([['ActionAdded', null], ['ActionStarted', 'imported']]);
  });

  it.each([
    ['malformed JSON', () => importJson('{"plans": ['), /malformed/],
    ['an unknown plan kind', () => importJson({ plans: [{ id: 'BAD', name: 'Bad', kind: 'county', workstreams: [] }] }), /unknown plan kind/],
    ['a missing title', () => importJson({ plans: [{ id: 'BAD', name: 'Bad', workstreams: [{ id: 'W', name: 'W', actions: [{ id: 'BAD.1' }] }] }] }), /action BAD.1: has no title/],
    ['duplicate ids', () => importJson({ plans: [{ id: 'BAD', name: 'Bad', workstreams: [{ id: 'W', name: 'W', actions: [{ id: 'BAD.1', title: 'x' }, { id: 'BAD.1', title: 'y' }] }] }] }), /used twice/],
    ['malformed CSV', () => importCsv('plan_id,plan_title,plan_kind,workstream_id,workstream_title,action_id,ref,title,owners,enabling_teams,target_date,measures,rag,links\r\nBAD,"Bad,other\r\n'), /malformed/],
    ['an action id of another plan', () => importJson({ plans: [{ id: 'BAD', name: 'Bad', workstreams: [{ id: 'W', name: 'W', actions: [{ id: 'BAD.new', title: 'fine' }, { id: 'SIP.PS.1.1.1', title: 'taken' }] }] }] }), /already belongs to plan SIP/],
  ])('refuses %s with 400 naming the line or action, and writes nothing at all', async (_, send, message) => {
    await importNorfolkOnce(); // SIP.PS.1.1.1 belongs to plan SIP
    const before = await eventCount();
    const res = await send().expect(400);
    expect(`${res.body.message} ${JSON.stringify(res.body.problems)}`).toMatch(message);
    expect(await eventCount()).toBe(before);
  });

  it('reads a large file only for an admin: anyone else is held to the ordinary 256 kB limit', async () => {
    const big = JSON.stringify({ plans: [], padding: 'x'.repeat(400_000) });
    const owner = tokenFor('owner', { plans: ['SIP'] });
    await t.http().post('/api/import').set('Content-Type', 'application/json').send(big).expect(413);
    await t.http().post('/api/import').set(bearer(owner)).set('Content-Type', 'application/json').send(big).expect(413);
    await t.http().post('/api/import').set(bearer(owner)).set('Content-Type', 'application/json').send({ plans: [] }).expect(403);
    const res = await importJson(big).expect(200);
    expect(res.body).toMatchObject({ rowsRead: 0, events: 0 });
    await importJson('{"plans": [').expect(400);
  });

  it('is for admins only, and takes JSON or CSV only', async () => {
    await t.http().post('/api/import').set(bearer(tokenFor('owner', { plans: ['SIP'] }))).send({ plans: [] }).expect(403);
    await t.http().post('/api/import').send({ plans: [] }).expect(401);
    await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'text/plain').send('plans').expect(415);
  });

  it('imports from the command line with progress and a report, and again writes nothing', async () => {
    const dataDir = tempDataDir();
    try {
      const env = { ...process.env, RAG_LEDGER_DATA_DIR: dataDir };
      const first = await run(process.execPath, [built(IMPORT_CLI), NORFOLK_FILE], { env });
      expect(first.stderr).toMatch(/rows read 301, actions written 301/);
      expect(first.stdout).toMatch(/actions\s+301 created, 0 changed, 0 unchanged/);
      expect(first.stdout).toMatch(/steps\s+126 created, 0 changed, 0 unchanged, 8 completed/);
      expect(first.stdout).toMatch(/notes\s+7 added, 0 already there/);
      const again = await run(process.execPath, [built(IMPORT_CLI), NORFOLK_FILE], { env });
      expect(again.stdout).toMatch(/events written 0/);
      const bad = join(dataDir, 'bad.json');
      writeFileSync(bad, '{"plans": [{"id": "X", "workstreams": []}]}');
      await expect(run(process.execPath, [built(IMPORT_CLI), bad], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/plan X: has no title/) });
    } finally {
      removeDataDir(dataDir);
    }
  }, 60_000);
});
