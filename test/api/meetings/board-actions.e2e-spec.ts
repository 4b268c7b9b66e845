import { multipart, MULTIPART_TYPE } from '../../support/evidence-app';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * The board's own action log through its life: agreed at a meeting (with and without an id),
 * answered by its owner, closed; listed open first and overdue before the rest, by state, and as
 * it stood; refused writes change nothing. Each write is checked in the log.
 */
describe("the board's action log", () => {
  const clock = new TestClock(new Date('2014-01-21T11:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'ss', name: 'Sheila Smith', plans: ['SIP'] });
  const officer = tokenFor('officer', { user: 'off', name: 'Oliver Officer' });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' });
  const school = tokenFor('school', { user: 'head', name: 'Head Teacher', schools: ['121212'] });
  const AGREED = 'It was agreed that the accurate figure would be circulated with the minutes';
  let t: TestApp;
  let last = 0;

  const send = (path: string, body: object, token: string, headers: Record<string, string> = {}) => t.http().post(path).set(bearer(token)).set(headers).send(body);
  const post = async (path: string, body: object, token = chair, status = 201, headers: Record<string, string> = {}) => {
    const res = await send(path, body, token, headers);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (typeof res.body.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = chair) => t.http().get(path + (path.includes('?') ? '&' : '?') + `minPosition=${last}`).set(bearer(token));
  const log = () => readLog(t.dataDir);
  const eventsOf = async (streamId: string): Promise<LoggedEvent[]> => (await log()).filter((e) => e.streamId === streamId);
  const refusedWithoutWriting = async (attempts: Array<() => Promise<unknown>>) => {
    const before = (await log()).length;
    for (const attempt of attempts) await attempt();
    expect((await log()).length).toBe(before);
  };
  const agree = (body: object, meetingId = 'CSIB-2014-01-21', token = chair) =>
    post(`/api/meetings/${meetingId}/board-actions`, { agendaItem: '4. Performance report', text: AGREED, owner: 'SS', dueOn: '2014-02-18', ...body }, token);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }, admin);
    await post('/api/boards', { id: 'CSIB', name: 'Improvement Board', planIds: ['SIP'] }, admin);
    await post('/api/boards/CSIB/meetings', { date: '2014-01-21', title: 'Improvement Board, January', papersDueOn: '2014-01-14' }, admin);
    await post('/api/boards/CSIB/meetings', { date: '2014-02-18', title: 'Improvement Board, February', papersDueOn: '2014-02-11' }, admin);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('agrees an action without an id as <meetingId>.<n>: BoardActionAgreed naming the meeting and the board, who and when', async () => {
    const res = await agree({}, 'CSIB-2014-01-21', chair);
    expect(res.body).toEqual({ id: 'CSIB-2014-01-21.1', revision: 0, position: expect.any(Number) });
    const [event] = await eventsOf('boardaction-CSIB-2014-01-21.1');
    expect(event).toMatchObject({
      type: 'BoardActionAgreed',
      data: { boardActionId: 'CSIB-2014-01-21.1', meetingId: 'CSIB-2014-01-21', boardId: 'CSIB', agendaItem: '4. Performance report', text: AGREED, owner: 'SS', dueOn: '2014-02-18' },
      metadata: { actor: { id: 'chair', name: 'Independent Chair', role: 'board' }, at: '2014-01-21T11:00:00.000Z' },
    });
    expect((await get('/api/board-actions/CSIB-2014-01-21.1', owner).expect(200)).body).toEqual({
      id: 'CSIB-2014-01-21.1', boardId: 'CSIB', meetingId: 'CSIB-2014-01-21', agendaItem: '4. Performance report', text: AGREED, owner: 'SS', dueOn: '2014-02-18',
      state: 'open', overdue: false, agreedAt: '2014-01-21T11:00:00.000Z', agreedBy: { id: 'chair', name: 'Independent Chair', role: 'board' },
      responses: [], closure: null, evidenceCount: 0, revision: 0,
    });
  });

  it('takes an id given, and without one the next free number after the meeting’s actions (as milestones number); the meeting lists the actions it agreed', async () => {
    await agree({ id: 'CSIB-2014-01-21.3', agendaItem: '5. Any other business', text: 'Invite the LSCB chair', owner: 'CM', dueOn: '2014-01-31' });
    const next = await agree({ agendaItem: '6. Risks', text: 'Report the social work vacancies', owner: 'SS', dueOn: '2014-03-18' });
    expect(next.body.id).toBe('CSIB-2014-01-21.4');
    const after = await agree({ agendaItem: '6. Risks', text: 'Agency staff costs', owner: 'AB', dueOn: '2014-02-28' });
    expect(after.body.id).toBe('CSIB-2014-01-21.5');
    expect((await get('/api/meetings/CSIB-2014-01-21').expect(200)).body.boardActionIds).toEqual(['CSIB-2014-01-21.1', 'CSIB-2014-01-21.3', 'CSIB-2014-01-21.4', 'CSIB-2014-01-21.5']);
  });

  it('refuses an unknown meeting (404), a blank field or a bad day (400), an id taken (409), an owner agreeing (403), and writes nothing', async () => {
    await refusedWithoutWriting([
      async () => expect((await send('/api/meetings/NOPE/board-actions', { agendaItem: '1', text: 'x', owner: 'SS', dueOn: '2014-02-18' }, chair)).status).toBe(404),
      async () => expect((await send('/api/meetings/CSIB-2014-01-21/board-actions', { agendaItem: ' ', text: 'x', owner: 'SS', dueOn: '2014-02-18' }, chair)).status).toBe(400),
      async () => expect((await send('/api/meetings/CSIB-2014-01-21/board-actions', { agendaItem: '1', text: 'x', owner: 'SS', dueOn: '2014-02-30' }, chair)).status).toBe(400),
      async () => expect((await send('/api/meetings/CSIB-2014-01-21/board-actions', { agendaItem: '1', text: 'x', owner: 'SS' }, chair)).status).toBe(400),
      async () => expect((await send('/api/meetings/CSIB-2014-01-21/board-actions', { id: 'CSIB-2014-01-21.1', agendaItem: '1', text: 'x', owner: 'SS', dueOn: '2014-02-18' }, chair)).status).toBe(409),
      async () => expect((await send('/api/meetings/CSIB-2014-01-21/board-actions', { agendaItem: '1', text: 'x', owner: 'SS', dueOn: '2014-02-18' }, owner)).status).toBe(403),
    ]);
  });

  it('records responses by an owner or an officer, then the closure with its reason; a closed action takes neither again (409)', async () => {
    clock.set('2014-01-24T10:00:00.000Z');
    const answered = await post('/api/board-actions/CSIB-2014-01-21.1/responses', { text: 'Circulated with the minutes on 24 January' }, owner);
    expect(answered.body).toEqual({ id: 'CSIB-2014-01-21.1', revision: 1, position: expect.any(Number) });
    clock.set('2014-02-03T10:00:00.000Z');
    await post('/api/board-actions/CSIB-2014-01-21.1/responses', { text: 'The corrected figure is 71%' }, officer);
    clock.set('2014-02-18T12:00:00.000Z');
    await post('/api/board-actions/CSIB-2014-01-21.1/closure', { reason: 'The board accepted the response' }, chair, 201, { 'If-Match': '"2"' });
    expect((await eventsOf('boardaction-CSIB-2014-01-21.1')).map((e) => [e.type, e.data.text ?? e.data.reason, e.metadata.actor.id])).toEqual([
      ['BoardActionAgreed', AGREED, 'chair'],
      ['BoardActionResponded', 'Circulated with the minutes on 24 January', 'ss'],
      ['BoardActionResponded', 'The corrected figure is 71%', 'off'],
      ['BoardActionClosed', 'The board accepted the response', 'chair'],
    ]);
    const action = (await get('/api/board-actions/CSIB-2014-01-21.1').expect(200)).body;
    expect(action).toMatchObject({
      state: 'closed', overdue: false, revision: 3,
      responses: [
        { text: 'Circulated with the minutes on 24 January', at: '2014-01-24T10:00:00.000Z', by: { id: 'ss', name: 'Sheila Smith', role: 'owner' } },
        { text: 'The corrected figure is 71%', at: '2014-02-03T10:00:00.000Z', by: { id: 'off', name: 'Oliver Officer', role: 'officer' } },
      ],
      closure: { reason: 'The board accepted the response', at: '2014-02-18T12:00:00.000Z', by: { id: 'chair', name: 'Independent Chair', role: 'board' } },
    });
    await refusedWithoutWriting([
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.1/responses', { text: 'Late news' }, owner)).body).toMatchObject({ statusCode: 409, message: expect.stringContaining('is closed') }),
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.1/closure', { reason: 'Again' }, chair)).status).toBe(409),
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.4/responses', { text: ' ' }, owner)).status).toBe(400),
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.4/closure', {}, owner)).status).toBe(400),
      async () => expect((await send('/api/board-actions/NOPE/responses', { text: 'x' }, owner)).status).toBe(404),
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.4/responses', { text: 'x' }, auditor)).status).toBe(403),
      async () => expect((await send('/api/board-actions/CSIB-2014-01-21.4/closure', { reason: 'x' }, chair, { 'If-Match': '"5"' })).status).toBe(409),
    ]);
  });

  it("lists the board's log open first, overdue before the rest (judged on today's UK day), then the closed; by state; and as it stood", async () => {
    // 18 February: .3 (due 31 January) is overdue; .5 (due 28 February) and .4 (due 18 March) are not; .1 is closed.
    const list = (await get('/api/boards/CSIB/board-actions').expect(200)).body as Array<{ id: string; state: string; overdue: boolean }>;
    expect(list.map((a) => [a.id, a.state, a.overdue])).toEqual([
      ['CSIB-2014-01-21.3', 'open', true],
      ['CSIB-2014-01-21.5', 'open', false],
      ['CSIB-2014-01-21.4', 'open', false],
      ['CSIB-2014-01-21.1', 'closed', false],
    ]);
    expect(((await get('/api/boards/CSIB/board-actions?state=closed').expect(200)).body as Array<{ id: string }>).map((a) => a.id)).toEqual(['CSIB-2014-01-21.1']);
    expect(((await get('/api/boards/CSIB/board-actions?state=open').expect(200)).body as Array<{ id: string }>)).toHaveLength(3);
    // As it stood at the end of 30 January: .1 open with one response, none overdue yet (.3 is due on the 31st).
    const then = (await get('/api/boards/CSIB/board-actions?asOf=2014-01-30').expect(200)).body as Array<{ id: string; state: string; overdue: boolean; responses: unknown[] }>;
    expect(then.find((a) => a.id === 'CSIB-2014-01-21.1')).toMatchObject({ state: 'open', overdue: false, responses: [expect.objectContaining({ text: 'Circulated with the minutes on 24 January' })] });
    expect(then.every((a) => !a.overdue)).toBe(true);
    expect((await get('/api/board-actions/CSIB-2014-01-21.1?asOf=2014-01-23').expect(200)).body).toMatchObject({ state: 'open', responses: [] });
    await get('/api/board-actions/CSIB-2014-01-21.1?asOf=2014-01-23', owner).expect(403);
    await get('/api/boards/CSIB/board-actions?state=done').expect(400);
    await get('/api/boards/NOPE/board-actions').expect(404);
    await get('/api/boards/CSIB/board-actions', school).expect(403);
    await get('/api/board-actions/CSIB-2014-01-21.1', school).expect(403);
  });

  it("attaches evidence to a board action (an owner, 201) naming no plan: listed and counted on the action, never in a plan's evidence or trail", async () => {
    const upload = (path: string, token: string) =>
      t.http().post(path).set(bearer(token)).set('Content-Type', MULTIPART_TYPE)
        .send(multipart([{ name: 'description', body: 'The corrected figure' }, { name: 'file', filename: 'figure.txt', body: 'Visits on time in December: 71%.\n' }]));
    const res = await upload('/api/board-actions/CSIB-2014-01-21.4/evidence', owner);
    expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
    last = Math.max(last, res.body.position);
    const attached = (await log()).filter((e) => e.type === 'EvidenceAttached');
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({
      data: { documentId: res.body.documentId, planId: null, subject: { kind: 'boardAction', boardActionId: 'CSIB-2014-01-21.4' }, fileName: 'figure.txt', description: 'The corrected figure' },
      metadata: { actor: { id: 'ss', role: 'owner' } },
    });
    const list = (await get('/api/board-actions/CSIB-2014-01-21.4/evidence').expect(200)).body;
    expect(list).toMatchObject({ subject: { kind: 'boardAction', boardActionId: 'CSIB-2014-01-21.4' }, documents: [{ documentId: res.body.documentId, planId: null }] });
    expect((await get('/api/board-actions/CSIB-2014-01-21.4').expect(200)).body.evidenceCount).toBe(1);
    const actionLog = (await get('/api/boards/CSIB/board-actions').expect(200)).body as Array<{ id: string; evidenceCount: number }>;
    expect(actionLog.map((a) => [a.id, a.evidenceCount])).toEqual([['CSIB-2014-01-21.3', 0], ['CSIB-2014-01-21.5', 0], ['CSIB-2014-01-21.4', 1], ['CSIB-2014-01-21.1', 0]]);
    expect((await get('/api/board-actions/CSIB-2014-01-21.4?asOf=2014-02-01').expect(200)).body.evidenceCount).toBe(0);
    expect(((await get('/api/board-actions/CSIB-2014-01-21.4/evidence?include=all', auditor).expect(200)).body.documents as unknown[])).toHaveLength(1);
    // It is the board's, not a plan's: the plan's evidence pack and trail do not hold it.
    const pack = (await get('/api/plans/SIP/evidence', auditor).expect(200)).body;
    expect(JSON.stringify(pack)).not.toContain(res.body.documentId);
    expect((await get('/api/audit?planId=SIP&type=EvidenceAttached', auditor).expect(200)).body.items).toEqual([]);
    // The February pack, issued now, counts the document on the action's line of the board's log.
    const issued = await post('/api/meetings/CSIB-2014-02-18/pack', {}, chair);
    last = Math.max(last, issued.body.eventPosition ?? 0);
    const packCount = async () =>
      ((await get('/api/meetings/CSIB-2014-02-18/pack?format=json').expect(200)).body.boardActions as Array<{ id: string; evidenceCount: number }>).find((a) => a.id === 'CSIB-2014-01-21.4')?.evidenceCount;
    expect(await packCount()).toBe(1);
    // The bytes come back to a reader; withdrawing it needs a reason, as any evidence.
    expect((await get(`/api/evidence/${res.body.documentId}`, auditor).expect(200)).text).toBe('Visits on time in December: 71%.\n');
    const withdrawn = await send(`/api/evidence/${res.body.documentId}/withdrawal`, { reason: 'The draft figure' }, chair);
    expect(withdrawn.status).toBe(200);
    last = Math.max(last, withdrawn.body.position ?? 0, (withdrawn.body.withdrawn as { position: number }).position);
    expect((await get('/api/board-actions/CSIB-2014-01-21.4').expect(200)).body.evidenceCount).toBe(0);
    // The pack stays what the meeting saw: the withdrawal came after its stamp.
    expect(await packCount()).toBe(1);
  });

  it('refuses evidence from an auditor (403) and for an unknown board action (404), writing nothing', async () => {
    const upload = (path: string, token: string) =>
      t.http().post(path).set(bearer(token)).set('Content-Type', MULTIPART_TYPE).send(multipart([{ name: 'file', filename: 'x.txt', body: 'x' }]));
    await refusedWithoutWriting([
      async () => expect((await upload('/api/board-actions/CSIB-2014-01-21.4/evidence', auditor)).status).toBe(403),
      async () => expect((await upload('/api/board-actions/NOPE/evidence', admin)).status).toBe(404),
      async () => expect((await upload('/api/board-actions/CSIB-2014-01-21.4/evidence', school)).status).toBe(403),
    ]);
    await get('/api/board-actions/NOPE/evidence').expect(404);
    await get('/api/board-actions/CSIB-2014-01-21.4/evidence', school).expect(403);
  });

  it('the audit trail shows who agreed, answered and closed, with the reason or the response', async () => {
    const trail = (await get('/api/audit?type=BoardActionResponded', auditor).expect(200)).body.items as Array<Record<string, unknown>>;
    expect(trail.map((e) => [e.streamId, (e.actor as { id: string }).id, e.reason, e.planId])).toEqual([
      ['boardaction-CSIB-2014-01-21.1', 'ss', 'Circulated with the minutes on 24 January', null],
      ['boardaction-CSIB-2014-01-21.1', 'off', 'The corrected figure is 71%', null],
    ]);
    expect((await get('/api/audit?type=BoardActionClosed', auditor).expect(200)).body.items).toEqual([expect.objectContaining({ reason: 'The board accepted the response' })]);
  });
});
