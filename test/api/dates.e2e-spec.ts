import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const CLI = (name: string) => join(__dirname, `../../dist/apps/api/src/cli/${name}.js`);

/**
 * A date a person gives is a UK calendar day (Europe/London), in summer and in winter and on
 * the days the clocks change: changes made at 23:30 UK time are in that day, those at 00:30
 * the next morning are not, whatever the route (asOf, from/to, the evidence pack, replay).
 */
describe('a date means a UK calendar day, through the API', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string) => t.http().get(path).set(bearer(admin));

  /**
   * One action per kind of day, each changed three times around day D (UTC instants):
   * at 00:30 UK time on D to A, at 23:30 UK time on D to R, and at 00:30 UK time on D+1 back to G.
   */
  const DAYS = [
    { action: 'WINTER', day: '2014-01-15', before: '2014-01-14', after: '2014-01-16', early: '2014-01-15T00:30:00.000Z', late: '2014-01-15T23:30:00.000Z', next: '2014-01-16T00:30:00.000Z' },
    // The clocks go forward at 01:00 GMT: 00:30 is still GMT; 23:30 is BST
    { action: 'SPRING', day: '2014-03-30', before: '2014-03-29', after: '2014-03-31', early: '2014-03-30T00:30:00.000Z', late: '2014-03-30T22:30:00.000Z', next: '2014-03-30T23:30:00.000Z' },
    { action: 'SUMMER', day: '2014-06-15', before: '2014-06-14', after: '2014-06-16', early: '2014-06-14T23:30:00.000Z', late: '2014-06-15T22:30:00.000Z', next: '2014-06-15T23:30:00.000Z' },
    // The clocks go back at 02:00 BST: 00:30 is still BST; 23:30 is GMT
    { action: 'AUTUMN', day: '2014-10-26', before: '2014-10-25', after: '2014-10-27', early: '2014-10-25T23:30:00.000Z', late: '2014-10-26T23:30:00.000Z', next: '2014-10-27T00:30:00.000Z' },
  ];
  const M = '/api/measures/UK.M.mixed';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    clock.set('2014-01-02T09:00:00.000Z');
    await post('/api/plans', { id: 'UK', kind: 'strategic', title: 'Plan judged in UK time' });
    await post('/api/plans/UK/workstreams', { id: 'UK.W', title: 'Days and nights' });
    await post('/api/plans/UK/measures', { id: 'UK.M.mixed', name: 'Reviews on time', unit: 'percent', polarity: 'higher', amberTolerance: 2 });
    for (const { action, day } of DAYS) {
      await post('/api/plans/UK/actions', { id: action, workstreamId: 'UK.W', title: `Changed around ${day}`, owners: ['AB'], targetDate: day });
      await post(`/api/actions/${action}/start`, {});
    }
    for (const { action, early, late, next } of DAYS) {
      clock.set(early);
      await post(`/api/actions/${action}/rag`, { rag: 'A', reason: 'Half past midnight' });
      clock.set(late);
      await post(`/api/actions/${action}/rag`, { rag: 'R', reason: 'Half past eleven at night' });
      clock.set(next);
      await post(`/api/actions/${action}/rag`, { rag: 'G', reason: 'Half past midnight, the next day' });
    }
    // A measure whose periods mix an academic year, a quarter and a month
    clock.set('2015-01-20T09:00:00.000Z');
    await post(`${M}/targets`, { period: '2013/14', value: 80 });
    await post(`${M}/targets`, { period: '2014-Q3', value: 60 });
    await post(`${M}/targets`, { period: '2014-12', value: 60 });
    await post(`${M}/values`, { period: '2014-12', value: 50 });
    await post(`${M}/values`, { period: '2014-Q3', value: 70 });
    await post(`${M}/values`, { period: '2013/14', value: 90 });
    await get(`/api/board?minPosition=${last}`).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe.each(DAYS)('around $day ($action)', ({ action, day, before, after, early, late, next }) => {
    const statusOn = async (asOf: string) => (await get(`/api/actions/${action}?asOf=${encodeURIComponent(asOf)}`).expect(200)).body;
    const boardRow = async (path: string) => {
      const body = (await get(path).expect(200)).body;
      const plan = body.plans ? body.plans.find((p: { id: string }) => p.id === 'UK') : body;
      return plan;
    };

    it('asOf the day before takes in nothing of the day; asOf the day takes in 23:30 but not 00:30 the next morning', async () => {
      expect(await statusOn(before)).toMatchObject({ status: 'G', overdue: false });
      expect(await statusOn(day)).toMatchObject({ status: 'R', overdue: false }); // due that day: not yet overdue, and the night's change is in
      expect(await statusOn(after)).toMatchObject({ status: 'G', overdue: true }); // the next morning's change, and overdue from midnight
    });

    it('the plan board, the board and the exceptions as of the day agree with the action', async () => {
      const plan = await boardRow(`/api/plans/UK/board?asOf=${day}`);
      const row = plan.workstreams[0].actions.find((a: { id: string }) => a.id === action);
      expect(row).toMatchObject({ status: 'R', overdue: false });
      const exceptions = (await get(`/api/exceptions?planId=UK&asOf=${day}`).expect(200)).body.actions.map((a: { id: string }) => a.id);
      expect(exceptions).toContain(action);
      const nextExceptions = (await get(`/api/exceptions?planId=UK&asOf=${after}`).expect(200)).body.actions;
      expect(nextExceptions.find((a: { id: string }) => a.id === action)).toMatchObject({ status: 'G', overdue: true });
    });

    it('from/to the day is exactly the changes at 00:30 and 23:30 UK time that day, in the audit trail, the changes and the evidence pack', async () => {
      const audit = (await get(`/api/audit?actionId=${action}&from=${day}&to=${day}`).expect(200)).body.items;
      expect(audit.map((e: { at: string }) => e.at)).toEqual([early, late]);
      const nextDay = (await get(`/api/audit?actionId=${action}&from=${after}&to=${after}`).expect(200)).body.items;
      expect(nextDay.map((e: { at: string }) => e.at)).toEqual([next]);

      const changes = (await get(`/api/plans/UK/changes?from=${day}&to=${day}`).expect(200)).body;
      const moved = changes.actions.find((a: { actionId: string }) => a.actionId === action);
      expect(moved.changes.map((c: { at: string }) => c.at)).toEqual([early, late]);

      const csv = await get(`/api/plans/UK/evidence?from=${day}&to=${day}&format=csv`).expect(200);
      const times = csv.text.split('\r\n').filter((line) => line.includes(`Changed around ${day}`)).map((line) => line.split(',')[0]);
      expect(times).toEqual([early, late]);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="evidence-UK-${day}-to-${day}.csv"`);
    });

    it('a date-time without a zone is UK time: 23:45 on the day is after the 23:30 change and before the next morning', async () => {
      expect(await statusOn(`${day}T23:45`)).toMatchObject({ status: 'R', overdue: false });
      expect(await statusOn(`${after}T00:45:00`)).toMatchObject({ status: 'G', overdue: true });
    });
  });

  it('the evidence pack prints its period in UK time as well', async () => {
    const html = (await get('/api/plans/UK/evidence?from=2014-06-15&to=2014-06-15').expect(200)).text;
    expect(html).toContain('Period: 2014-06-14T23:00:00.000Z to 2014-06-15T22:59:59.999Z (UK time: 2014-06-15 00:00:00.000 BST to 2014-06-15 23:59:59.999 BST).');
  });

  it('npm run replay --until a summer date replays to the end of that UK day', async () => {
    const { stdout } = await run(process.execPath, [CLI('replay'), '--plan', 'UK', '--until', '2014-06-15'], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir } });
    expect(stdout).toMatch(/as at 2014-06-15T22:59:59\.999Z, replayed from/);
    expect(stdout).toMatch(/SUMMER\s+R /);
    const refused = await run(process.execPath, [CLI('replay'), '--plan', 'UK', '--until', '2014-06'], { env: { ...process.env, RAG_LEDGER_DATA_DIR: t.dataDir } }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--until must be a date (2014-01-15)') });
  });

  describe('a measure that mixes academic years, quarters and months', () => {
    it('judges its latest period by the period order (2014-12 after 2014-Q3 after 2013/14), not by text', async () => {
      const measure = (await get(M).expect(200)).body;
      expect(measure).toMatchObject({ rag: 'R', explanation: '50% in 2014-12 against target 60%: Red', direction: 'worsening' });
      expect(measure.series.map((s: { period: string }) => s.period)).toEqual(['2013/14', '2014-Q3', '2014-12']);
      const board = (await get('/api/plans/UK/measures').expect(200)).body.measures;
      expect(board).toEqual([expect.objectContaining({ id: 'UK.M.mixed', period: '2014-12', value: 50, rag: 'R' })]);
    });
  });

  describe('every date parameter that is not a calendar date or a date-time is a 400 naming it', () => {
    const ROUTES: Array<[string, string]> = [
      ['/api/board', 'asOf'],
      ['/api/exceptions', 'asOf'],
      ['/api/plans/UK/board', 'asOf'],
      ['/api/actions/SUMMER', 'asOf'],
      ['/api/plans/UK/measures', 'asOf'],
      ['/api/measures/UK.M.mixed', 'asOf'],
      ['/api/measures/UK.M.mixed/chart.svg', 'asOf'],
      ['/api/plans/UK/changes', 'from'],
      ['/api/plans/UK/changes', 'to'],
      ['/api/plans/UK/evidence', 'from'],
      ['/api/plans/UK/evidence', 'to'],
      ['/api/audit', 'from'],
      ['/api/audit', 'to'],
    ];
    const BAD = ['2014-W03', '2014-W03-3', '2014-015', '20140115', '2014-01-15T10', '2014-01-15T10:00:00,5Z', '2014-01', '2014', '2014-02-30', '2014-01-15T25:00Z', 'yesterday', ''];

    it.each(ROUTES)('%s?%s=...', async (path, parameter) => {
      for (const value of BAD) {
        const res = await get(`${path}?${parameter}=${encodeURIComponent(value)}`);
        expect({ value, status: res.status }).toEqual({ value, status: 400 });
        expect(JSON.stringify(res.body.message)).toContain(`${parameter} must be a date (2014-01-15) or a date-time`);
      }
      const repeated = await get(`${path}?${parameter}=2014-01-15&${parameter}=2014-01-16`);
      expect(repeated.status).toBe(400);
      expect(JSON.stringify(repeated.body.message)).toContain(`${parameter} must be`);
      expect(JSON.stringify((await get(`${path}?${parameter}=2014-01`)).body.message)).toContain('a month or a year alone is not accepted');
      for (const good of ['2014-06-15', '2014-06-15T10:00:00Z', '2014-06-15T10:00:00.250+01:00', '2014-06-15T10:00']) {
        const res = await get(`${path}?${parameter}=${encodeURIComponent(good)}`);
        expect({ good, status: res.status }).toEqual({ good, status: 200 });
      }
    });
  });
});
