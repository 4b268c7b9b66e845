import { readLog, type LoggedEvent } from '../../support/read-log';
import { parseMail, startSmtpTestServer, type Behaviour, type SmtpTestServer } from '../../support/smtp-test-server';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * Reminders before a board's meetings, end to end against a real SMTP server on loopback: one
 * digest per owner per meeting with the right actions, none twice, a refusal and a dropped
 * connection tried again, a server that always refuses leaving the owner unrecorded and
 * reported (and tried on the next run). The events appended are read from the log.
 *
 * The Improvement Board (IB) reviews the education plan (EDU). Its February pack was issued on
 * 10 February 2014; the digests are drawn up on Monday 3 March 2014.
 */
describe('reminders over SMTP', () => {
  const clock = new TestClock(new Date('2014-01-06T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const chair = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
  let t: TestApp;
  let smtp: SmtpTestServer;
  /** What the server does with the next message: switched by each test. */
  let behaviour: Behaviour = () => 'accept';
  let last = 0;

  const post = async (path: string, body: object, token = admin, status = 201) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (typeof res.body.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const remindersSent = async (meetingId: string): Promise<LoggedEvent[]> =>
    (await readLog(t.dataDir)).filter((e) => e.streamId === `meeting-${meetingId}` && e.type === 'RemindersSent');
  const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const addAction = (id: string, owners: string[], targetDate: string) =>
    post('/api/plans/EDU/actions', { id, ref: id.slice(4), workstreamId: 'EDU.P2', title: `Action ${id.slice(4)}`, owners, targetDate });

  beforeAll(async () => {
    smtp = await startSmtpTestServer((attempt, to) => behaviour(attempt, to));
    t = await startTestApp({
      clock,
      env: {
        RAG_LEDGER_SMTP_URL: smtp.url,
        RAG_LEDGER_SMTP_FROM: 'Improvement Board <improvement.board@norfolk.gov.uk>',
        RAG_LEDGER_SMTP_RETRIES: '3',
        RAG_LEDGER_SMTP_RETRY_MS: '5',
        RAG_LEDGER_REMINDER_CHECK_MINUTES: '0',
        RAG_LEDGER_PUBLIC_URL: 'https://rag-ledger.norfolk.gov.uk',
      },
    });
    await post('/api/people', { name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' });
    await post('/api/people', { name: 'Gordon Boyd', initials: 'GB', email: 'gordon.boyd@norfolk.gov.uk' });
    await post('/api/people', { name: 'Jane Lloyd', initials: 'JL' }); // no e-mail
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' });
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Schools causing concern' });
    await addAction('EDU.2.1', ['CS', 'GB'], '2014-01-31'); // overdue on 3 March, for both owners
    await addAction('EDU.2.2', ['CS'], '2014-03-10'); // due before the meeting of 12 March
    await addAction('EDU.2.3', ['GB'], '2014-06-30'); // not updated since the February pack
    await addAction('EDU.2.4', ['JL'], '2014-02-01'); // overdue, but JL has no e-mail
    await addAction('EDU.2.5', ['CS'], '2014-01-10'); // completed: never chased
    await addAction('EDU.2.6', ['CS'], '2014-06-30'); // updated after the pack: nothing to chase
    await post('/api/actions/EDU.2.1/start', { rag: 'R' }, admin, 200);
    await post('/api/actions/EDU.2.5/complete', {}, admin, 200);
    await post('/api/boards', { id: 'IB', name: "Children's Services Improvement Board", planIds: ['EDU'] }, chair);
    for (const [day, month] of [['2014-02-12', 'February'], ['2014-03-12', 'March'], ['2014-04-09', 'April'], ['2014-05-14', 'May'], ['2014-06-11', 'June']]) {
      const papers = new Date(`${day}T00:00:00Z`);
      papers.setUTCDate(papers.getUTCDate() - 7);
      await post('/api/boards/IB/meetings', { id: `IB-${day}`, date: day, title: `Improvement Board, ${month}`, papersDueOn: papers.toISOString().slice(0, 10) }, chair);
    }
    clock.set('2014-02-10T09:00:00.000Z');
    await post('/api/meetings/IB-2014-02-12/pack', {}, chair);
    clock.set('2014-02-20T10:00:00.000Z');
    await post('/api/actions/EDU.2.6/notes', { text: 'Calendar drafted with the governor services team' }, owner, 200);
    clock.set('2014-03-03T09:00:00.000Z');
    await t.http().get(`/api/board?minPosition=${last}`).set(bearer(admin)).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    if (t) removeDataDir(t.dataDir);
  });

  it('sends one digest per owner with the right actions, and records who was reminded of what in RemindersSent', async () => {
    behaviour = () => 'accept';
    const res = await post('/api/meetings/IB-2014-03-12/reminders', {}, admin);
    expect(res.body).toEqual({
      meetingId: 'IB-2014-03-12',
      channel: 'smtp',
      reminded: [
        { owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.2.2'] },
        { owner: 'GB', email: 'gordon.boyd@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.2.3'] },
      ],
      notReminded: [{ owner: 'JL', why: 'the directory has no e-mail for Jane Lloyd' }],
    });

    expect(smtp.received.map((m) => m.to)).toEqual([['chris.snudden@norfolk.gov.uk'], ['gordon.boyd@norfolk.gov.uk']]);
    const cs = parseMail(mailTo('chris.snudden@norfolk.gov.uk')[0].raw);
    expect(smtp.received[0].from).toBe('improvement.board@norfolk.gov.uk');
    expect(cs.headers.subject).toBe('Reminder: your 2 actions before Improvement Board, March on 12 March 2014');
    expect(cs.headers['message-id']).toMatch(/^<reminder\.IB-2014-03-12\.CS-[0-9a-f]{8}@rag-ledger\.norfolk\.gov\.uk>$/);
    expect(cs.headers['auto-submitted']).toBe('auto-generated');
    const text = cs.parts['text/plain'];
    expect(text).toContain('Dear Chris Snudden,');
    expect(text).toContain('- EDU 2.1: Action 2.1');
    expect(text).toContain('Target date: 31 January 2014. Status: Red: off track, needs attention. Not updated since the last pack.');
    expect(text).toContain('https://rag-ledger.norfolk.gov.uk/#/actions/EDU.2.1');
    expect(text).toContain('- EDU 2.2: Action 2.2');
    for (const other of ['EDU 2.3', 'EDU 2.4', 'EDU 2.5', 'EDU 2.6']) expect(text).not.toContain(other);
    expect(cs.parts['text/html']).toContain('<a href="https://rag-ledger.norfolk.gov.uk/#/actions/EDU.2.2">EDU 2.2: Action 2.2</a>');
    const gb = parseMail(mailTo('gordon.boyd@norfolk.gov.uk')[0].raw).parts['text/plain'];
    expect(gb).toContain('Not updated since the last pack, issued on 10 February 2014');
    expect(gb).toContain('- EDU 2.3: Action 2.3');

    // One event per accepted digest, each naming the actions by why.
    const events = await remindersSent('IB-2014-03-12');
    expect(events.map((e) => e.data)).toEqual([
      {
        meetingId: 'IB-2014-03-12', boardId: 'IB', channel: 'smtp',
        reminded: [{ owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', overdue: ['EDU.2.1'], dueBeforeMeeting: ['EDU.2.2'], noUpdateSincePreviousPack: ['EDU.2.1', 'EDU.2.2'] }],
      },
      {
        meetingId: 'IB-2014-03-12', boardId: 'IB', channel: 'smtp',
        reminded: [{ owner: 'GB', email: 'gordon.boyd@norfolk.gov.uk', overdue: ['EDU.2.1'], dueBeforeMeeting: [], noUpdateSincePreviousPack: ['EDU.2.1', 'EDU.2.3'] }],
      },
    ]);
    expect(events[0].metadata).toMatchObject({ actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2014-03-03T09:00:00.000Z' });
  });

  it('sends none a second time for the same meeting, and appends nothing', async () => {
    const before = { mails: smtp.received.length, events: (await readLog(t.dataDir)).length };
    const res = await post('/api/meetings/IB-2014-03-12/reminders', {}, admin);
    expect(res.body.reminded).toEqual([]);
    expect(res.body.notReminded).toEqual([
      { owner: 'CS', why: 'already reminded for this meeting' },
      { owner: 'GB', why: 'already reminded for this meeting' },
      { owner: 'JL', why: 'the directory has no e-mail for Jane Lloyd' },
    ]);
    expect(smtp.received.length).toBe(before.mails);
    expect((await readLog(t.dataDir)).length).toBe(before.events);
  });

  it('lists what was sent on GET /api/reminders, newest first, for admins only', async () => {
    const list = (await t.http().get('/api/reminders?meetingId=IB-2014-03-12').set(bearer(admin)).expect(200)).body;
    expect(list).toEqual([
      { meetingId: 'IB-2014-03-12', boardId: 'IB', sentAt: '2014-03-03T09:00:00.000Z', channel: 'smtp', owner: 'GB', email: 'gordon.boyd@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.2.3'], file: null },
      { meetingId: 'IB-2014-03-12', boardId: 'IB', sentAt: '2014-03-03T09:00:00.000Z', channel: 'smtp', owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1', 'EDU.2.2'], file: null },
    ]);
    await t.http().get('/api/reminders').set(bearer(owner)).expect(403);
    await t.http().get('/api/reminders').set(bearer(chair)).expect(403);
    await t.http().post('/api/meetings/IB-2014-04-09/reminders').set(bearer(chair)).send({}).expect(403);
    expect(await remindersSent('IB-2014-04-09')).toEqual([]);
  });

  it('tries again after a temporary refusal (451) and records the digest once the server takes it', async () => {
    const refusals = new Map<string, number>();
    behaviour = (_attempt, [to]) => {
      const n = (refusals.get(to) ?? 0) + 1;
      refusals.set(to, n);
      return n <= 2 ? { refuse: 451, message: 'Try again later' } : 'accept';
    };
    const before = smtp.received.length;
    const res = await post('/api/meetings/IB-2014-04-09/reminders', {}, admin);
    expect(res.body.reminded.map((r: { owner: string }) => r.owner)).toEqual(['CS', 'GB']);
    expect([...refusals.values()]).toEqual([3, 3]);
    expect(smtp.received.length - before).toBe(2);
    expect((await remindersSent('IB-2014-04-09')).flatMap((e) => (e.data.reminded as Array<{ owner: string }>).map((r) => r.owner))).toEqual(['CS', 'GB']);
  });

  it('tries again on a fresh connection when the server drops it mid-message', async () => {
    const seen = new Set<string>();
    behaviour = (_attempt, [to]) => (seen.has(to) ? 'accept' : (seen.add(to), 'drop'));
    const before = { mails: smtp.received.length, attempts: smtp.attempts() };
    const res = await post('/api/meetings/IB-2014-05-14/reminders', {}, admin);
    expect(res.body.reminded.map((r: { owner: string }) => r.owner)).toEqual(['CS', 'GB']);
    expect(smtp.attempts() - before.attempts).toBe(4);
    expect(smtp.received.length - before.mails).toBe(2);
    expect(await remindersSent('IB-2014-05-14')).toHaveLength(2);
  });

  it('leaves an owner the server always refuses unrecorded and reported, and sends to them on the next run', async () => {
    behaviour = (_attempt, [to]) => (to === 'gordon.boyd@norfolk.gov.uk' ? { refuse: 451, message: 'Mailbox busy' } : 'accept');
    const before = smtp.attempts();
    const res = await post('/api/meetings/IB-2014-06-11/reminders', {}, admin);
    expect(res.body.reminded.map((r: { owner: string }) => r.owner)).toEqual(['CS']);
    expect(res.body.notReminded).toEqual([
      { owner: 'GB', why: 'the mail server refused it (451 Mailbox busy), after 4 tries' },
      { owner: 'JL', why: 'the directory has no e-mail for Jane Lloyd' },
    ]);
    expect(smtp.attempts() - before).toBe(1 + 4);
    expect((await remindersSent('IB-2014-06-11')).map((e) => (e.data.reminded as Array<{ owner: string }>)[0].owner)).toEqual(['CS']);

    behaviour = () => 'accept';
    const again = await post('/api/meetings/IB-2014-06-11/reminders', {}, admin);
    expect(again.body.reminded.map((r: { owner: string }) => r.owner)).toEqual(['GB']);
    expect((await remindersSent('IB-2014-06-11')).map((e) => (e.data.reminded as Array<{ owner: string }>)[0].owner)).toEqual(['CS', 'GB']);
  });

  it('refuses a meeting already held (422) and an unknown one (404), and writes nothing', async () => {
    const before = (await readLog(t.dataDir)).length;
    expect((await t.http().post('/api/meetings/IB-2014-02-12/reminders').set(bearer(admin)).send({})).body).toMatchObject({ statusCode: 422, message: expect.stringContaining('was held on 2014-02-12') });
    await t.http().post('/api/meetings/IB-2099-01-01/reminders').set(bearer(admin)).send({}).expect(404);
    await t.http().post('/api/meetings/bad id/reminders').set(bearer(admin)).send({}).expect(400);
    expect((await readLog(t.dataDir)).length).toBe(before);
  });
});
