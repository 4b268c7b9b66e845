import { multipart, MULTIPART_TYPE } from '../support/evidence-app';
import { readLog, type LoggedEvent } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Milestones end to end, on the school-improvement plan's own words: set (with and without an
 * id), revised, assessed at a meeting; listed by date, as they stood, and by what is due; the
 * ones due and not assessed among the exceptions and on the plan board; the framework each
 * work-stream prints; evidence on a milestone. Each write is checked in the log.
 */
describe('milestones', () => {
  const clock = new TestClock(new Date('2013-09-02T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
  const otherOwner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' });
  const GOVERNORS = 'Every Chair of Governors and headteacher knows whether it is a school causing concern';
  let t: TestApp;
  let last = 0;

  const send = (path: string, body: object, token: string | undefined, headers: Record<string, string> = {}) => {
    const req = t.http().post(path).set(headers);
    return (token ? req.set(bearer(token)) : req).send(body);
  };
  const post = async (path: string, body: object, token: string = owner, status = 200, headers: Record<string, string> = {}) => {
    const res = await send(path, body, token, headers);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body.position) last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = board) => t.http().get(path + (path.includes('?') ? '&' : '?') + `minPosition=${last}`).set(bearer(token));
  const milestoneEvents = async (): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId.startsWith('milestone-'));
  /** The writes a refused request must not have made: the log's length before and after. */
  const refusedWithoutWriting = async (attempts: Array<() => Promise<unknown>>) => {
    const before = (await readLog(t.dataDir)).length;
    for (const attempt of attempts) await attempt();
    expect((await readLog(t.dataDir)).length).toBe(before);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', {
      id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner', lead: 'Chris Snudden',
      successCriteria: ['All Norfolk schools are good or outstanding'],
    }, admin, 201);
    await post('/api/plans/EDU/workstreams', {
      id: 'EDU.P2', title: 'Priority 2: hold schools to account', lead: 'Gordon Boyd',
      successCriteria: ['Every school causing concern knows it', 'Governors challenge their schools'],
      standards: ['Ofsted framework 2013'], assumptions: ['Schools engage with the local authority'], risks: ['Capacity of the school improvement team'],
    }, admin, 201);
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P3', title: 'Priority 3: leadership' }, admin, 201);
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }, admin, 201);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('setting', () => {
    it('sets a milestone without an id as <planId>.M1 (201, with milestoneId), refs cleaned, and the log records MilestoneSet with who and which request', async () => {
      clock.set('2013-09-02T10:00:00.000Z');
      const res = await post('/api/plans/EDU/milestones', { workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text: GOVERNORS, refs: [' 2 ', '2'] }, owner, 201, { 'X-Request-Id': 'req-m1' });
      expect(res.body).toEqual({ id: 'EDU.M1', milestoneId: 'EDU.M1', revision: 0, position: expect.any(Number) });
      const [event] = (await milestoneEvents()).filter((e) => e.streamId === 'milestone-EDU.M1');
      expect(event).toMatchObject({
        type: 'MilestoneSet',
        position: BigInt(res.body.position),
        data: { milestoneId: 'EDU.M1', planId: 'EDU', workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text: GOVERNORS, refs: ['2'] },
        metadata: { actor: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, correlationId: 'req-m1', at: '2013-09-02T10:00:00.000Z' },
      });
    });

    it('takes an id the council chose, and without one gives the next free number after the plan’s milestones', async () => {
      await post('/api/plans/EDU/milestones', { id: 'EDU.M3', date: '2014-03-31', text: 'The Board reviews progress against every priority', group: 'Board Review' }, owner, 201);
      // Two milestones: the next is M3, which is taken, so M4.
      const next = await post('/api/plans/EDU/milestones', { workstreamId: 'EDU.P3', date: '2013-10-31', dateText: 'Oct 2013', text: 'Every headteacher has a named adviser', refs: ['3'] }, owner, 201);
      expect(next.body).toMatchObject({ id: 'EDU.M4', milestoneId: 'EDU.M4' });
      const set = (await milestoneEvents()).filter((e) => e.type === 'MilestoneSet').map((e) => e.data);
      expect(set.find((d) => d.milestoneId === 'EDU.M3')).toEqual({ milestoneId: 'EDU.M3', planId: 'EDU', date: '2014-03-31', text: 'The Board reviews progress against every priority', refs: [], group: 'Board Review' });
    });

    it('answers a repeat under the same Idempotency-Key with the first milestone, writing nothing more', async () => {
      const body = { workstreamId: 'EDU.P2', date: '2013-12-31', dateText: 'Dec 2013', text: 'Governor training offered to every school' };
      const first = await post('/api/plans/EDU/milestones', body, admin, 201, { 'Idempotency-Key': 'governor-training' });
      expect(first.body.milestoneId).toBe('EDU.M5');
      const count = (await milestoneEvents()).length;
      const again = await post('/api/plans/EDU/milestones', body, admin, 201, { 'Idempotency-Key': 'governor-training' });
      expect(again.body).toEqual(first.body);
      expect((await milestoneEvents()).length).toBe(count);
      // The same key for another request is refused.
      await post('/api/plans/EDU/milestones', { ...body, text: 'Something else' }, admin, 422, { 'Idempotency-Key': 'governor-training' });
    });

    it('refuses bad input with 400, 404, 409 or 422, writing nothing', async () => {
      await refusedWithoutWriting([
        () => post('/api/plans/EDU/milestones', { date: 'Sept 2013', text: GOVERNORS }, owner, 400),
        () => post('/api/plans/EDU/milestones', { date: '2013-02-30', text: GOVERNORS }, owner, 400),
        () => post('/api/plans/EDU/milestones', { date: '2013-09-30', text: '   ' }, owner, 400),
        () => post('/api/plans/EDU/milestones', { date: '2013-09-30' }, owner, 400),
        () => post('/api/plans/EDU/milestones', { date: '2013-09-30', text: GOVERNORS, refs: 'EDU.P2' }, owner, 400),
        () => post('/api/plans/EDU/milestones', { date: '2013-09-30', text: GOVERNORS, colour: 'G' }, owner, 400),
        () => post('/api/plans/EDU/milestones', { workstreamId: 'EDU.P9', date: '2013-09-30', text: GOVERNORS }, owner, 422),
        () => post('/api/plans/EDU/milestones', { id: 'SIP.M9', date: '2013-09-30', text: GOVERNORS }, owner, 422),
        () => post('/api/plans/EDU/milestones', { id: 'EDU.M1', date: '2013-09-30', text: GOVERNORS }, owner, 409),
        () => post('/api/plans/NOPE/milestones', { date: '2013-09-30', text: GOVERNORS }, admin, 404),
      ]);
    });

    it('lets admins and the plan’s owners set milestones, nobody else (403; 401 without a token)', async () => {
      const body = { date: '2013-09-30', text: GOVERNORS };
      await refusedWithoutWriting([
        () => post('/api/plans/EDU/milestones', body, otherOwner, 403),
        () => post('/api/plans/EDU/milestones', body, board, 403),
        () => post('/api/plans/EDU/milestones', body, auditor, 403),
        async () => expect((await send('/api/plans/EDU/milestones', body, undefined)).status).toBe(401),
      ]);
      await post('/api/plans/SIP/milestones', { id: 'SIP.M1', date: '2013-10-01', text: 'The MASH is fully staffed' }, otherOwner, 201);
    });

    it('gives milestones set at the same time without an id a number each', async () => {
      const bodies = ['a', 'b', 'c'].map((x) => ({ date: '2014-07-31', text: `Locality ${x} has a multi-agency hub` }));
      const answers = await Promise.all(bodies.map((body) => send('/api/plans/SIP/milestones', body, otherOwner)));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(answers.map((r) => r.body.milestoneId).sort()).toEqual(['SIP.M2', 'SIP.M3', 'SIP.M4']);
      last = Math.max(last, ...answers.map((r) => r.body.position));
      const texts = (await milestoneEvents()).filter((e) => ['SIP.M2', 'SIP.M3', 'SIP.M4'].includes(e.data.milestoneId as string)).map((e) => e.data.text);
      expect(texts.sort()).toEqual(bodies.map((b) => b.text));
    });
  });

  describe('assessing and revising', () => {
    it('records an assessment by a board member (200) with its reason, and a later one in its place', async () => {
      clock.set('2013-10-17T10:00:00.000Z');
      const res = await post('/api/milestones/EDU.M1/assessment', { outcome: 'partly-met', reason: 'Two of the five chairs have not yet been told' }, board);
      expect(res.body).toEqual({ id: 'EDU.M1', revision: 1, position: expect.any(Number) });
      clock.set('2013-11-05T10:00:00.000Z');
      await post('/api/milestones/EDU.M1/assessment', { outcome: 'met', reason: 'All five chairs told by letter' }, owner);
      const assessed = (await milestoneEvents()).filter((e) => e.type === 'MilestoneAssessed');
      expect(assessed.map((e) => ({ data: e.data, actor: e.metadata.actor, at: e.metadata.at }))).toEqual([
        { data: { milestoneId: 'EDU.M1', planId: 'EDU', outcome: 'partly-met', reason: 'Two of the five chairs have not yet been told' }, actor: { id: 'chair', name: 'Independent Chair', role: 'board' }, at: '2013-10-17T10:00:00.000Z' },
        { data: { milestoneId: 'EDU.M1', planId: 'EDU', outcome: 'met', reason: 'All five chairs told by letter' }, actor: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, at: '2013-11-05T10:00:00.000Z' },
      ]);
      const milestone = await get('/api/milestones/EDU.M1').expect(200);
      expect(milestone.headers.etag).toBe('"2"');
      expect(milestone.body).toMatchObject({
        id: 'EDU.M1', revision: 2, due: true, unassessed: false,
        assessment: { outcome: 'met', reason: 'All five chairs told by letter', at: '2013-11-05T10:00:00.000Z', by: { id: 'cs', name: 'Chris Snudden', role: 'owner' } },
      });
    });

    it('revises only what changes, with the reason (200), and refuses a revision that changes nothing (422) or has no reason (400)', async () => {
      clock.set('2013-11-06T10:00:00.000Z');
      await post('/api/milestones/EDU.M4/revision', { date: '2013-11-15', dateText: 'Oct 2013', text: 'Every headteacher has a named adviser', reason: 'Advisers appointed late' }, owner);
      const [revised] = (await milestoneEvents()).filter((e) => e.type === 'MilestoneRevised');
      expect(revised.data).toEqual({ milestoneId: 'EDU.M4', planId: 'EDU', changes: { date: '2013-11-15' }, reason: 'Advisers appointed late' });
      expect(revised.metadata.actor).toEqual({ id: 'cs', name: 'Chris Snudden', role: 'owner' });
      await refusedWithoutWriting([
        () => post('/api/milestones/EDU.M4/revision', { date: '2013-11-15', reason: 'again' }, owner, 422),
        () => post('/api/milestones/EDU.M4/revision', { date: '2013-12-15' }, owner, 400),
        () => post('/api/milestones/EDU.M4/revision', { date: '2013-12-15', reason: ' ' }, owner, 400),
        () => post('/api/milestones/EDU.M4/revision', { workstreamId: 'EDU.P9', reason: 'move' }, owner, 422),
        () => post('/api/milestones/EDU.M9/revision', { date: '2013-12-15', reason: 'x' }, owner, 404),
      ]);
    });

    it('refuses a bad assessment (400, 404) and one made on a stale revision (If-Match: 409), writing nothing', async () => {
      await refusedWithoutWriting([
        () => post('/api/milestones/EDU.M4/assessment', { outcome: 'Met', reason: 'x' }, board, 400),
        () => post('/api/milestones/EDU.M4/assessment', { outcome: 'met' }, board, 400),
        () => post('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: '' }, board, 400),
        () => post('/api/milestones/EDU.M9/assessment', { outcome: 'met', reason: 'x' }, board, 404),
        async () => {
          const stale = await post('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: 'x' }, board, 409, { 'If-Match': '"0"' });
          expect(stale.body).toMatchObject({ error: 'RevisionMismatchError', currentRevision: 1 });
        },
      ]);
    });

    it('lets board members, admins and the plan’s owners assess, and only admins and owners revise', async () => {
      await refusedWithoutWriting([
        () => post('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: 'x' }, auditor, 403),
        () => post('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: 'x' }, otherOwner, 403),
        () => post('/api/milestones/EDU.M4/revision', { date: '2013-12-15', reason: 'x' }, board, 403),
        () => post('/api/milestones/EDU.M4/revision', { date: '2013-12-15', reason: 'x' }, otherOwner, 403),
        async () => expect((await send('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: 'x' }, undefined)).status).toBe(401),
        async () => expect((await send('/api/milestones/EDU.M4/revision', { date: '2013-12-15', reason: 'x' }, undefined)).status).toBe(401),
      ]);
      const forbidden = await post('/api/milestones/EDU.M4/assessment', { outcome: 'met', reason: 'x' }, otherOwner, 403);
      expect(forbidden.body.message).toBe('Only board members, administrators and owners of plan "EDU" may assess its milestones.');
      await post('/api/milestones/SIP.M1/assessment', { outcome: 'not-met', reason: 'Two posts vacant' }, admin);
      await post('/api/milestones/SIP.M1/revision', { date: '2013-12-31', reason: 'Recruitment moved to December' }, admin);
    });
  });

  describe('reading', () => {
    beforeAll(() => clock.set('2013-11-21T09:00:00.000Z'));

    it('lists the plan’s milestones by date then id, with whether each is due and due without an assessment', async () => {
      const list = (await get('/api/plans/EDU/milestones', owner).expect(200)).body;
      expect(list).toMatchObject({ asOf: '2013-11-21T09:00:00.000Z', planId: 'EDU' });
      expect(list.milestones.map((m: { id: string; date: string; due: boolean; unassessed: boolean }) => [m.id, m.date, m.due, m.unassessed])).toEqual([
        ['EDU.M1', '2013-09-30', true, false],
        ['EDU.M4', '2013-11-15', true, true],
        ['EDU.M5', '2013-12-31', false, false],
        ['EDU.M3', '2014-03-31', false, false],
      ]);
      expect(list.milestones[1]).toEqual({
        id: 'EDU.M4', planId: 'EDU', workstreamId: 'EDU.P3', date: '2013-11-15', dateText: 'Oct 2013', text: 'Every headteacher has a named adviser', refs: ['3'], group: null,
        assessment: null, due: true, unassessed: true, evidenceCount: 0, lastChangedAt: '2013-11-06T10:00:00.000Z',
      });
      expect(list.milestones[3]).toMatchObject({ id: 'EDU.M3', workstreamId: null, group: 'Board Review', refs: [] });
    });

    it('keeps, with due=before:<date>, the milestones whose date is before that day; any other due is 400 naming the form', async () => {
      const due = (await get('/api/plans/EDU/milestones?due=before:2013-11-15', auditor).expect(200)).body.milestones;
      expect(due.map((m: { id: string }) => m.id)).toEqual(['EDU.M1']);
      const later = (await get('/api/plans/EDU/milestones?due=before:2014-01-01').expect(200)).body.milestones;
      expect(later.map((m: { id: string }) => m.id)).toEqual(['EDU.M1', 'EDU.M4', 'EDU.M5']);
      for (const bad of ['2014-01-01', 'after:2014-01-01', 'before:2014-02-30', 'before:2014-1-1', 'before:', 'overdue']) {
        const res = await get(`/api/plans/EDU/milestones?due=${encodeURIComponent(bad)}`).expect(400);
        expect(JSON.stringify(res.body.message)).toContain('due must be before:YYYY-MM-DD');
      }
      await get('/api/plans/EDU/milestones?due=before:2014-01-01&due=before:2014-02-01').expect(400);
    });

    it('answers the list, and one milestone, as they stood (asOf, for board, auditors and admins only)', async () => {
      const october = (await get('/api/plans/EDU/milestones?asOf=2013-10-01').expect(200)).body;
      expect(october.asOf).toBe('2013-10-01T22:59:59.999Z');
      expect(october.milestones.map((m: { id: string; date: string; unassessed: boolean; assessment: unknown }) => [m.id, m.date, m.unassessed, m.assessment])).toEqual([
        ['EDU.M1', '2013-09-30', true, null],
        ['EDU.M4', '2013-10-31', false, null],
        ['EDU.M5', '2013-12-31', false, null],
        ['EDU.M3', '2014-03-31', false, null],
      ]);
      const m1 = (await get('/api/milestones/EDU.M1?asOf=2013-10-20', auditor).expect(200)).body;
      expect(m1.assessment).toMatchObject({ outcome: 'partly-met', by: { id: 'chair' } });
      // Before the plan had milestones, and before the plan itself.
      expect((await get('/api/plans/EDU/milestones?asOf=2013-09-02T09:30Z', admin).expect(200)).body.milestones).toEqual([]);
      await get('/api/milestones/EDU.M1?asOf=2013-09-02T09:30Z').expect(404);
      await get('/api/plans/EDU/milestones?asOf=2013-09-01').expect(404);
      await get('/api/plans/EDU/milestones?asOf=2013-10-01', owner).expect(403);
      await get('/api/milestones/EDU.M1?asOf=2013-10-01', owner).expect(403);
      await get('/api/plans/NOPE/milestones').expect(404);
      await get('/api/milestones/NOPE').expect(404);
      expect((await t.http().get('/api/plans/EDU/milestones')).status).toBe(401);
    });

    it('keeps the history of a milestone: who, when, what and why', async () => {
      const history = (await get('/api/milestones/EDU.M1/history').expect(200)).body;
      expect(history.map((h: { type: string; actor: { id: string }; reason: string | null }) => [h.type, h.actor.id, h.reason])).toEqual([
        ['MilestoneSet', 'cs', null],
        ['MilestoneAssessed', 'chair', 'Two of the five chairs have not yet been told'],
        ['MilestoneAssessed', 'cs', 'All five chairs told by letter'],
      ]);
      await get('/api/milestones/NOPE/history').expect(404);
    });
  });

  describe('on the boards', () => {
    it('lists the milestones due and not assessed among the exceptions, of one plan or all, as they stood too', async () => {
      const edu = (await get('/api/exceptions?planId=EDU').expect(200)).body;
      expect(edu.milestones.map((m: { id: string }) => m.id)).toEqual(['EDU.M4']);
      const all = (await get('/api/exceptions').expect(200)).body;
      // SIP.M1 is assessed (not met): an assessment answers it.
      expect(all.milestones.map((m: { id: string }) => m.id)).toEqual(['EDU.M4']);
      const october = (await get('/api/exceptions?asOf=2013-10-02').expect(200)).body;
      expect(october.milestones.map((m: { id: string; unassessed: boolean }) => [m.id, m.unassessed])).toEqual([
        ['EDU.M1', true],
        ['SIP.M1', true],
      ]);
      expect((await get('/api/exceptions?planId=SIP&asOf=2013-10-02').expect(200)).body.milestones.map((m: { id: string }) => m.id)).toEqual(['SIP.M1']);
    });

    it('shows on the plan board the plan’s and each work-stream’s framework, and the milestones due and not assessed of each work-stream', async () => {
      const plan = (await get('/api/plans/EDU/board', owner).expect(200)).body;
      expect(plan.plan.framework).toEqual({ lead: 'Chris Snudden', successCriteria: ['All Norfolk schools are good or outstanding'], standards: [], assumptions: [], risks: [] });
      expect(plan.workstreams.map((w: { id: string; framework: unknown; unassessedMilestones: number }) => [w.id, w.framework, w.unassessedMilestones])).toEqual([
        ['EDU.P2', {
          lead: 'Gordon Boyd', successCriteria: ['Every school causing concern knows it', 'Governors challenge their schools'],
          standards: ['Ofsted framework 2013'], assumptions: ['Schools engage with the local authority'], risks: ['Capacity of the school improvement team'],
        }, 0],
        ['EDU.P3', { lead: null, successCriteria: [], standards: [], assumptions: [], risks: [] }, 1],
      ]);
      const october = (await get('/api/plans/EDU/board?asOf=2013-10-02').expect(200)).body;
      expect(october.workstreams.map((w: { id: string; unassessedMilestones: number }) => [w.id, w.unassessedMilestones])).toEqual([['EDU.P2', 1], ['EDU.P3', 0]]);
      expect(october.workstreams[0].framework.lead).toBe('Gordon Boyd');
      // A framework is what the plan prints: lists of statements, a lead who is named.
      await refusedWithoutWriting([
        () => post('/api/plans', { id: 'X1', kind: 'other', title: 'x', successCriteria: 'Children are safe' }, admin, 400),
        () => post('/api/plans', { id: 'X1', kind: 'other', title: 'x', lead: '  ' }, admin, 400),
        () => post('/api/plans/EDU/workstreams', { id: 'EDU.P4', title: 'x', risks: ['ok', ' '] }, admin, 400),
      ]);
      // As it stood the moment the plan was created.
      const early = (await get('/api/plans/EDU/board?asOf=2013-09-02T09:00:00.000Z').expect(200)).body;
      expect(early.plan.framework.lead).toBe('Chris Snudden');
    });
  });

  describe('evidence', () => {
    const upload = (path: string, token: string, text: string) =>
      t.http().post(path).set(bearer(token)).set('Content-Type', MULTIPART_TYPE)
        .send(multipart([{ name: 'description', body: 'Letters to the chairs' }, { name: 'file', filename: 'letters.txt', body: text }]));

    it('attaches a document to a milestone for a board member (201), lists it and counts it on the milestone, filed under the plan', async () => {
      const res = await upload('/api/milestones/EDU.M1/evidence', board, 'Letters sent to the five chairs of governors, 4 November 2013.\n');
      expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
      last = Math.max(last, res.body.position);
      const [attached] = (await readLog(t.dataDir)).filter((e) => e.type === 'EvidenceAttached');
      expect(attached).toMatchObject({
        data: { documentId: res.body.documentId, planId: 'EDU', subject: { kind: 'milestone', milestoneId: 'EDU.M1' }, fileName: 'letters.txt', description: 'Letters to the chairs' },
        metadata: { actor: { id: 'chair', role: 'board' } },
      });
      const list = (await get('/api/milestones/EDU.M1/evidence').expect(200)).body;
      expect(list).toMatchObject({ subject: { kind: 'milestone', milestoneId: 'EDU.M1' }, documents: [{ documentId: res.body.documentId, subject: { kind: 'milestone', milestoneId: 'EDU.M1' } }] });
      expect((await get('/api/milestones/EDU.M1').expect(200)).body.evidenceCount).toBe(1);
      expect((await get('/api/plans/EDU/milestones').expect(200)).body.milestones.map((m: { evidenceCount: number }) => m.evidenceCount)).toEqual([1, 0, 0, 0]);
      // Before it was attached, the milestone held none.
      expect((await get('/api/milestones/EDU.M1?asOf=2013-11-01').expect(200)).body.evidenceCount).toBe(0);
      const history = (await get('/api/milestones/EDU.M1/history').expect(200)).body;
      expect(history.at(-1)).toMatchObject({ type: 'EvidenceAttached', reason: 'Letters to the chairs' });
      const audit = (await get('/api/audit?planId=EDU&type=EvidenceAttached').expect(200)).body.items;
      expect(audit.map((e: { eventId: string; data: { documentId: string } }) => e.data.documentId)).toEqual([res.body.documentId]);
    });

    it('refuses those who may not assess the milestone (403), an unknown milestone (404) and no token (401), writing nothing', async () => {
      await refusedWithoutWriting([
        async () => expect((await upload('/api/milestones/EDU.M1/evidence', auditor, 'x')).status).toBe(403),
        async () => expect((await upload('/api/milestones/EDU.M1/evidence', otherOwner, 'x')).status).toBe(403),
        async () => expect((await upload('/api/milestones/EDU.M9/evidence', admin, 'x')).status).toBe(404),
        async () => expect((await t.http().post('/api/milestones/EDU.M1/evidence').set('Content-Type', MULTIPART_TYPE).send(multipart([{ name: 'file', filename: 'x.txt', body: 'x' }]))).status).toBe(401),
      ]);
      await get('/api/milestones/EDU.M9/evidence').expect(404);
    });

    it('lets a board member withdraw a milestone’s document (who may assess may withdraw), not an owner of another plan', async () => {
      const res = await upload('/api/milestones/EDU.M4/evidence', board, 'Draft adviser list, superseded.\n');
      expect(res.status).toBe(201);
      await post(`/api/evidence/${res.body.documentId}/withdrawal`, { reason: 'A draft' }, otherOwner, 403);
      const withdrawn = await post(`/api/evidence/${res.body.documentId}/withdrawal`, { reason: 'A draft' }, board);
      expect(withdrawn.body).toMatchObject({ state: 'withdrawn', subject: { kind: 'milestone', milestoneId: 'EDU.M4' } });
      const [event] = (await readLog(t.dataDir)).filter((e) => e.type === 'EvidenceWithdrawn');
      expect(event).toMatchObject({ data: { documentId: res.body.documentId, planId: 'EDU', subject: { kind: 'milestone', milestoneId: 'EDU.M4' }, reason: 'A draft' }, metadata: { actor: { id: 'chair' } } });
      expect((await get('/api/milestones/EDU.M4').expect(200)).body.evidenceCount).toBe(0);
    });
  });

  describe('in the evidence pack', () => {
    it('prints the plan’s and each work-stream’s framework and the milestones with their assessment as at the end of the period', async () => {
      const html = (await get('/api/plans/EDU/evidence?format=html', auditor).expect(200)).text;
      const p2 = html.slice(html.indexOf('<h3>EDU.P2'), html.indexOf('<h3>EDU.P3'));
      expect(p2).toContain('<dt>What will success look like?</dt><dd><ul><li>Every school causing concern knows it</li><li>Governors challenge their schools</li></ul></dd>');
      expect(p2).toContain('<dt>Lead</dt><dd>Gordon Boyd</dd>');
      expect(p2).toContain('<dt>Risks</dt><dd><ul><li>Capacity of the school improvement team</li></ul></dd>');
      expect(p2).toContain(GOVERNORS);
      expect(p2).toContain('Met: All five chairs told by letter');
      expect(p2).toContain('Governor training offered to every school');
      expect(p2).not.toContain('Every headteacher has a named adviser');
      const p3 = html.slice(html.indexOf('<h3>EDU.P3'));
      expect(p3).toMatch(/Every headteacher has a named adviser<\/td><td>3<\/td><td><strong>Due, not assessed<\/strong>/);
      const planPart = html.slice(0, html.indexOf('<h3>EDU.P2'));
      expect(planPart).toContain('<dt>Lead</dt><dd>Chris Snudden</dd>');
      expect(planPart).toContain('The Board reviews progress against every priority<br><small>Board Review</small>');
      // As at an earlier end: the first assessment, which a later one replaced.
      const october = (await get('/api/plans/EDU/evidence?format=html&to=2013-10-31', auditor).expect(200)).text;
      expect(october).toContain('Partly met: Two of the five chairs have not yet been told');
      expect(october).not.toContain('All five chairs told by letter');
    });
  });
});
