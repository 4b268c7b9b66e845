import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/**
 * Idempotency-Key on every command, and ids that belong to their plan, through the API;
 * each test sets up its own plan and reads what the log holds afterwards.
 */
describe('Idempotency-Key and ids through the API', () => {
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const sipOwner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let t: TestApp;
  let n = 0;

  const post = (path: string, body: object, headers: Record<string, string> = {}, token = admin) =>
    t.http().post(path).set({ ...bearer(token), ...headers }).send(body);
  const log = () => readLog(t.dataDir);

  /** A plan of its own for each test, with one work-stream and two actions. */
  async function freshPlan(): Promise<{ planId: string; ws: string; a1: string; a2: string }> {
    const planId = `P${++n}`;
    await post('/api/plans', { id: planId, kind: 'strategic', title: `Plan ${planId}` }).expect(201);
    await post(`/api/plans/${planId}/workstreams`, { id: `${planId}.W`, title: 'Practice' }).expect(201);
    await post(`/api/plans/${planId}/actions`, { id: `${planId}.1`, workstreamId: `${planId}.W`, title: 'Audit', owners: ['AB'] }).expect(201);
    await post(`/api/plans/${planId}/actions`, { id: `${planId}.2`, workstreamId: `${planId}.W`, title: 'Train', owners: ['AB'] }).expect(201);
    await post(`/api/actions/${planId}.1/start`, {}).expect(200);
    await post(`/api/actions/${planId}.2/start`, {}).expect(200);
    return { planId, ws: `${planId}.W`, a1: `${planId}.1`, a2: `${planId}.2` };
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('adds one action for a repeated POST without an id, answering the first id both times', async () => {
    const { planId, ws } = await freshPlan();
    const body = { workstreamId: ws, title: 'Unnumbered row', owners: ['AB'] };
    const first = await post(`/api/plans/${planId}/actions`, body, { 'Idempotency-Key': 'add-1' }).expect(201);
    const before = await log();
    const again = await post(`/api/plans/${planId}/actions`, body, { 'Idempotency-Key': 'add-1' }).expect(201);
    expect(again.body).toEqual(first.body);
    const after = await log();
    expect(after).toHaveLength(before.length);
    const added = after.filter((e) => e.type === 'ActionAdded' && e.data.planId === planId && e.data.title === 'Unnumbered row');
    expect(added.map((e) => e.data.actionId)).toEqual([first.body.id]);
    // Without a key each POST is a new action, with a new id.
    const other = await post(`/api/plans/${planId}/actions`, body).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('answers an honest repeat with the first answer and writes nothing', async () => {
    const { a1 } = await freshPlan();
    const first = await post(`/api/actions/${a1}/notes`, { text: 'Audit booked' }, { 'Idempotency-Key': 'note-1' }).expect(200);
    const before = await log();
    const again = await post(`/api/actions/${a1}/notes`, { text: 'Audit booked' }, { 'Idempotency-Key': 'note-1' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await log()).toHaveLength(before.length);
  });

  it.each([
    ['another route', (a1: string) => [`/api/actions/${a1}/rag`, { rag: 'A', reason: 'Delayed' }]],
    ['another action', (_: string, a2: string) => [`/api/actions/${a2}/notes`, { text: 'Audit booked' }]],
    ['another body', (a1: string) => [`/api/actions/${a1}/notes`, { text: 'Audit moved to May' }]],
  ] as Array<[string, (a1: string, a2: string) => [string, object]]>)(
    'refuses with 422 a key reused by the same person for %s, writing nothing',
    async (_, second) => {
      const { planId, a1, a2 } = await freshPlan();
      const key = `reused-${planId}`;
      await post(`/api/actions/${a1}/notes`, { text: 'Audit booked' }, { 'Idempotency-Key': key }).expect(200);
      const before = await log();
      const [path, body] = second(a1, a2);
      const res = await post(path, body, { 'Idempotency-Key': key }).expect(422);
      expect(res.body.message).toMatch(/This Idempotency-Key was already used by you for a different request/);
      expect(await log()).toHaveLength(before.length);
    },
  );

  it('refuses an owner an action or measure id that carries another plan\'s prefix, writing nothing', async () => {
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' }).expect(201);
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' }).expect(201);
    await post('/api/plans', { id: 'SG', kind: 'safeguarding', title: 'Safeguarding plan' }).expect(201);
    const before = await log();
    const action = await post('/api/plans/SIP/actions', { id: 'SG.1.1.99', workstreamId: 'SIP.PS', title: 'Not mine to number', owners: ['AB'] }, {}, sipOwner).expect(422);
    expect(action.body).toMatchObject({ error: 'IdOfAnotherPlanError', message: expect.stringMatching(/"SG.1.1.99" belongs to plan SG/) });
    const measure = await post('/api/plans/SIP/measures', { id: 'SG.M.1', name: 'Re-referrals', unit: 'percent', polarity: 'lower', amberTolerance: 2 }, {}, sipOwner).expect(422);
    expect(measure.body.message).toMatch(/"SG.M.1" belongs to plan SG/);
    expect(await log()).toHaveLength(before.length);
    // The plan's own ids, and ids naming no plan, are fine.
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.9', workstreamId: 'SIP.PS', title: 'Mine', owners: ['AB'] }, {}, sipOwner).expect(201);
    await post('/api/plans/SIP/actions', { id: 'XYZ.1', workstreamId: 'SIP.PS', title: 'No plan XYZ', owners: ['AB'] }, {}, sipOwner).expect(201);
  });
});
