import { addPerson, givePassword, GOOD_PASSWORD, signIn } from '../../support/accounts';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

describe('GET /api/me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk', rights: [{ role: 'auditor' }, { role: 'owner', planId: 'EDU' }] });
    await givePassword(t, 'cs');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('tells a signed-in person who they are and the rights they hold now', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    expect((await t.http().get('/api/me').set('Cookie', session.cookie).expect(200)).body).toEqual({
      person: { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' },
      rights: [{ role: 'auditor' }, { role: 'owner', planId: 'EDU' }],
    });
  });

  it('tells a development token\'s caller its user and its one role', async () => {
    expect((await t.http().get('/api/me').set(bearer(tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP', 'LAC'] }))).expect(200)).body).toEqual({
      person: { id: 'ab', name: 'Andrea Brown' },
      rights: [{ role: 'owner', planId: 'SIP' }, { role: 'owner', planId: 'LAC' }],
    });
    expect((await t.http().get('/api/me').set(bearer(tokenFor('board'))).expect(200)).body.rights).toEqual([{ role: 'board' }]);
  });

  it('is 401 for nobody, and GET /api/session is 401 for a bearer caller (it has no session)', async () => {
    await t.http().get('/api/me').expect(401);
    await t.http().get('/api/session').set(bearer(tokenFor('admin'))).expect(401);
  });
});

describe('lock-out after repeated wrong passwords', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const attempt = (email: string, password: string) => t.http().post('/api/session').send({ email, password });
  beforeAll(async () => {
    t = await startTestApp({ clock });
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await givePassword(t, 'cs');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('locks the account for 15 minutes after 5 wrong passwords (429 with Retry-After), then lets the right one in', async () => {
    for (let i = 0; i < 5; i++) await attempt('chris.snudden@norfolk.gov.uk', `wrong guess ${i}`).expect(401);
    const locked = await attempt('chris.snudden@norfolk.gov.uk', GOOD_PASSWORD).expect(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.body.message).toMatch(/locked/);
    expect(locked.headers['set-cookie']).toBeUndefined();
    clock.set('2013-11-21T09:14:59.000Z');
    expect((await attempt('chris.snudden@norfolk.gov.uk', GOOD_PASSWORD).expect(429)).headers['retry-after']).toBe('1');
    clock.set('2013-11-21T09:15:00.000Z');
    await attempt('chris.snudden@norfolk.gov.uk', GOOD_PASSWORD).expect(204);
  });

  it('locks an email nobody has in the same way, so the answers do not tell which exist', async () => {
    for (let i = 0; i < 5; i++) await attempt('no.one@norfolk.gov.uk', 'some guess here').expect(401);
    await attempt('no.one@norfolk.gov.uk', 'some guess here').expect(429);
    // Another account is not affected.
    await attempt('chris.snudden@norfolk.gov.uk', GOOD_PASSWORD).expect(204);
  });

  it('refuses bad input with 400 and counts nothing', async () => {
    await attempt('', '').expect(400);
    await t.http().post('/api/session').send({ email: 'chris.snudden@norfolk.gov.uk' }).expect(400);
    await t.http().post('/api/session').send({ email: 'chris.snudden@norfolk.gov.uk', password: GOOD_PASSWORD, remember: true }).expect(400);
  });
});
