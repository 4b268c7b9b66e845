import { addPerson, adminToken, deactivate, directoryEvents, GOOD_PASSWORD, tokenOfLink } from '../../support/accounts';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/** Set-up and reset links: issued by an admin, single use, expiring, recorded in the log without the secret. */
describe('invitations', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const invite = (personId: string, body: object = {}) => t.http().post(`/api/people/${personId}/invitations`).set(bearer(adminToken())).send(body);
  const accept = (link: string, password: string) => t.http().post(`/api/invitations/${tokenOfLink(link)}/accept`).send({ password });
  const signIn = (email: string, password: string) => t.http().post('/api/session').send({ email, password });

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { PORT: '4123' } });
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk', rights: [{ role: 'board' }] });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });
  beforeEach(() => clock.set('2013-11-21T09:00:00.000Z'));

  it('an admin issues a link (201) that ends in a 32-byte token; the log records PersonInvited with neither', async () => {
    const res = await invite('cs').expect(201);
    expect(res.body).toEqual({ link: expect.stringMatching(/^http:\/\/localhost:4123\/#\/invitations\/[A-Za-z0-9_-]{43}$/), expiresAt: '2013-11-28T09:00:00.000Z', invitationId: expect.any(String) });
    const events = await directoryEvents(t);
    const invited = events.filter((e) => e.type === 'PersonInvited').at(-1);
    expect(invited).toEqual({ type: 'PersonInvited', data: { personId: 'cs', invitationId: res.body.invitationId, purpose: 'invitation', expiresAt: '2013-11-28T09:00:00.000Z' }, actor: { id: 'admin-1', name: 'Ada Admin', role: 'admin' } });
    expect(JSON.stringify(events)).not.toContain(tokenOfLink(res.body.link));
  });

  it('only admins issue links', async () => {
    for (const role of ['owner', 'board', 'auditor'] as const) {
      await t.http().post('/api/people/cs/invitations').set(bearer(tokenFor(role, { plans: ['SIP'] }))).send({}).expect(403);
    }
    await t.http().post('/api/people/cs/invitations').send({}).expect(401);
    await invite('nobody').expect(404);
    await invite('cs', { purpose: 'promotion' }).expect(400);
  });

  it('a weak password is refused with the policy\'s message (400) and the link still works', async () => {
    const { body } = await invite('cs').expect(201);
    const before = (await directoryEvents(t)).length;
    expect((await accept(body.link, 'short').expect(400)).body.message).toMatch(/at least 12 characters/);
    expect((await accept(body.link, 'qwerty123456').expect(400)).body.message).toMatch(/most common/);
    expect((await accept(body.link, 'chris snudden rules').expect(400)).body.message).toMatch(/your name/);
    expect((await directoryEvents(t)).length).toBe(before);
    await accept(body.link, GOOD_PASSWORD).expect(204);
  });

  it('a link sets the password once (InvitationAccepted, by the person) and the person may sign in; a second use is 410', async () => {
    const { body } = await invite('cs').expect(201);
    await accept(body.link, 'a new harbour kettle').expect(204);
    const accepted = (await directoryEvents(t)).filter((e) => e.type === 'InvitationAccepted').at(-1);
    expect(accepted).toEqual({ type: 'InvitationAccepted', data: { personId: 'cs', invitationId: body.invitationId }, actor: { id: 'cs', name: 'Chris Snudden', role: 'board' } });
    await signIn('chris.snudden@norfolk.gov.uk', 'a new harbour kettle').expect(204);
    const again = await accept(body.link, 'another plum kettle').expect(410);
    expect(again.body.message).toMatch(/already been used/);
    await signIn('chris.snudden@norfolk.gov.uk', 'another plum kettle').expect(401);
  });

  it('used twice at once, a link sets one password: one 204, one 410, one InvitationAccepted', async () => {
    const { body } = await invite('cs').expect(201);
    const before = (await directoryEvents(t)).filter((e) => e.type === 'InvitationAccepted').length;
    const answers = await Promise.all([accept(body.link, 'first of two racers'), accept(body.link, 'second of two racers')]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 410]);
    const winner = answers[0].status === 204 ? 'first of two racers' : 'second of two racers';
    const loser = winner.startsWith('first') ? 'second of two racers' : 'first of two racers';
    expect((await directoryEvents(t)).filter((e) => e.type === 'InvitationAccepted').length).toBe(before + 1);
    await signIn('chris.snudden@norfolk.gov.uk', winner).expect(204);
    await signIn('chris.snudden@norfolk.gov.uk', loser).expect(401);
    // Put back the password the next tests sign in with.
    await accept((await invite('cs').expect(201)).body.link, 'a new harbour kettle').expect(204);
  });

  it('a link expires after 7 days (410), and a made-up one is 410 too', async () => {
    const { body } = await invite('cs').expect(201);
    clock.set('2013-11-28T09:00:00.000Z');
    expect((await accept(body.link, 'plum kettle harbour 7').expect(410)).body.message).toMatch(/expired/);
    expect((await t.http().post('/api/invitations/not-a-real-token/accept').send({ password: 'plum kettle harbour 7' }).expect(410)).body.message).toMatch(/not one we issued/);
  });

  it('a newer link replaces an older one; a reset ends the sessions the old password had', async () => {
    const first = await invite('cs').expect(201);
    const reset = await invite('cs', { purpose: 'reset' }).expect(201);
    expect((await accept(first.body.link, 'plum kettle harbour 8').expect(410)).body.message).toMatch(/newer set-up link/);
    const old = await signIn('chris.snudden@norfolk.gov.uk', 'a new harbour kettle').expect(204);
    const cookie = ([] as string[]).concat(old.headers['set-cookie'])[0].split(';')[0];
    await t.http().get('/api/session').set('Cookie', cookie).expect(200);
    await accept(reset.body.link, 'plum kettle harbour 9').expect(204);
    await t.http().get('/api/session').set('Cookie', cookie).expect(401);
    await signIn('chris.snudden@norfolk.gov.uk', 'a new harbour kettle').expect(401);
    await signIn('chris.snudden@norfolk.gov.uk', 'plum kettle harbour 9').expect(204);
  });

  it('a person with no email, or deactivated, cannot be invited (422)', async () => {
    await addPerson(t, { id: 'ne', name: 'No Email', initials: 'NE', email: undefined as unknown as string, rights: [{ role: 'board' }] });
    expect((await invite('ne').expect(422)).body.message).toMatch(/no email/);
    await addPerson(t, { id: 'gone', name: 'Gone Away', initials: 'GA', email: 'gone.away@norfolk.gov.uk', rights: [{ role: 'board' }] });
    const link = (await invite('gone').expect(201)).body.link;
    await deactivate(t, 'gone');
    await invite('gone').expect(422);
    // A link issued before the deactivation does not let them in either.
    await accept(link, GOOD_PASSWORD).expect(422);
    await signIn('gone.away@norfolk.gov.uk', GOOD_PASSWORD).expect(401);
  });
});
