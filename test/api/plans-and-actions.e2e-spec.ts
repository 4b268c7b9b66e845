import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Every route of the core API against the real SQLite store in a temporary
 * directory: the happy paths, each error status, If-Match, Idempotency-Key,
 * read-your-writes, and what the boards and the audit trail then show.
 */
describe('plans and actions API', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let t: TestApp;
  let lastPosition = 0;

  const post = (path: string, body: object, token = admin) => t.http().post(path).set(bearer(token)).send(body);
  const get = (path: string, token = board) => t.http().get(path).set(bearer(token));
  const track = <T extends { body: { position?: number } }>(res: T) => {
    if (typeof res.body.position === 'number') lastPosition = Math.max(lastPosition, res.body.position);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    track(await post('/api/plans', { id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan", board: 'Improvement Board', version: '1.05', periodStart: '2013-10-01', periodEnd: '2015-09-30' }).expect(201));
    track(await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards', accountable: 'Tom Savory', responsible: 'Andrea Brown' }).expect(201));
    track(await post('/api/plans', { id: 'LAC', kind: 'lac', title: 'LAC Operational Improvement Plan' }).expect(201));
    track(await post('/api/plans/LAC/workstreams', { id: 'LAC.1', title: 'Corporate parenting' }).expect(201));
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('creating plans, work-streams and actions', () => {
    it('answers { id, revision, position } and shows the plan with its work-streams', async () => {
      const res = await get(`/api/plans/SIP?minPosition=${lastPosition}`).expect(200);
      expect(res.body).toMatchObject({
        id: 'SIP', kind: 'strategic', board: 'Improvement Board', version: '1.05', periodStart: '2013-10-01', periodEnd: '2015-09-30',
        workstreams: [{ id: 'SIP.PS', title: 'Practice Standards', accountable: 'Tom Savory', responsible: 'Andrea Brown' }],
      });
      const list = await get('/api/plans').expect(200);
      expect(list.body.map((p: { id: string }) => p.id)).toEqual(['SIP', 'LAC']);
    });

    it('adds an action as W, and generates an id when none is given', async () => {
      const res = track(await post('/api/plans/SIP/actions', {
        id: 'SIP.PS.1.1.1', ref: '1.1.1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB', 'AH'],
        enablingTeams: ['CPO'], targetDate: '2013-12-31', targetDateText: 'Dec 2013', measures: 'Journey mapped', links: ['EHIP'],
      }).expect(201));
      expect(res.body).toEqual({ id: 'SIP.PS.1.1.1', revision: 0, position: expect.any(Number) });

      const generated = track(await post('/api/plans/SIP/actions', { workstreamId: 'SIP.PS', title: 'Unnumbered row', owners: [] }).expect(201));
      expect(generated.body.id).toMatch(/^[0-9a-f-]{36}$/);

      const action = await get(`/api/actions/SIP.PS.1.1.1?minPosition=${lastPosition}`).expect(200);
      expect(action.headers.etag).toBe('"0"');
      expect(action.body).toMatchObject({
        id: 'SIP.PS.1.1.1', planId: 'SIP', workstreamId: 'SIP.PS', ref: '1.1.1', owners: ['AB', 'AH'], enablingTeams: ['CPO'],
        targetDate: '2013-12-31', targetDateText: 'Dec 2013', measures: 'Journey mapped', links: ['EHIP'], status: 'W', overdue: false, revision: 0,
      });
    });

    it('refuses a duplicate plan, work-stream or action id with 409', async () => {
      // Its own action, so that it passes alone (-t) as well as after the test above.
      track(await post('/api/plans/SIP/actions', { id: 'SIP.PS.DUP', workstreamId: 'SIP.PS', title: 'First', owners: ['AB'] }).expect(201));
      expect((await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Again' }).expect(409)).body.error).toBe('PlanAlreadyExistsError');
      expect((await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Again' }).expect(409)).body.error).toBe('WorkstreamAlreadyExistsError');
      const dup = await post('/api/plans/SIP/actions', { id: 'SIP.PS.DUP', workstreamId: 'SIP.PS', title: 'Again', owners: ['AB'] }).expect(409);
      expect(dup.body).toMatchObject({ statusCode: 409, error: 'ActionAlreadyExistsError', message: expect.stringContaining('SIP.PS.DUP') });
    });

    it('answers 404 for an unknown plan and 422 for a work-stream the plan does not have', async () => {
      await post('/api/plans/NOPE/workstreams', { id: 'X', title: 'X' }).expect(404);
      await post('/api/plans/NOPE/actions', { workstreamId: 'X', title: 'X', owners: ['AB'] }).expect(404);
      const res = await post('/api/plans/SIP/actions', { workstreamId: 'LAC.1', title: 'Wrong plan', owners: ['AB'] }).expect(422);
      expect(res.body.error).toBe('WorkstreamNotInPlanError');
      await get('/api/plans/NOPE').expect(404);
      await get('/api/plans/NOPE/board').expect(404);
      await get('/api/actions/NOPE').expect(404);
      await get('/api/actions/NOPE/history').expect(404);
      await get('/api/exceptions?planId=NOPE').expect(404);
    });

    it.each([
      ['an unknown property', '/api/plans', { id: 'X1', kind: 'other', title: 'T', colour: 'red' }, /property colour should not exist/],
      ['an unknown kind', '/api/plans', { id: 'X1', kind: 'county', title: 'T' }, /kind/],
      ['a missing title', '/api/plans', { id: 'X1', kind: 'other' }, /title/],
      ['a blank title', '/api/plans', { id: 'X1', kind: 'other', title: '   ' }, /title cannot be blank/],
      ['an id with a slash', '/api/plans', { id: 'a/b', kind: 'other', title: 'T' }, /id must be/],
      ['a date that is not in the calendar', '/api/plans', { id: 'X1', kind: 'other', title: 'T', periodStart: '2014-02-30' }, /periodStart must be a calendar date/],
      ['owners that are not a list', '/api/plans/SIP/actions', { workstreamId: 'SIP.PS', title: 'T', owners: 'AB' }, /owners/],
      ['a target date in the wrong format', '/api/plans/SIP/actions', { workstreamId: 'SIP.PS', title: 'T', owners: ['AB'], targetDate: '31/12/2013' }, /targetDate/],
      ['a title over 1,000 characters', '/api/plans/SIP/actions', { workstreamId: 'SIP.PS', title: 'x'.repeat(1001), owners: ['AB'] }, /title/],
    ])('refuses %s with 400 and a field message, writing nothing', async (_, path, body, message) => {
      const before = (await get('/api/audit?limit=500', admin)).body.items.length;
      const res = await post(path, body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect((await get('/api/audit?limit=500', admin)).body.items.length).toBe(before);
    });

    it('refuses malformed JSON with 400 and a body over 256 kB with 413', async () => {
      const bad = await t.http().post('/api/plans').set(bearer(admin)).set('Content-Type', 'application/json').send('{"id": "X2",').expect(400);
      expect(bad.body.message).toMatch(/malformed JSON/);
      const huge = await post('/api/plans', { id: 'X3', kind: 'other', title: 'x'.repeat(300_000) }).expect(413);
      expect(huge.body.message).toMatch(/over the limit/);
    });
  });

  describe('changing an action', () => {
    const id = 'SIP.PS.2.1';
    const steps: Array<[string, object, string]> = [
      ['start', { rag: 'G', note: 'Campaign launched' }, 'G'],
      ['rag', { rag: 'A', reason: 'Fewer applicants than planned' }, 'A'],
      ['notes', { text: 'Second advert placed' }, 'A'],
      ['target-date', { targetDate: '2014-06-30', reason: 'Agreed at the board of 12 December' }, 'A'],
      ['owners', { owners: ['AB', 'CM'], reason: 'CM leads recruitment now' }, 'A'],
      ['complete', { note: 'All posts filled' }, 'B'],
      ['reopen', { rag: 'R', reason: 'Two new starters left' }, 'R'],
      ['withdraw', { reason: 'Replaced by the workforce plan' }, 'withdrawn'],
    ];
    /** Each step's answer and the action's state after it. */
    const lifecycle: Array<{ route: string; status: number; body: Record<string, unknown>; state: Record<string, unknown>; expected: string }> = [];
    // The whole lifecycle runs here, not in the first test, so that every test of this group
    // (the history, the refusals on a withdrawn action) passes alone with -t.
    beforeAll(async () => {
      clock.set('2013-11-21T09:00:00.000Z');
      track(await post('/api/plans/SIP/actions', { id, ref: '2.1', workstreamId: 'SIP.PS', title: 'Recruit qualified social workers', owners: ['AB'], targetDate: '2014-03-31' }).expect(201));
      for (const [route, body, expected] of steps) {
        clock.set(new Date(clock.now().getTime() + 86_400_000).toISOString());
        const res = track(await post(`/api/actions/${id}/${route}`, body, owner));
        const state = res.status === 200 ? (await get(`/api/actions/${id}?minPosition=${res.body.position}`)).body : {};
        lifecycle.push({ route, status: res.status, body: res.body, state, expected });
      }
    });

    it('runs the whole lifecycle, each step answering the new revision, as a plan owner', async () => {
      expect(lifecycle.map((step) => step.route)).toEqual(steps.map(([route]) => route));
      lifecycle.forEach((step, i) => {
        expect({ route: step.route, status: step.status, body: step.body }).toEqual({ route: step.route, status: 200, body: { id, revision: i + 1, position: expect.any(Number) } });
        expect({ route: step.route, status: step.state.status, revision: step.state.revision }).toEqual({ route: step.route, status: step.expected, revision: i + 1 });
      });
      const state = (await get(`/api/actions/${id}?minPosition=${lastPosition}`)).body;
      expect(state).toMatchObject({ owners: ['AB', 'CM'], targetDate: '2014-06-30', lastChange: 'ActionWithdrawn', lastReason: 'Replaced by the workforce plan' });
    });

    it('keeps the history in order with who, when, what and why', async () => {
      const history = (await get(`/api/actions/${id}/history?minPosition=${lastPosition}`).expect(200)).body;
      expect(history.map((h: { type: string }) => h.type)).toEqual([
        'ActionAdded', 'ActionStarted', 'ActionRagChanged', 'ActionProgressNoted', 'ActionTargetDateRevised',
        'ActionOwnersReassigned', 'ActionCompleted', 'ActionReopened', 'ActionWithdrawn',
      ]);
      expect(history[2]).toEqual({
        position: expect.any(Number), revision: 2, type: 'ActionRagChanged', at: '2013-11-23T09:00:00.000Z',
        actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' },
        data: { actionId: id, planId: 'SIP', from: 'G', to: 'A', reason: 'Fewer applicants than planned' },
        reason: 'Fewer applicants than planned',
      });
      expect(history[0].actor).toEqual({ id: 'ada', name: 'Ada Admin', role: 'admin' });
      expect(history.map((h: { position: number }) => h.position)).toEqual([...history.map((h: { position: number }) => h.position)].sort((a, b) => a - b));
    });

    it('refuses every change to a withdrawn action with 422', async () => {
      const res = await post(`/api/actions/${id}/notes`, { text: 'Too late' }, owner).expect(422);
      expect(res.body).toEqual({ statusCode: 422, error: 'ActionWithdrawnError', message: expect.stringMatching(/withdrawn/) });
    });

    it.each([
      ['start', 'G', { rag: 'G' }, 'ActionAlreadyStartedError'],
      ['rag', 'W', { rag: 'A', reason: 'x' }, 'ActionNotInProgressError'],
      ['rag', 'G', { rag: 'G', reason: 'x' }, 'RagUnchangedError'],
      ['reopen', 'G', { rag: 'A', reason: 'x' }, 'ActionNotCompletedError'],
      ['complete', 'B', {}, 'ActionAlreadyCompletedError'],
      ['target-date', 'B', { targetDate: '2014-01-31', reason: 'x' }, 'TargetDateLockedError'],
    ])('answers 422 to %s on an action that is %s (%j): %s', async (route, from, body, error) => {
      const actionId = `SIP.PS.rule.${route}.${from}`;
      track(await post('/api/plans/SIP/actions', { id: actionId, workstreamId: 'SIP.PS', title: 'Rule check', owners: ['AB'] }).expect(201));
      if (from !== 'W') track(await post(`/api/actions/${actionId}/start`, {}).expect(200));
      if (from === 'B') track(await post(`/api/actions/${actionId}/complete`, {}).expect(200));
      const res = await post(`/api/actions/${actionId}/${route}`, body).expect(422);
      expect(res.body.error).toBe(error);
      expect((await get(`/api/actions/${actionId}?minPosition=${lastPosition}`)).body.status).toBe(from);
    });

    it('answers 400 to a RAG change without a reason and to an unknown colour, and 404 to an unknown action', async () => {
      await post('/api/actions/SIP.PS.1.1.1/rag', { rag: 'A' }).expect(400);
      await post('/api/actions/SIP.PS.1.1.1/rag', { rag: 'B', reason: 'done' }).expect(400);
      await post('/api/actions/SIP.PS.1.1.1/reopen', { reason: 'no colour' }).expect(400);
      await post('/api/actions/NOPE/start', {}).expect(404);
    });
  });

  describe('If-Match and Idempotency-Key', () => {
    const id = 'SIP.PS.3.1';
    beforeAll(async () => {
      track(await post('/api/plans/SIP/actions', { id, workstreamId: 'SIP.PS', title: 'Audit case files', owners: ['AB'] }).expect(201));
    });

    it('accepts a change at the revision the caller saw and answers 409 with the current revision otherwise', async () => {
      track(await post(`/api/actions/${id}/start`, {}).set('If-Match', '"0"').expect(200));
      const stale = await post(`/api/actions/${id}/rag`, { rag: 'R', reason: 'stale view' }).set('If-Match', '"0"').expect(409);
      expect(stale.body).toMatchObject({ error: 'RevisionMismatchError', currentRevision: 1 });
      expect(stale.body.message).toMatch(/Someone else has updated this/);
      track(await post(`/api/actions/${id}/rag`, { rag: 'R', reason: 'fresh view' }).set('If-Match', '"1"').expect(200));
      await post(`/api/actions/${id}/notes`, { text: 'x' }).set('If-Match', 'three').expect(400);
    });

    it('returns the first answer to a repeated Idempotency-Key and writes nothing more', async () => {
      const first = track(await post(`/api/actions/${id}/notes`, { text: 'Audit of 40 files done' }).set('Idempotency-Key', 'note-7f3a').expect(200));
      const again = await post(`/api/actions/${id}/notes`, { text: 'Audit of 40 files done' }).set('Idempotency-Key', 'note-7f3a').expect(200);
      expect(again.body).toEqual(first.body);
      const history = (await get(`/api/actions/${id}/history?minPosition=${first.body.position}`)).body;
      expect(history.filter((h: { type: string }) => h.type === 'ActionProgressNoted')).toHaveLength(1);
      const audit = (await get(`/api/audit?actionId=${id}&type=ActionProgressNoted`)).body.items;
      expect(audit).toHaveLength(1);

      // A repeat of a command that could not be decided twice (a second "complete") still gets the first answer.
      const done = track(await post(`/api/actions/${id}/complete`, {}).set('Idempotency-Key', 'complete-1').expect(200));
      expect((await post(`/api/actions/${id}/complete`, {}).set('Idempotency-Key', 'complete-1').expect(200)).body).toEqual(done.body);
      await post(`/api/actions/${id}/complete`, {}).set('Idempotency-Key', 'complete-2').expect(422);
    });
  });

  describe('boards, exceptions and the audit trail', () => {
    beforeAll(async () => {
      clock.set('2014-01-15T09:00:00.000Z');
      const add = async (id: string, targetDate: string | undefined, steps: Array<[string, object]>) => {
        track(await post('/api/plans/LAC/actions', { id, workstreamId: 'LAC.1', title: `Action ${id}`, owners: ['SC'], targetDate }).expect(201));
        for (const [route, body] of steps) track(await post(`/api/actions/${id}/${route}`, body).expect(200));
      };
      await add('LAC.red', '2014-06-30', [['start', { rag: 'R' }]]);
      await add('LAC.amber', '2014-06-30', [['start', { rag: 'A' }]]);
      await add('LAC.overdue-green', '2013-12-31', [['start', {}]]);
      await add('LAC.overdue-white', '2013-10-31', []);
      await add('LAC.done-late', '2013-10-31', [['complete', {}]]);
      await add('LAC.green', '2014-06-30', [['start', {}]]);
      await add('LAC.withdrawn', '2013-10-31', [['withdraw', { reason: 'Duplicate of LAC.green' }]]);
      // An exception in another plan, written by its owner: the all-plans exceptions list and the
      // audit trail's actor filter have something beyond LAC, whichever tests run.
      track(await post('/api/plans/SIP/actions', { id: 'SIP.PS.late', workstreamId: 'SIP.PS', title: 'Behind in another plan', owners: ['AB'] }).expect(201));
      track(await post('/api/actions/SIP.PS.late/start', { rag: 'R' }, owner).expect(200));
    });

    it('counts each plan on the Improvement Board, withdrawn actions apart', async () => {
      const res = await get(`/api/board?minPosition=${lastPosition}`).expect(200);
      const lac = res.body.plans.find((p: { id: string }) => p.id === 'LAC');
      expect(lac).toMatchObject({ counts: { W: 1, G: 2, A: 1, R: 1, B: 1 }, total: 6, overdue: 2, withdrawn: 1, exceptions: 4 });
    });

    it("shows a plan's board by work-stream with each action's row", async () => {
      const res = await get('/api/plans/LAC/board').expect(200);
      expect(res.body.plan.id).toBe('LAC');
      expect(res.body.counts).toEqual({ W: 1, G: 2, A: 1, R: 1, B: 1 });
      const [ws] = res.body.workstreams;
      expect(ws.id).toBe('LAC.1');
      expect(ws.actions).toHaveLength(7);
      expect(ws.actions.find((a: { id: string }) => a.id === 'LAC.overdue-green')).toEqual({
        id: 'LAC.overdue-green', ref: null, title: 'Action LAC.overdue-green', owners: ['SC'], ownerPeople: [{ initials: 'SC' }], targetDate: '2013-12-31',
        status: 'G', overdue: true, lastChangedAt: '2014-01-15T09:00:00.000Z', evidenceCount: 0, stepsDone: 0, stepsTotal: 0,
      });
    });

    it('lists exceptions worst first: Red, Amber, then overdue', async () => {
      const res = await get(`/api/exceptions?planId=LAC&minPosition=${lastPosition}`).expect(200);
      expect(res.body.actions.map((a: { id: string }) => a.id)).toEqual(['LAC.red', 'LAC.amber', 'LAC.overdue-white', 'LAC.overdue-green']);
      const all = await get('/api/exceptions').expect(200);
      expect(all.body.actions.length).toBeGreaterThan(res.body.actions.length);
    });

    it('filters and pages the audit trail', async () => {
      const byType = (await get(`/api/audit?planId=LAC&type=ActionStarted&minPosition=${lastPosition}`).expect(200)).body;
      expect(byType.items.map((i: { actionId: string }) => i.actionId)).toEqual(['LAC.red', 'LAC.amber', 'LAC.overdue-green', 'LAC.green']);
      expect(byType.items[0]).toMatchObject({ type: 'ActionStarted', planId: 'LAC', actor: { id: 'ada', role: 'admin' }, correlationId: expect.any(String) });

      const page1 = (await get('/api/audit?planId=LAC&limit=3').expect(200)).body;
      expect(page1.items).toHaveLength(3);
      const page2 = (await get(`/api/audit?planId=LAC&limit=3&cursor=${page1.nextCursor}`).expect(200)).body;
      expect(page2.items[0].position).toBeGreaterThan(page1.items[2].position);

      const byActor = (await get('/api/audit?actor=ab').expect(200)).body.items;
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor.every((i: { actor: { id: string } }) => i.actor.id === 'ab')).toBe(true);

      const inPeriod = (await get('/api/audit?planId=LAC&from=2014-01-15&to=2014-01-15').expect(200)).body.items;
      expect(inPeriod.length).toBeGreaterThan(0);
      expect((await get('/api/audit?planId=LAC&to=2014-01-14').expect(200)).body.items.filter((i: { type: string }) => i.type !== 'PlanCreated' && i.type !== 'WorkstreamAdded')).toEqual([]);
      await get('/api/audit?limit=0').expect(400);
      await get('/api/audit?from=yesterday').expect(400);
      await get('/api/audit?type=Nonsense').expect(400);
    });

    it('carries the request id as the correlation id of the events it wrote', async () => {
      const res = await post('/api/actions/LAC.green/notes', { text: 'Correlated' }).set('X-Request-Id', 'board-pack-42').expect(200);
      expect(res.headers['x-request-id']).toBe('board-pack-42');
      const [entry] = (await get(`/api/audit?actionId=LAC.green&type=ActionProgressNoted&minPosition=${res.body.position}`)).body.items;
      expect(entry.correlationId).toBe('board-pack-42');
      expect(entry.causationId).toEqual(expect.any(String));
    });
  });

  describe('read-your-writes', () => {
    it('waits for the position a command returned, and rejects a malformed one', async () => {
      const res = track(await post('/api/plans/SIP/actions', { id: 'SIP.PS.ryw', workstreamId: 'SIP.PS', title: 'Read your writes', owners: ['AB'] }).expect(201));
      const read = await get(`/api/actions/SIP.PS.ryw?minPosition=${res.body.position}`).expect(200);
      expect(read.body.id).toBe('SIP.PS.ryw');
      await get('/api/board?minPosition=-1').expect(400);
      await get('/api/board?minPosition=abc').expect(400);
    });

    it('answers 503 when the read models do not reach the position in time', async () => {
      const res = await get(`/api/board?minPosition=${lastPosition + 1000}`).expect(503);
      expect(res.body.message).toMatch(/not caught up/);
    }, 15_000);
  });

  describe('documentation and health', () => {
    it('serves OpenAPI with the bearer scheme, every route, status codes and examples', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const routes = [
        ['post', '/api/plans'], ['post', '/api/plans/{planId}/workstreams'], ['post', '/api/plans/{planId}/actions'],
        ['post', '/api/actions/{id}/start'], ['post', '/api/actions/{id}/rag'], ['post', '/api/actions/{id}/notes'],
        ['post', '/api/actions/{id}/target-date'], ['post', '/api/actions/{id}/owners'], ['post', '/api/actions/{id}/complete'],
        ['post', '/api/actions/{id}/reopen'], ['post', '/api/actions/{id}/withdraw'], ['get', '/api/board'], ['get', '/api/plans'],
        ['get', '/api/plans/{planId}'], ['get', '/api/plans/{planId}/board'], ['get', '/api/actions/{id}'],
        ['get', '/api/actions/{id}/history'], ['get', '/api/audit'], ['get', '/api/exceptions'], ['get', '/api/health'],
      ];
      for (const [method, path] of routes) {
        const op = doc.paths[path]?.[method];
        expect({ path, method, documented: Boolean(op) }).toEqual({ path, method, documented: true });
        if (path === '/api/health') continue;
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
        const success = op.responses['200'] ?? op.responses['201'];
        expect(success.content['application/json'].schema.example).toBeDefined();
      }
      expect(Object.keys(doc.paths['/api/actions/{id}/rag'].post.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
      expect(doc.components.schemas.ChangeRagDto.properties.reason.example).toBeDefined();
    });

    it('answers health without a token', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', reachable: true });
    });
  });
});
