import { formatStamp } from '@rag-ledger/event-store';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * Boards and their meetings end to end: a board set up over plans that exist, revised; meetings
 * scheduled (with the id made from the date, and a second that day needing one), rescheduled;
 * the pack issued once, its stamp read from the log at the moment of issue and checked against
 * it; the previous pack named by the next. Each write is checked in the log; refused writes
 * write nothing.
 */
describe('boards and meetings', () => {
  const clock = new TestClock(new Date('2013-11-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' });
  const school = tokenFor('school', { user: 'head', name: 'Head Teacher', schools: ['121212'] });
  let t: TestApp;
  let last = 0;

  const send = (path: string, body: object, token: string, headers: Record<string, string> = {}) => t.http().post(path).set(bearer(token)).set(headers).send(body);
  const post = async (path: string, body: object, token = chair, status = 201, headers: Record<string, string> = {}) => {
    const res = await send(path, body, token, headers);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (typeof res.body.position === 'number') last = Math.max(last, res.body.position, res.body.eventPosition ?? 0);
    return res;
  };
  const get = (path: string, token = chair) => t.http().get(path + (path.includes('?') ? '&' : '?') + `minPosition=${last}`).set(bearer(token));
  const log = () => readLog(t.dataDir);
  const eventsOf = async (prefix: string): Promise<LoggedEvent[]> => (await log()).filter((e) => e.streamId.startsWith(prefix));
  const refusedWithoutWriting = async (attempts: Array<() => Promise<unknown>>) => {
    const before = (await log()).length;
    for (const attempt of attempts) await attempt();
    expect((await log()).length).toBe(before);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }, admin);
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' }, admin);
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' }, admin);
    await post('/api/plans/SIP/measures', { id: 'SIP.M.1', name: 'Visits on time', unit: 'percent', polarity: 'higher', workstreamId: 'SIP.PS', amberTolerance: 3 }, admin);
    await post('/api/plans/EDU/measures', { id: 'EDU.M.1', name: 'Schools good or better', unit: 'percent', polarity: 'higher', amberTolerance: 2 }, admin);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('boards', () => {
    it('sets up a board (201, { id, revision, position }): BoardEstablished with the plans, members cleaned, kind improvement by default, who and which request', async () => {
      // A blank member is refused by validation, and nothing is written.
      await refusedWithoutWriting([async () => expect((await send('/api/boards', { id: 'CSIB', name: 'Board', planIds: ['SIP'], members: ['Independent Chair', ' '] }, chair)).status).toBe(400)]);
      const ok = await post('/api/boards', { id: 'CSIB', name: " Children's Services Improvement Board ", planIds: ['SIP', 'EDU', 'SIP'], members: ['Independent Chair', ' SS '] }, chair, 201, {
        'X-Request-Id': 'req-b1',
      });
      expect(ok.body).toEqual({ id: 'CSIB', revision: 0, position: expect.any(Number) });
      const [event] = await eventsOf('board-');
      expect(event).toMatchObject({
        streamId: 'board-CSIB',
        type: 'BoardEstablished',
        position: BigInt(ok.body.position),
        data: { boardId: 'CSIB', name: "Children's Services Improvement Board", kind: 'improvement', planIds: ['SIP', 'EDU'], members: ['Independent Chair', 'SS'] },
        metadata: { actor: { id: 'chair', name: 'Independent Chair', role: 'board' }, correlationId: 'req-b1', at: '2013-11-01T09:00:00.000Z' },
      });
      const board = (await get('/api/boards/CSIB').expect(200)).body;
      expect(board).toEqual({
        id: 'CSIB', name: "Children's Services Improvement Board", kind: 'improvement', planIds: ['SIP', 'EDU'], members: ['Independent Chair', 'SS'],
        establishedAt: '2013-11-01T09:00:00.000Z', nextMeeting: null, lastIssuedMeeting: null, revision: 0,
      });
      expect((await get('/api/boards', auditor).expect(200)).body).toEqual([expect.objectContaining({ id: 'CSIB', kind: 'improvement' })]);
    });

    it('refuses a board of plans that do not exist (422 naming them), one already set up (409), a bad kind (400), no plans (400), and writes nothing', async () => {
      await refusedWithoutWriting([
        async () => expect((await send('/api/boards', { id: 'X1', name: 'Panel', planIds: ['SIP', 'NOPE'] }, chair)).body).toMatchObject({ statusCode: 422, message: expect.stringContaining('"NOPE"') }),
        async () => expect((await send('/api/boards', { id: 'CSIB', name: 'Again', planIds: ['SIP'] }, chair)).status).toBe(409),
        async () => expect((await send('/api/boards', { id: 'X2', name: 'Panel', kind: 'cabinet', planIds: ['SIP'] }, chair)).body).toMatchObject({ statusCode: 400, message: [expect.stringContaining('kind must be one of improvement, plan, scrutiny')] }),
        async () => expect((await send('/api/boards', { id: 'X3', name: 'Panel', planIds: [] }, chair)).status).toBe(400),
        async () => expect((await send('/api/boards', { id: 'bad id', name: 'Panel', planIds: ['SIP'] }, chair)).status).toBe(400),
      ]);
    });

    it('revises a board with a reason, recording only what changed; nothing changed is 422; a plan owner may not set up a board (403)', async () => {
      await post('/api/boards', { id: 'OSP', name: 'Overview and Scrutiny', kind: 'scrutiny', planIds: ['EDU'] }, admin);
      const res = await post('/api/boards/OSP/revision', { name: 'Overview and Scrutiny Panel', kind: 'scrutiny', planIds: ['EDU', 'SIP'], reason: 'The panel now scrutinises the strategic plan too' });
      expect(res.body).toEqual({ id: 'OSP', revision: 1, position: expect.any(Number) });
      const revised = (await eventsOf('board-OSP')).pop();
      expect(revised).toMatchObject({ type: 'BoardRevised', data: { boardId: 'OSP', changes: { name: 'Overview and Scrutiny Panel', planIds: ['EDU', 'SIP'] }, reason: 'The panel now scrutinises the strategic plan too' } });
      expect(Object.keys(revised!.data.changes as object).sort()).toEqual(['name', 'planIds']);
      expect((await get('/api/boards/OSP').expect(200)).body).toMatchObject({ name: 'Overview and Scrutiny Panel', kind: 'scrutiny', planIds: ['EDU', 'SIP'], revision: 1 });
      await refusedWithoutWriting([
        async () => expect((await send('/api/boards/OSP/revision', { kind: 'scrutiny', reason: 'No change' }, chair)).status).toBe(422),
        async () => expect((await send('/api/boards/OSP/revision', { name: 'Renamed' }, chair)).status).toBe(400),
        async () => expect((await send('/api/boards/NOPE/revision', { name: 'Renamed', reason: 'r' }, chair)).status).toBe(404),
        async () => expect((await send('/api/boards', { id: 'MINE', name: 'My board', planIds: ['SIP'] }, owner)).status).toBe(403),
        async () => expect((await send('/api/boards/OSP/revision', { name: 'Renamed', reason: 'r' }, chair, { 'If-Match': '"0"' })).status).toBe(409),
      ]);
    });
  });

  describe('meetings', () => {
    it('schedules a meeting without an id as <boardId>-<date>: MeetingScheduled in its own stream naming the board', async () => {
      clock.set('2013-11-04T09:00:00.000Z');
      const res = await post('/api/boards/CSIB/meetings', { date: '2013-11-19', title: 'Improvement Board, November', papersDueOn: '2013-11-12' });
      expect(res.body).toEqual({ id: 'CSIB-2013-11-19', revision: 0, position: expect.any(Number) });
      const [event] = await eventsOf('meeting-CSIB-2013-11-19');
      expect(event).toMatchObject({ type: 'MeetingScheduled', data: { meetingId: 'CSIB-2013-11-19', boardId: 'CSIB', date: '2013-11-19', title: 'Improvement Board, November', papersDueOn: '2013-11-12' } });
      expect((await get('/api/meetings/CSIB-2013-11-19').expect(200)).body).toEqual({
        id: 'CSIB-2013-11-19', boardId: 'CSIB', date: '2013-11-19', title: 'Improvement Board, November', papersDueOn: '2013-11-12',
        scheduledAt: '2013-11-04T09:00:00.000Z', pack: null, reminders: [], boardActionIds: [], revision: 0,
      });
      expect((await get('/api/boards/CSIB').expect(200)).body.nextMeeting).toMatchObject({ id: 'CSIB-2013-11-19' });
    });

    it('a second meeting that day without an id is 409 saying to give one; with an id it is scheduled; meetings list by date', async () => {
      const taken = await send('/api/boards/CSIB/meetings', { date: '2013-11-19', title: 'Extraordinary meeting', papersDueOn: '2013-11-19' }, chair);
      expect(taken.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('give this meeting an id of its own') });
      await post('/api/boards/CSIB/meetings', { id: 'CSIB-2013-11-19-extra', date: '2013-11-19', title: 'Extraordinary meeting', papersDueOn: '2013-11-19' });
      await post('/api/boards/CSIB/meetings', { date: '2013-12-17', title: 'Improvement Board, December', papersDueOn: '2013-12-10' });
      const meetings = (await get('/api/boards/CSIB/meetings').expect(200)).body as Array<{ id: string }>;
      expect(meetings.map((m) => m.id)).toEqual(['CSIB-2013-11-19', 'CSIB-2013-11-19-extra', 'CSIB-2013-12-17']);
    });

    it('refuses papers due after the meeting (422), a date that is not a calendar day (400), an unknown board (404), an owner (403), and writes nothing', async () => {
      await refusedWithoutWriting([
        async () => expect((await send('/api/boards/CSIB/meetings', { date: '2014-01-21', title: 'January', papersDueOn: '2014-01-28' }, chair)).body).toMatchObject({ statusCode: 422, message: expect.stringContaining('after the meeting') }),
        async () => expect((await send('/api/boards/CSIB/meetings', { date: '2014-02-30', title: 'February', papersDueOn: '2014-02-20' }, chair)).status).toBe(400),
        async () => expect((await send('/api/boards/CSIB/meetings', { date: '2014-01-21', title: '  ', papersDueOn: '2014-01-14' }, chair)).status).toBe(400),
        async () => expect((await send('/api/boards/NOPE/meetings', { date: '2014-01-21', title: 'January', papersDueOn: '2014-01-14' }, chair)).status).toBe(404),
        async () => expect((await send('/api/boards/CSIB/meetings', { date: '2014-01-21', title: 'January', papersDueOn: '2014-01-14' }, owner)).status).toBe(403),
        async () => expect((await send('/api/meetings/CSIB-2013-12-17/rescheduling', { papersDueOn: '2013-12-18', reason: 'Late' }, chair)).status).toBe(422),
      ]);
    });

    it('reschedules with a reason, recording only what changed; a school cannot read boards or meetings', async () => {
      const res = await post('/api/meetings/CSIB-2013-12-17/rescheduling', { date: '2013-12-18', papersDueOn: '2013-12-10', reason: "The Chair's diary" });
      expect(res.body).toMatchObject({ id: 'CSIB-2013-12-17', revision: 1 });
      expect((await eventsOf('meeting-CSIB-2013-12-17')).pop()).toMatchObject({ type: 'MeetingRescheduled', data: { meetingId: 'CSIB-2013-12-17', boardId: 'CSIB', changes: { date: '2013-12-18' }, reason: "The Chair's diary" } });
      expect((await get('/api/meetings/CSIB-2013-12-17').expect(200)).body).toMatchObject({ date: '2013-12-18', papersDueOn: '2013-12-10' });
      for (const path of ['/api/boards', '/api/boards/CSIB', '/api/boards/CSIB/meetings', '/api/meetings/CSIB-2013-12-17']) await get(path, school).expect(403);
      await get('/api/meetings/NOPE').expect(404);
    });
  });

  describe('issuing a pack', () => {
    it("freezes the stamp read from the log at the moment of issue: the log's last position, its chain head, the board's plans and their measures; no previous pack the first time", async () => {
      clock.set('2013-11-12T16:00:00.000Z');
      const before = await log();
      const head = before[before.length - 1];
      const res = await post('/api/meetings/CSIB-2013-11-19/pack', {});
      expect(res.body).toEqual({
        id: 'CSIB-2013-11-19', meetingId: 'CSIB-2013-11-19', revision: 1,
        position: Number(head.position), head: (head.metadata as { hash?: string }).hash, issuedAt: '2013-11-12T16:00:00.000Z', eventPosition: Number(head.position) + 2,
      });
      const issued = (await eventsOf('meeting-CSIB-2013-11-19')).pop()!;
      // The log is sealed up to the stamp first (the seal's event comes next), then PackIssued.
      expect((await log()).find((e) => e.position === head.position + 1n)).toMatchObject({ type: 'LogSealed', data: { position: Number(head.position), hash: (head.metadata as { hash?: string }).hash, reason: 'pack' } });
      expect(issued).toMatchObject({ type: 'PackIssued', position: head.position + 2n, metadata: { actor: { id: 'chair' } } });
      expect(issued.data).toEqual({
        meetingId: 'CSIB-2013-11-19', boardId: 'CSIB', position: Number(head.position), head: (head.metadata as { hash?: string }).hash, issuedAt: '2013-11-12T16:00:00.000Z',
        planIds: ['SIP', 'EDU'], measureIds: ['SIP.M.1', 'EDU.M.1'], previous: null,
      });
      // The stamp checks against the log, as a printed pack's does.
      const stamp = formatStamp({ position: res.body.position, hash: res.body.head });
      expect((await get(`/api/audit/verify?expect=${stamp}`, auditor).expect(200)).body).toMatchObject({ ok: true, stamp: { position: res.body.position, holds: true } });
      const meeting = (await get('/api/meetings/CSIB-2013-11-19').expect(200)).body;
      expect(meeting.pack).toEqual({
        position: res.body.position, head: res.body.head, issuedAt: '2013-11-12T16:00:00.000Z', issuedBy: { id: 'chair', name: 'Independent Chair', role: 'board' },
        planIds: ['SIP', 'EDU'], measureIds: ['SIP.M.1', 'EDU.M.1'], previous: null,
      });
      expect((await get('/api/boards/CSIB').expect(200)).body.lastIssuedMeeting).toMatchObject({ id: 'CSIB-2013-11-19' });
    });

    it('a second issue is 409 and writes nothing; a repeat under the same Idempotency-Key answers the first stamp; an owner may not issue (403); an unknown meeting is 404', async () => {
      const first = (await get('/api/meetings/CSIB-2013-11-19').expect(200)).body.pack;
      await refusedWithoutWriting([
        async () => expect((await send('/api/meetings/CSIB-2013-11-19/pack', {}, chair)).body).toMatchObject({ statusCode: 409, message: expect.stringContaining('cannot be issued again') }),
        async () => expect((await send('/api/meetings/CSIB-2013-11-19/pack', {}, admin)).status).toBe(409),
        async () => expect((await send('/api/meetings/CSIB-2013-12-17/pack', {}, owner)).status).toBe(403),
        async () => expect((await send('/api/meetings/NOPE/pack', {}, chair)).status).toBe(404),
      ]);
      clock.set('2013-12-10T16:00:00.000Z');
      const once = await post('/api/meetings/CSIB-2013-12-17/pack', {}, chair, 201, { 'Idempotency-Key': 'issue-dec' });
      const again = await post('/api/meetings/CSIB-2013-12-17/pack', {}, chair, 201, { 'Idempotency-Key': 'issue-dec' });
      expect(again.body).toEqual(once.body);
      expect((await eventsOf('meeting-CSIB-2013-12-17')).filter((e) => e.type === 'PackIssued')).toHaveLength(1);
      expect((await get('/api/meetings/CSIB-2013-11-19').expect(200)).body.pack).toEqual(first);
    });

    it("names the board's previous issued pack, the next pack's changes starting after its position", async () => {
      const november = (await get('/api/meetings/CSIB-2013-11-19').expect(200)).body.pack;
      const december = (await eventsOf('meeting-CSIB-2013-12-17')).find((e) => e.type === 'PackIssued')!;
      expect(december.data.previous).toEqual({ meetingId: 'CSIB-2013-11-19', position: november.position, issuedAt: '2013-11-12T16:00:00.000Z' });
      // A board of its own has its own first pack.
      await post('/api/boards/OSP/meetings', { date: '2014-01-08', title: 'Scrutiny, January', papersDueOn: '2013-12-20' });
      const res = await post('/api/meetings/OSP-2014-01-08/pack', {}, admin);
      const osp = (await eventsOf('meeting-OSP-2014-01-08')).pop()!;
      expect(osp.data).toMatchObject({ boardId: 'OSP', planIds: ['EDU', 'SIP'], measureIds: ['EDU.M.1', 'SIP.M.1'], previous: null, position: res.body.position });
    });

    it('the audit trail shows who set up the board, rescheduled (with the reason) and issued which pack, with no plan', async () => {
      const issued = (await get('/api/audit?type=PackIssued', auditor).expect(200)).body.items as Array<Record<string, unknown>>;
      expect(issued.map((e) => [e.streamId, (e.actor as { id: string }).id, e.planId])).toEqual([
        ['meeting-CSIB-2013-11-19', 'chair', null],
        ['meeting-CSIB-2013-12-17', 'chair', null],
        ['meeting-OSP-2014-01-08', 'ada', null],
      ]);
      const moved = (await get('/api/audit?type=MeetingRescheduled', auditor).expect(200)).body.items;
      expect(moved).toEqual([expect.objectContaining({ type: 'MeetingRescheduled', reason: "The Chair's diary", planId: null })]);
      const established = (await get('/api/audit?type=BoardEstablished', auditor).expect(200)).body.items as Array<Record<string, unknown>>;
      expect(established.map((e) => e.streamId)).toEqual(['board-CSIB', 'board-OSP']);
    });
  });
});
