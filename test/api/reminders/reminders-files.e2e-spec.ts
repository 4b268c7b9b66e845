import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReminderScheduler } from '../../../apps/api/src/reminders/reminder-scheduler';
import { readLog } from '../../support/read-log';
import { parseMail } from '../../support/smtp-test-server';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * Without RAG_LEDGER_SMTP_URL, the digests are written to the data directory as .eml files,
 * RemindersSent is recorded with channel 'file' and each file, and the admin lists and opens
 * them. The scheduler's look (called here directly: the interval itself is off) takes the
 * meetings whose papers fall due within RAG_LEDGER_REMINDER_DAYS, and only those.
 */
describe('reminders without SMTP, and the scheduler', () => {
  const clock = new TestClock(new Date('2014-01-06T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Ann Auditor' });
  let t: TestApp;

  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return res;
  };
  const remindersSent = async () => (await readLog(t.dataDir)).filter((e) => e.type === 'RemindersSent');

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RAG_LEDGER_REMINDER_CHECK_MINUTES: '0', RAG_LEDGER_REMINDER_DAYS: '7' } });
    await post('/api/people', { name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' });
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' });
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Schools causing concern' });
    await post('/api/plans/EDU/actions', { id: 'EDU.2.1', ref: '2.1', workstreamId: 'EDU.P2', title: 'Chairs of Governors told of the category', owners: ['CS'], targetDate: '2014-01-31' });
    await post('/api/boards', { id: 'IB', name: "Children's Services Improvement Board", planIds: ['EDU'] });
    await post('/api/boards', { id: 'OSP', name: 'Overview and Scrutiny panel', kind: 'scrutiny', planIds: ['EDU'] });
    // Papers due in 2 days (within the week), in 8 days (not yet), and one already past.
    await post('/api/boards/IB/meetings', { id: 'IB-2014-03-12', date: '2014-03-12', title: 'Improvement Board, March', papersDueOn: '2014-03-05' });
    await post('/api/boards/OSP/meetings', { id: 'OSP-2014-03-18', date: '2014-03-18', title: 'Scrutiny panel, March', papersDueOn: '2014-03-11' });
    const last = await post('/api/boards/IB/meetings', { id: 'IB-2014-03-04', date: '2014-03-04', title: 'Improvement Board, extra', papersDueOn: '2014-03-02' });
    clock.set('2014-03-03T09:00:00.000Z');
    await t.http().get(`/api/board?minPosition=${last.body.position}`).set(bearer(admin)).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    if (t) removeDataDir(t.dataDir);
  });

  it('writes each digest as an .eml file when the scheduler looks, for the meetings whose papers are due within the days set, and records it', async () => {
    const runs = await t.app.get(ReminderScheduler).check();
    expect(runs.map((r) => r.meetingId)).toEqual(['IB-2014-03-12']);
    expect(runs[0]).toEqual({ meetingId: 'IB-2014-03-12', channel: 'file', reminded: [{ owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1'] }], notReminded: [] });

    const [event] = await remindersSent();
    expect(event).toMatchObject({
      streamId: 'meeting-IB-2014-03-12',
      data: { channel: 'file', reminded: [{ owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', overdue: ['EDU.2.1'], dueBeforeMeeting: [], noUpdateSincePreviousPack: [], file: join('reminders', 'IB-2014-03-12', 'CS.eml') }] },
      metadata: { actor: { id: 'reminders', name: 'Reminder service', role: 'admin' }, at: '2014-03-03T09:00:00.000Z' },
    });
    const file = join(t.dataDir, 'reminders', 'IB-2014-03-12', 'CS.eml');
    const mail = parseMail(readFileSync(file, 'utf8'));
    expect(mail.headers.to).toBe('Chris Snudden <chris.snudden@norfolk.gov.uk>');
    expect(mail.headers.subject).toBe('Reminder: your action before Improvement Board, March on 12 March 2014');
    expect(mail.parts['text/plain']).toContain('- EDU 2.1: Chairs of Governors told of the category');
    expect(existsSync(join(t.dataDir, 'reminders', 'OSP-2014-03-18'))).toBe(false);
  });

  it('looks again without writing anything twice', async () => {
    const before = (await readLog(t.dataDir)).length;
    const [run] = await t.app.get(ReminderScheduler).check();
    expect(run).toMatchObject({ reminded: [], notReminded: [{ owner: 'CS', why: 'already reminded for this meeting' }] });
    expect((await readLog(t.dataDir)).length).toBe(before);
  });

  it('lists the written digests on GET /api/reminders and serves each as message/rfc822, to admins only', async () => {
    const list = (await t.http().get('/api/reminders').set(bearer(admin)).expect(200)).body;
    expect(list).toEqual([
      { meetingId: 'IB-2014-03-12', boardId: 'IB', sentAt: '2014-03-03T09:00:00.000Z', channel: 'file', owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1'], file: join('reminders', 'IB-2014-03-12', 'CS.eml') },
    ]);
    const res = await t.http().get('/api/reminders/IB-2014-03-12/CS').set(bearer(admin)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(res.headers['content-disposition']).toContain('IB-2014-03-12-CS.eml');
    expect((res.body as Buffer).toString('utf8')).toBe(readFileSync(join(t.dataDir, 'reminders', 'IB-2014-03-12', 'CS.eml'), 'utf8'));
    await t.http().get('/api/reminders/IB-2014-03-12/GB').set(bearer(admin)).expect(404);
    await t.http().get('/api/reminders/IB-2014-03-12/CS').set(bearer(auditor)).expect(403);
    await t.http().get('/api/reminders?meetingId=not a meeting').set(bearer(admin)).expect(400);
  });

  it('sends for a meeting whose papers are not yet due when an admin asks', async () => {
    const res = await post('/api/meetings/OSP-2014-03-18/reminders', {});
    expect(res.body.reminded).toEqual([{ owner: 'CS', email: 'chris.snudden@norfolk.gov.uk', actionIds: ['EDU.2.1'] }]);
    expect(existsSync(join(t.dataDir, 'reminders', 'OSP-2014-03-18', 'CS.eml'))).toBe(true);
    expect((await remindersSent()).map((e) => e.streamId)).toEqual(['meeting-IB-2014-03-12', 'meeting-OSP-2014-03-18']);
  });
});
