import type { MeetingPack } from '@rag-ledger/contract';
import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';
import { htmlProblem } from '../support/well-formed';

/**
 * A meeting's pack, drawn from its stamp: two meetings of a board each issued a pack, things
 * changed between and after them (RAG, a new action, a board action closed, a measure's value,
 * the board renamed, the meeting moved, and a change written with the clock set back to before
 * the second issue). Each pack read again is the one issued; the second's changes are exactly
 * those between the two stamps; the change written with the clock back is in neither but the next.
 */
describe('GET /api/meetings/:id/pack: the pack as it was issued', () => {
  const clock = new TestClock(new Date('2013-11-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const officer = tokenFor('officer', { user: 'off', name: 'Olu Officer' });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' });
  const school = tokenFor('school', { user: 'head', name: 'Head Teacher', schools: ['121212'] });
  const M1 = 'CSIB-2013-11-19';
  const M2 = 'CSIB-2013-12-17';
  const M3 = 'CSIB-2014-01-21';
  let t: TestApp;
  let last = 0;
  let first: { position: number; head: string; issuedAt: string };
  let second: { position: number; head: string; issuedAt: string };
  let firstPack: MeetingPack;
  let secondPack: MeetingPack;
  let secondHtml: string;

  const post = async (path: string, body: object, token = admin, status?: number) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    const ok = status ?? (res.status === 201 ? 201 : 200);
    expect({ path, status: res.status, body: res.status === ok ? undefined : res.body }).toEqual({ path, status: ok, body: undefined });
    last = Math.max(last, res.body.position ?? 0, res.body.eventPosition ?? 0);
    return res.body;
  };
  const read = (path: string, token = chair) => t.http().get(path + (path.includes('?') ? '&' : '?') + `minPosition=${last}`).set(bearer(token));
  const packJson = async (meetingId: string): Promise<MeetingPack> => (await read(`/api/meetings/${meetingId}/pack?format=json`).expect(200)).body;
  const packHtml = async (meetingId: string): Promise<string> => (await read(`/api/meetings/${meetingId}/pack`).expect(200)).text;
  const withoutGeneratedAt = ({ generatedAt: _generatedAt, ...rest }: MeetingPack) => rest;
  const withoutGenerationTime = (html: string) => html.replace(/Generated: [^<]+/, 'Generated: (time)');
  const changeTypes = (pack: MeetingPack) => Object.fromEntries(pack.changes.flatMap((c) => c.actions.map((m) => [m.actionId, m.changes.map((x) => `${x.type}${x.reason ? `: ${x.reason}` : ''}`)])));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Visit every child on time', owners: ['AB'], targetDate: '2014-03-31' });
    await post('/api/plans/SIP/actions', { id: 'A2', workstreamId: 'SIP.PS', title: 'Audit case files monthly', owners: ['CM'], targetDate: '2013-11-30' });
    await post('/api/plans/SIP/measures', { id: 'SIP.M.1', name: 'Visits on time', unit: 'percent', polarity: 'higher', workstreamId: 'SIP.PS', amberTolerance: 3 });
    await post('/api/measures/SIP.M.1/targets', { period: '2013-Q3', value: 80 });
    await post('/api/measures/SIP.M.1/values', { period: '2013-Q3', value: 70 });
    await post('/api/boards', { id: 'CSIB', name: "Children's Services Improvement Board", planIds: ['SIP'], members: ['Independent Chair'] }, chair);
    clock.set('2013-11-04T09:00:00.000Z');
    await post('/api/boards/CSIB/meetings', { date: '2013-11-19', title: 'Improvement Board, November', papersDueOn: '2013-11-12' }, chair);
    await post('/api/boards/CSIB/meetings', { date: '2013-12-17', title: 'Improvement Board, December', papersDueOn: '2013-12-10' }, chair);
    await post('/api/boards/CSIB/meetings', { date: '2014-01-21', title: 'Improvement Board, January', papersDueOn: '2014-01-14' }, chair);
    clock.set('2013-11-05T10:00:00.000Z');
    await post('/api/actions/A1/start', { rag: 'R', note: 'Visits behind' });
    clock.set('2013-11-12T10:00:00.000Z');
    first = await post(`/api/meetings/${M1}/pack`, {}, chair);

    // Between the two packs.
    clock.set('2013-11-19T12:00:00.000Z');
    await post(`/api/meetings/${M1}/board-actions`, { id: 'BA1', agendaItem: '4. Performance', text: 'Circulate the accurate figure with the minutes', owner: 'AB', dueOn: '2013-12-01' }, chair);
    await post(`/api/meetings/${M1}/board-actions`, { id: 'BA2', agendaItem: '5. Workforce', text: 'Write to the agency about cover', owner: 'CM', dueOn: '2013-12-05' }, chair);
    await post(`/api/meetings/${M1}/board-actions`, { id: 'BA3', agendaItem: '6. AOB', text: 'Bring the sufficiency strategy', owner: 'GP', dueOn: '2014-01-31' }, chair);
    clock.set('2013-11-20T10:00:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'A', reason: 'Recovery plan agreed' });
    await post('/api/actions/A2/start', { rag: 'G' });
    clock.set('2013-12-02T10:00:00.000Z');
    await post('/api/board-actions/BA1/responses', { text: 'Figure checked, awaiting sign-off' }, officer);
    await post('/api/board-actions/BA2/closure', { reason: 'Letter sent; cover confirmed' }, chair);
    clock.set('2013-12-10T10:00:00.000Z');
    second = await post(`/api/meetings/${M2}/pack`, {}, chair);
    firstPack = await packJson(M1);
    secondPack = await packJson(M2);
    secondHtml = await packHtml(M2);

    // After the second pack: none of this is in it.
    clock.set('2013-12-11T10:00:00.000Z');
    await post('/api/actions/A1/rag', { rag: 'R', reason: 'Slipped again' });
    await post('/api/plans/SIP/actions', { id: 'A3', workstreamId: 'SIP.PS', title: 'A new action after the pack', owners: ['AB'], targetDate: '2013-12-01' });
    await post('/api/board-actions/BA1/closure', { reason: 'Circulated' }, chair);
    await post('/api/measures/SIP.M.1/values', { period: '2013-Q4', value: 90 });
    await post('/api/boards/CSIB/revision', { name: 'Renamed Board', reason: 'New name' }, chair);
    await post(`/api/meetings/${M2}/rescheduling`, { date: '2013-12-18', reason: 'Room unavailable' }, chair);
    // The clock is set back to before the second issue: later in the log, earlier by the clock.
    clock.set('2013-12-09T10:00:00.000Z');
    await post('/api/actions/A2/rag', { rag: 'A', reason: 'Written with the clock set back' });
    clock.set('2014-01-14T10:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('is the same pack after later changes: JSON deep-equal but for generatedAt, HTML identical but for the generation time', async () => {
    const again = await packJson(M2);
    expect(again.generatedAt).toBe('2014-01-14T10:00:00.000Z');
    expect(secondPack.generatedAt).toBe('2013-12-10T10:00:00.000Z');
    expect(withoutGeneratedAt(again)).toEqual(withoutGeneratedAt(secondPack));
    expect(withoutGeneratedAt(await packJson(M1))).toEqual(withoutGeneratedAt(firstPack));
    const html = await packHtml(M2);
    expect(html).not.toBe(secondHtml);
    expect(withoutGenerationTime(html)).toBe(withoutGenerationTime(secondHtml));
    expect(htmlProblem(html)).toBeUndefined();
    // Today's state did move: the board, the meeting and the action read now differ.
    expect((await read('/api/actions/A1').expect(200)).body.status).toBe('R');
    expect((await read('/api/boards/CSIB').expect(200)).body.name).toBe('Renamed Board');
  });

  it('holds what the meeting saw: the meeting and board at issue, the stamp, boards, exceptions, measures, trends, board actions', () => {
    const pack = secondPack;
    expect(pack.meeting).toEqual({ id: M2, boardId: 'CSIB', date: '2013-12-17', title: 'Improvement Board, December', papersDueOn: '2013-12-10', scheduledAt: '2013-11-04T09:00:00.000Z' });
    expect(pack.board).toEqual({ id: 'CSIB', name: "Children's Services Improvement Board", kind: 'improvement', members: ['Independent Chair'] });
    expect(pack.stamp).toEqual({
      position: second.position, head: second.head, issuedAt: '2013-12-10T10:00:00.000Z', issuedBy: { id: 'chair', name: 'Independent Chair', role: 'board' },
      planIds: ['SIP'], measureIds: ['SIP.M.1'], previous: { meetingId: M1, position: first.position, issuedAt: '2013-11-12T10:00:00.000Z' },
    });
    expect(pack.overview.plans).toEqual([expect.objectContaining({ id: 'SIP', counts: { W: 0, G: 1, A: 1, R: 0, B: 0 }, total: 2, overdue: 1 })]);
    expect(pack.overview.stamp).toEqual({ position: second.position, head: second.head });
    expect(pack.plans.map((p) => p.workstreams[0].actions.map((a) => [a.id, a.status, a.overdue]))).toEqual([[['A1', 'A', false], ['A2', 'G', true]]]);
    // Amber before overdue: worst first.
    expect(pack.exceptions.actions.map((a) => [a.id, a.status, a.lastReason])).toEqual([['A1', 'A', 'Recovery plan agreed'], ['A2', 'G', null]]);
    expect(pack.measures).toEqual([
      { id: 'SIP.M.1', planId: 'SIP', name: 'Visits on time', unit: 'percent', polarity: 'higher', period: '2013-Q3', value: 70, target: 80, rag: 'R', direction: null, series: [{ period: '2013-Q3', value: 70, target: 80 }] },
    ]);
    expect(pack.trends.map((tr) => [tr.planId, tr.points.length, tr.points[0].month, tr.points.at(-1)!.month])).toEqual([[null, 12, '2013-01', '2013-12'], ['SIP', 12, '2013-01', '2013-12']]);
    expect(pack.trends[1].points.at(-1)).toMatchObject({ counts: { W: 0, G: 1, A: 1, R: 0, B: 0 }, overdue: 1 });
    // Open ones overdue first, then those closed since the previous pack.
    expect(pack.boardActions.map((a) => [a.id, a.state, a.overdue])).toEqual([['BA1', 'open', true], ['BA3', 'open', false], ['BA2', 'closed', false]]);
    expect(pack.boardActions[0].responses).toEqual([{ text: 'Figure checked, awaiting sign-off', at: '2013-12-02T10:00:00.000Z', by: { id: 'off', name: 'Olu Officer', role: 'officer' } }]);
    // The first pack was issued before any board action was agreed.
    expect(firstPack.boardActions).toEqual([]);
    expect(firstPack.stamp.previous).toBeNull();
  });

  it('lists as changes exactly those between the two stamps: not before, not after', () => {
    expect(changeTypes(firstPack)).toEqual({ A1: ['ActionAdded', 'ActionStarted: Visits behind'], A2: ['ActionAdded'] });
    expect(changeTypes(secondPack)).toEqual({ A1: ['ActionRagChanged: Recovery plan agreed'], A2: ['ActionStarted'] });
    const a1 = secondPack.changes[0].actions.find((m) => m.actionId === 'A1')!;
    expect(a1.before).toMatchObject({ status: 'R' });
    expect(a1.after).toMatchObject({ status: 'A' });
    expect(a1.changes[0]).toEqual({ type: 'ActionRagChanged', at: '2013-11-20T10:00:00.000Z', actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, from: 'R', to: 'A', reason: 'Recovery plan agreed' });
  });

  it('leaves out a change written after issue with the clock set back, which the next pack has', async () => {
    // Read by the clock alone, the as-of board at the issue instant would include it.
    const asOf = (await read(`/api/plans/SIP/board?asOf=${second.issuedAt}`).expect(200)).body;
    expect(asOf.workstreams[0].actions.find((a: { id: string }) => a.id === 'A2').status).toBe('A');
    expect(secondPack.plans[0].workstreams[0].actions.find((a) => a.id === 'A2')!.status).toBe('G');
    expect(JSON.stringify(secondPack)).not.toContain('Written with the clock set back');

    const third = await post(`/api/meetings/${M3}/pack`, {}, chair);
    const thirdPack = await packJson(M3);
    expect(thirdPack.stamp.previous).toEqual({ meetingId: M2, position: second.position, issuedAt: second.issuedAt });
    expect(changeTypes(thirdPack)).toEqual({
      A1: ['ActionRagChanged: Slipped again'],
      A2: ['ActionRagChanged: Written with the clock set back'],
      A3: ['ActionAdded'],
    });
    expect(thirdPack.stamp.position).toBe(third.position);
    expect(thirdPack.board.name).toBe('Renamed Board');
    expect(thirdPack.boardActions.map((a) => [a.id, a.state])).toEqual([['BA3', 'open'], ['BA1', 'closed']]);
  });

  it('carries a stamp that checks against the log, in the body and the headers', async () => {
    const res = await read(`/api/meetings/${M2}/pack?format=json`).expect(200);
    expect(res.headers['x-log-position']).toBe(String(second.position));
    expect(res.headers['x-chain-head']).toBe(second.head);
    expect(res.headers['content-disposition']).toBe(`inline; filename="pack-${M2}.json"`);
    const events = await readLog(t.dataDir);
    const at = events.find((e) => e.position === BigInt(second.position))!;
    expect((at.metadata as { hash?: string }).hash).toBe(second.head);
    // The last event in the log when it was issued: the seal up to it comes next, then the PackIssued itself.
    expect(events.find((e) => e.position === BigInt(second.position) + 1n)).toMatchObject({ type: 'LogSealed', streamId: 'logseal-ledger', data: { position: second.position, hash: second.head, reason: 'pack' } });
    expect(events.find((e) => e.position === BigInt(second.position) + 2n)).toMatchObject({ type: 'PackIssued', streamId: `meeting-${M2}` });
    const verified = (await read(`/api/audit/verify?expect=${second.position}:${second.head}`, auditor).expect(200)).body;
    expect(verified).toMatchObject({ ok: true, stamp: { position: second.position, hash: second.head, holds: true } });
    expect((await read(`/api/meetings/${M2}`).expect(200)).body.pack).toMatchObject({ position: second.position, head: second.head, issuedAt: second.issuedAt });
  });

  it('serves printable HTML by default, inline, with the evidence report policy', async () => {
    const res = await read(`/api/meetings/${M2}/pack`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`inline; filename="pack-${M2}.html"`);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers['x-log-position']).toBe(String(second.position));
    expect(res.text).toContain(`Stamp: ${second.position}:${second.head}`);
    expect(res.text).toContain('Children&#39;s Services Improvement Board: Improvement Board, December');
  });

  it('answers 404 for an unknown meeting and for a pack not issued yet (saying how to issue it)', async () => {
    await post('/api/boards/CSIB/meetings', { id: 'CSIB-later', date: '2014-02-18', title: 'Improvement Board, February', papersDueOn: '2014-02-11' }, chair);
    const unknown = await read('/api/meetings/NOPE/pack').expect(404);
    expect(unknown.body).toMatchObject({ error: 'MeetingNotFoundError', message: 'There is no meeting with id "NOPE".' });
    const notYet = await read('/api/meetings/CSIB-later/pack?format=json').expect(404);
    expect(notYet.body).toMatchObject({ error: 'PackNotIssuedError', message: expect.stringContaining('The pack for this meeting has not been issued yet') });
    expect(notYet.body.message).toContain('POST /api/meetings/CSIB-later/pack');
  });

  it('is for the roles that read plans: a school token is 403, no token 401; a bad format or id is 400', async () => {
    await read(`/api/meetings/${M2}/pack`, auditor).expect(200);
    await read(`/api/meetings/${M2}/pack`, officer).expect(200);
    await read(`/api/meetings/${M2}/pack`, school).expect(403);
    await t.http().get(`/api/meetings/${M2}/pack`).expect(401);
    const bad = await read(`/api/meetings/${M2}/pack?format=xml`).expect(400);
    expect(bad.body.message).toEqual(['format must be json, html, pdf or docx']);
    await read('/api/meetings/bad%20id/pack').expect(400);
    await read(`/api/meetings/${M2}/pack?colour=red`).expect(400);
  });
});
