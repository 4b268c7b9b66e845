import { addPerson } from '../support/accounts';
import { readLog, type LoggedEvent } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * An action's steps through the API: POST /api/actions/:id/steps and .../steps/:stepId/complete,
 * reopen and revise, for every role; the events they append (read from the log) with actor,
 * correlation and idempotency key; the steps on GET /api/actions/:id, now and as of a date; and
 * "3 of 5 steps done" on the plan board, the exceptions and my actions.
 */
describe('action steps API', () => {
  const clock = new TestClock(new Date('2013-10-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'es', name: 'Ed Smith', plans: ['SIP'] });
  const otherOwner = tokenFor('owner', { user: 'lac-owner', name: 'LAC Owner', plans: ['LAC'] });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Auditor' });
  let t: TestApp;
  let last = 0;

  const post = (path: string, body: object, token: string | null = admin, headers: Record<string, string> = {}) => {
    const req = t.http().post(path).set(headers).send(body);
    return token ? req.set(bearer(token)) : req;
  };
  const get = async (path: string, token = board) => t.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`).set(bearer(token));
  const track = <T extends { status: number; body: { position?: number } }>(res: T) => {
    if (res.status < 300 && typeof res.body.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const later = (iso: string) => clock.set(iso);
  const eventsOf = async (actionId: string): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId === `action-${actionId}`);
  let n = 0;
  /** A fresh action of plan SIP (in progress unless W), with steps as given. */
  async function action(options: { status?: 'W' | 'G'; steps?: string[]; targetDate?: string } = {}): Promise<string> {
    const id = `SIP.P.${++n}`;
    track(await post('/api/plans/SIP/actions', { id, ref: String(n), workstreamId: 'SIP.P', title: `Action ${n}`, owners: ['ES'], targetDate: options.targetDate }).expect(201));
    if (options.status !== 'W') track(await post(`/api/actions/${id}/start`, {}).expect(200));
    for (const text of options.steps ?? []) track(await post(`/api/actions/${id}/steps`, { text }).expect(201));
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    track(await post('/api/plans', { id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan" }).expect(201));
    track(await post('/api/plans/SIP/workstreams', { id: 'SIP.P', title: 'Performance' }).expect(201));
    track(await post('/api/plans', { id: 'LAC', kind: 'lac', title: 'LAC Operational Improvement Plan' }).expect(201));
    track(await post('/api/plans/LAC/workstreams', { id: 'LAC.1', title: 'Corporate parenting' }).expect(201));
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('adding, completing, reopening and revising a step', () => {
    it('adds a step with its id, owners, teams and date as printed: 201 with the step id, one ActionStepAdded with actor and correlation', async () => {
      const id = await action();
      const res = track(await post(`/api/actions/${id}/steps`, {
        id: `${id}.trends`, text: 'Trends in areas of practice identified through the PCF exercise', owners: [' ES ', 'ES'], enablingTeams: ['Sandra Summerfield', 'Don Evans'],
        targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'due for completion end of October',
      }, owner, { 'X-Request-Id': 'req-add-step' }).expect(201));
      expect(res.body).toEqual({ id, revision: 2, position: expect.any(Number), stepId: `${id}.trends` });
      const [event] = (await eventsOf(id)).filter((e) => e.type === 'ActionStepAdded');
      expect(event.data).toEqual({
        actionId: id, planId: 'SIP', stepId: `${id}.trends`, text: 'Trends in areas of practice identified through the PCF exercise', owners: ['ES'],
        enablingTeams: ['Sandra Summerfield', 'Don Evans'], targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'due for completion end of October',
      });
      expect(event.metadata).toMatchObject({ actor: { id: 'es', name: 'Ed Smith', role: 'owner' }, correlationId: 'req-add-step', at: clock.now().toISOString() });
      expect(Number(event.position)).toBe(res.body.position);
    });

    it('names a step without an id <actionId>.s<n>', async () => {
      const id = await action({ steps: ['First'] });
      const res = track(await post(`/api/actions/${id}/steps`, { text: 'Second' }).expect(201));
      expect(res.body.stepId).toBe(`${id}.s2`);
      expect((await eventsOf(id)).filter((e) => e.type === 'ActionStepAdded').map((e) => e.data.stepId)).toEqual([`${id}.s1`, `${id}.s2`]);
    });

    it('completes, reopens and revises a step as an owner of the plan, each one event with its note or reason', async () => {
      const id = await action({ steps: ['Understand the split of need across the 7 divisions'] });
      const step = `${id}.s1`;
      const completed = track(await post(`/api/actions/${id}/steps/${step}/complete`, { note: 'Split agreed' }, owner, { 'X-Request-Id': 'req-complete' }).expect(200));
      expect(completed.body).toEqual({ id, revision: 3, position: expect.any(Number) });
      track(await post(`/api/actions/${id}/steps/${step}/reopen`, { reason: 'Two divisions redrawn' }, owner).expect(200));
      const revised = track(await post(`/api/actions/${id}/steps/${step}/revise`, { text: 'Understand the split of need across the 7 divisions', targetDate: '2014-01-31', targetDateText: 'Jan 14', reason: 'Agreed at the board' }, owner).expect(200));
      expect(revised.body.revision).toBe(5);
      const events = (await eventsOf(id)).slice(3);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['ActionStepCompleted', { actionId: id, planId: 'SIP', stepId: step, note: 'Split agreed' }],
        ['ActionStepReopened', { actionId: id, planId: 'SIP', stepId: step, reason: 'Two divisions redrawn' }],
        // Only what changes: the text was the same.
        ['ActionStepRevised', { actionId: id, planId: 'SIP', stepId: step, changes: { targetDate: '2014-01-31', targetDateText: 'Jan 14' }, reason: 'Agreed at the board' }],
      ]);
      expect(events[0].metadata).toMatchObject({ actor: { id: 'es', role: 'owner' }, correlationId: 'req-complete' });
      // The action's history lists the step events with their reasons.
      const history = (await get(`/api/actions/${id}/history`)).body as Array<{ type: string; reason: string | null }>;
      expect(history.slice(3).map((h) => [h.type, h.reason])).toEqual([['ActionStepCompleted', 'Split agreed'], ['ActionStepReopened', 'Two divisions redrawn'], ['ActionStepRevised', 'Agreed at the board']]);
    });

    it('completing the last open step leaves the action in progress; the page says all steps are done', async () => {
      const id = await action({ steps: ['One', 'Two'] });
      track(await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}).expect(200));
      track(await post(`/api/actions/${id}/steps/${id}.s2/complete`, {}).expect(200));
      expect((await eventsOf(id)).at(-1)?.type).toBe('ActionStepCompleted');
      const page = await get(`/api/actions/${id}`);
      expect(page.body).toMatchObject({ status: 'G', allStepsDone: true, stepsDone: 2, stepsTotal: 2 });
    });

    it('a completed action takes step changes; a withdrawn one refuses them with 422, writing nothing', async () => {
      const id = await action({ steps: ['One'] });
      track(await post(`/api/actions/${id}/complete`, {}).expect(200));
      track(await post(`/api/actions/${id}/steps`, { text: 'Recorded after completion' }).expect(201));
      track(await post(`/api/actions/${id}/withdraw`, { reason: 'Superseded' }).expect(200));
      const before = (await eventsOf(id)).length;
      for (const [path, body] of [
        ['steps', { text: 'Late' }],
        [`steps/${id}.s1/complete`, {}],
        [`steps/${id}.s1/revise`, { text: 'Other', reason: 'Why' }],
      ] as Array<[string, object]>) {
        const res = await post(`/api/actions/${id}/${path}`, body).expect(422);
        expect(res.body).toMatchObject({ error: 'ActionWithdrawnError', message: 'This action has been withdrawn and can no longer be changed.' });
      }
      expect(await eventsOf(id)).toHaveLength(before);
    });
  });

  describe('refusals', () => {
    it.each([
      ['blank text', 'steps', { text: '  ' }, /text cannot be blank/],
      ['no text', 'steps', {}, /text/],
      ['a date as printed in targetDate', 'steps', { text: 'T', targetDate: 'Oct 13' }, /targetDate must be a calendar date/],
      ['owners that are not a list', 'steps', { text: 'T', owners: 'ES' }, /owners/],
      ['an id with a slash', 'steps', { id: 'a/b', text: 'T' }, /id must be 1-64 letters/],
      ['an unknown property', 'steps', { text: 'T', status: 'done' }, /property status should not exist/],
      ['a reopening without a reason', 'steps/{s}/reopen', {}, /reason/],
      ['a revision without a reason', 'steps/{s}/revise', { text: 'New' }, /reason/],
      ['a revision with a bad date', 'steps/{s}/revise', { targetDate: '2014-02-30', reason: 'Why' }, /targetDate must be a calendar date/],
    ])('refuses %s with 400 and a field message, writing nothing', async (_, path, body, message) => {
      const id = await action({ steps: ['One'] });
      const before = (await eventsOf(id)).length;
      const res = await post(`/api/actions/${id}/${path.replace('{s}', `${id}.s1`)}`, body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(await eventsOf(id)).toHaveLength(before);
    });

    it('refuses a malformed step id in the path with 400, an unknown step or action with 404', async () => {
      const id = await action({ steps: ['One'] });
      expect((await post(`/api/actions/${id}/steps/bad%20id/complete`, {}).expect(400)).body.message).toEqual([expect.stringMatching(/^id must be/)]);
      const unknown = await post(`/api/actions/${id}/steps/${id}.s9/complete`, {}).expect(404);
      expect(unknown.body).toMatchObject({ error: 'StepNotFoundError', message: `Action "${id}" has no step "${id}.s9".` });
      await post(`/api/actions/${id}/steps/${id}.s9/reopen`, { reason: 'Why' }).expect(404);
      await post(`/api/actions/${id}/steps/${id}.s9/revise`, { text: 'X', reason: 'Why' }).expect(404);
      expect((await post('/api/actions/SIP.NOPE/steps', { text: 'T' }).expect(404)).body.error).toBe('ActionNotFoundError');
    });

    it('refuses what the rules forbid: a step id taken (409), completing a done step, reopening an open one, a revision that changes nothing (422)', async () => {
      const id = await action({ steps: ['One'] });
      expect((await post(`/api/actions/${id}/steps`, { id: `${id}.s1`, text: 'Again' }).expect(409)).body.error).toBe('StepAlreadyExistsError');
      expect((await post(`/api/actions/${id}/steps/${id}.s1/reopen`, { reason: 'Why' }).expect(422)).body.error).toBe('StepNotDoneError');
      expect((await post(`/api/actions/${id}/steps/${id}.s1/revise`, { text: 'One', reason: 'Why' }).expect(422)).body.message).toMatch(/Nothing would change/);
      track(await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}).expect(200));
      expect((await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}).expect(422)).body.message).toMatch(/already done/);
    });
  });

  describe('roles, If-Match and Idempotency-Key', () => {
    const routes: Array<[string, (id: string) => [string, object]]> = [
      ['add', (id) => [`/api/actions/${id}/steps`, { text: 'Matrix step' }]],
      ['complete', (id) => [`/api/actions/${id}/steps/${id}.s1/complete`, {}]],
      ['reopen', (id) => [`/api/actions/${id}/steps/${id}.s2/reopen`, { reason: 'Matrix' }]],
      ['revise', (id) => [`/api/actions/${id}/steps/${id}.s1/revise`, { text: 'Matrix text', reason: 'Matrix' }]],
    ];
    const callers: Array<[string, string | null, (route: string) => number]> = [
      ['an admin', admin, (route) => (route === 'add' ? 201 : 200)],
      ['an owner of the plan', owner, (route) => (route === 'add' ? 201 : 200)],
      ['an owner of another plan', otherOwner, () => 403],
      ['a board member', board, () => 403],
      ['an auditor', auditor, () => 403],
      ['nobody (no token)', null, () => 401],
    ];
    it.each(routes.flatMap(([route, of]) => callers.map(([who, token, status]) => [route, who, status(route), of, token] as const)))(
      '%s a step as %s -> %i, and only a success writes',
      async (_route, _who, status, of, token) => {
        const id = await action({ steps: ['One', 'Two'] });
        track(await post(`/api/actions/${id}/steps/${id}.s2/complete`, {}).expect(200));
        const before = (await eventsOf(id)).length;
        const [path, body] = of(id);
        const res = track(await post(path, body, token));
        expect(res.status).toBe(status);
        expect(await eventsOf(id)).toHaveLength(status < 300 ? before + 1 : before);
      },
    );

    it('refuses a stale If-Match with 409 and takes the current one', async () => {
      const id = await action({ steps: ['One'] });
      const stale = await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}, owner, { 'If-Match': '"1"' }).expect(409);
      expect(stale.body).toMatchObject({ error: 'RevisionMismatchError', currentRevision: 2 });
      track(await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}, owner, { 'If-Match': '"2"' }).expect(200));
      track(await post(`/api/actions/${id}/steps`, { text: 'Two' }, owner, { 'If-Match': '"3"' }).expect(201));
      await post(`/api/actions/${id}/steps`, { text: 'Three' }, owner, { 'If-Match': '"3"' }).expect(409);
    });

    it('answers a repeat under the same Idempotency-Key with the first answer, the same step id, writing nothing', async () => {
      const id = await action();
      const first = track(await post(`/api/actions/${id}/steps`, { text: 'Collate the information' }, owner, { 'Idempotency-Key': `step-${id}` }).expect(201));
      const before = await eventsOf(id);
      expect(before.at(-1)?.metadata).toMatchObject({ idempotencyKey: `step-${id}`, actor: { id: 'es' } });
      const again = await post(`/api/actions/${id}/steps`, { text: 'Collate the information' }, owner, { 'Idempotency-Key': `step-${id}` }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.body.stepId).toBe(`${id}.s1`);
      expect(await eventsOf(id)).toHaveLength(before.length);
      const complete = track(await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}, owner, { 'Idempotency-Key': `done-${id}` }).expect(200));
      expect((await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}, owner, { 'Idempotency-Key': `done-${id}` }).expect(200)).body).toEqual(complete.body);
      expect(await eventsOf(id)).toHaveLength(before.length + 1);
      // The same key for another request is refused.
      await post(`/api/actions/${id}/steps`, { text: 'Something else' }, owner, { 'Idempotency-Key': `step-${id}` }).expect(422);
    });
  });

  it('documents the step routes in the OpenAPI document, with their answers and examples', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const [path, success] of [
      ['/api/actions/{id}/steps', '201'],
      ['/api/actions/{id}/steps/{stepId}/complete', '200'],
      ['/api/actions/{id}/steps/{stepId}/reopen', '200'],
      ['/api/actions/{id}/steps/{stepId}/revise', '200'],
    ]) {
      const op = doc.paths[path]?.post;
      expect({ path, responses: Object.keys(op?.responses ?? {}) }).toEqual({ path, responses: expect.arrayContaining([success, '400', '401', '403', '404', '409', '422']) });
    }
    expect(doc.components.schemas.AddActionStepDto.properties.text.example).toBeDefined();
    expect(doc.components.schemas.ReviseActionStepDto.required).toEqual(['reason']);
  });

  describe('reading steps', () => {
    let id: string;
    beforeAll(async () => {
      later('2013-10-01T09:00:00.000Z');
      id = await action({ targetDate: '2013-11-30' });
      later('2013-10-02T09:00:00.000Z');
      track(await post(`/api/actions/${id}/steps`, { text: 'Trends identified', statusNote: 'complete' }).expect(201));
      track(await post(`/api/actions/${id}/steps`, { text: 'Assumptions understood', owners: ['ES'], targetDate: '2013-10-31', targetDateText: '31 Oct 13' }).expect(201));
      later('2013-10-10T09:00:00.000Z');
      track(await post(`/api/actions/${id}/steps/${id}.s1/complete`, {}).expect(200));
      later('2013-11-05T09:00:00.000Z');
      track(await post(`/api/actions/${id}/steps`, { text: 'Collate for the Workforce Plan', targetDate: '2013-11-30' }).expect(201));
      later('2013-12-02T09:00:00.000Z');
    });

    it('lists the steps on GET /api/actions/:id with their status, overdue judged on the UK day, and when each last changed', async () => {
      const res = await get(`/api/actions/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stepsDone: 1, stepsTotal: 3, allStepsDone: false, linkedTo: [], linkedFrom: [] });
      expect(res.body.steps).toEqual([
        { id: `${id}.s1`, text: 'Trends identified', owners: [], enablingTeams: [], targetDate: null, targetDateText: null, statusNote: 'complete', status: 'done', overdue: false, lastChangedAt: '2013-10-10T09:00:00.000Z' },
        { id: `${id}.s2`, text: 'Assumptions understood', owners: ['ES'], enablingTeams: [], targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: null, status: 'open', overdue: true, lastChangedAt: '2013-10-02T09:00:00.000Z' },
        { id: `${id}.s3`, text: 'Collate for the Workforce Plan', owners: [], enablingTeams: [], targetDate: '2013-11-30', targetDateText: null, statusNote: null, status: 'open', overdue: true, lastChangedAt: '2013-11-05T09:00:00.000Z' },
      ]);
    });

    it('answers the steps as they stood on a date (?asOf): those added by then, with their status then', async () => {
      const on = async (day: string) => (await get(`/api/actions/${id}?asOf=${day}`)).body;
      expect((await on('2013-10-01')).steps).toEqual([]);
      const oct5 = await on('2013-10-05');
      expect(oct5.steps.map((s: { id: string; status: string; overdue: boolean }) => [s.id, s.status, s.overdue])).toEqual([[`${id}.s1`, 'open', false], [`${id}.s2`, 'open', false]]);
      expect(oct5).toMatchObject({ stepsDone: 0, stepsTotal: 2 });
      const nov1 = await on('2013-11-01');
      expect(nov1.steps.map((s: { id: string; status: string; overdue: boolean }) => [s.id, s.status, s.overdue])).toEqual([[`${id}.s1`, 'done', false], [`${id}.s2`, 'open', true]]);
      expect(nov1).toMatchObject({ stepsDone: 1, stepsTotal: 2 });
    });

    it('carries stepsDone/stepsTotal on the plan board rows (now and as of), the exceptions and my actions', async () => {
      const rowOf = (body: { workstreams: Array<{ actions: Array<{ id: string }> }> }) => body.workstreams.flatMap((w) => w.actions).find((a) => a.id === id);
      expect(rowOf((await get('/api/plans/SIP/board')).body)).toMatchObject({ stepsDone: 1, stepsTotal: 3 });
      expect(rowOf((await get('/api/plans/SIP/board?asOf=2013-10-05')).body)).toMatchObject({ stepsDone: 0, stepsTotal: 2 });
      expect(rowOf((await get('/api/plans/SIP/board?asOf=2013-10-10')).body)).toMatchObject({ stepsDone: 1, stepsTotal: 2 });
      // Overdue since 1 December: an exception.
      const exceptions = (await get('/api/exceptions?planId=SIP')).body.actions as Array<{ id: string }>;
      expect(exceptions.find((a) => a.id === id)).toMatchObject({ overdue: true, stepsDone: 1, stepsTotal: 3 });
      const asOf = (await get('/api/exceptions?planId=SIP&asOf=2013-12-01')).body.actions as Array<{ id: string }>;
      expect(asOf.find((a) => a.id === id)).toMatchObject({ stepsDone: 1, stepsTotal: 3 });
      // ES, in the directory, sees the action among theirs.
      await addPerson(t, { id: 'es', name: 'Ed Smith', initials: 'ES', email: 'ed.smith@norfolk.gov.uk', rights: [{ role: 'owner', planId: 'SIP' }] });
      // An action added after the person: reading at its position reads the directory with them in it.
      await action();
      const mine = (await get('/api/me/actions', owner)).body.actions as Array<{ id: string }>;
      expect(mine.find((a) => a.id === id)).toMatchObject({ stepsDone: 1, stepsTotal: 3 });
    });
  });
});
