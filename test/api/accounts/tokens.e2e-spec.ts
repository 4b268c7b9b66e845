import { addPerson, adminToken, deactivate, directoryCommand, givePassword, grant, revoke, signIn, type SignedInSession } from '../../support/accounts';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/** Personal API tokens: created and named by their person, shown once, listed with last use, revocable. */
describe('personal API tokens', () => {
  let t: TestApp;
  let session: SignedInSession;
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const create = (body: object, s: SignedInSession = session) => t.http().post('/api/tokens').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send(body);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.http().post('/api/plans').set(bearer(adminToken())).send({ id: 'SIP', kind: 'strategic', title: 'Strategic plan' }).expect(201);
    await t.http().post('/api/plans/SIP/workstreams').set(bearer(adminToken())).send({ id: 'SIP.PS', title: 'Practice Standards' }).expect(201);
    await addPerson(t, { id: 'ab', name: 'Andrea Brown', initials: 'AB', email: 'andrea.brown@norfolk.gov.uk', rights: [{ role: 'owner', planId: 'SIP' }] });
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await givePassword(t, 'ab');
    await givePassword(t, 'cs');
    session = await signIn(t, 'andrea.brown@norfolk.gov.uk');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('creates a named token (201), shown once; the list shows name, created and last use, never the token', async () => {
    const res = await create({ name: 'Board report script', expiresInDays: 30 }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^rlp_[A-Za-z0-9_-]{43}$/), name: 'Board report script', createdAt: '2013-11-21T09:00:00.000Z', expiresAt: '2013-12-21T09:00:00.000Z' });
    clock.set('2013-11-21T09:20:00.000Z');
    await t.http().get('/api/board').set(bearer(res.body.token)).expect(200);
    const list = await t.http().get('/api/tokens').set('Cookie', session.cookie).expect(200);
    expect(list.body).toContainEqual({ id: res.body.id, name: 'Board report script', createdAt: '2013-11-21T09:00:00.000Z', lastUsedAt: '2013-11-21T09:20:00.000Z', expiresAt: '2013-12-21T09:00:00.000Z' });
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
  });

  it('acts as its person: the actor of what it records is them', async () => {
    const { token } = (await create({ name: 'Updater' }).expect(201)).body;
    // A bearer request needs no CSRF token.
    const added = await t.http().post('/api/plans/SIP/actions').set(bearer(token)).send({ id: 'T1', workstreamId: 'SIP.PS', title: 'Via a token', owners: ['AB'] }).expect(201);
    const history = await t.http().get(`/api/actions/T1/history?minPosition=${added.body.position}`).set(bearer(token)).expect(200);
    expect(history.body[0].actor).toEqual({ id: 'ab', name: 'Andrea Brown', role: 'owner' });
    expect((await t.http().get('/api/me').set(bearer(token)).expect(200)).body).toEqual({
      person: { id: 'ab', name: 'Andrea Brown', initials: 'AB', email: 'andrea.brown@norfolk.gov.uk' },
      rights: [{ role: 'owner', planId: 'SIP' }],
    });
  });

  it('has the rights its person holds at each request: a revoked right counts at once, a granted one too', async () => {
    const { token } = (await create({ name: 'Rights follow' }).expect(201)).body;
    const add = (id: string) => t.http().post('/api/plans/SIP/actions').set(bearer(token)).send({ id, workstreamId: 'SIP.PS', title: 'x', owners: ['AB'] });
    await add('RV1').expect(201);
    await revoke(t, 'ab', 'owner', 'SIP');
    await add('RV2').expect(403);
    await t.http().get('/api/actions/RV2').set(bearer(adminToken())).expect(404);
    await grant(t, 'ab', 'owner', 'SIP');
    await add('RV3').expect(201);
  });

  it('stops working once revoked (only by its own person) or expired', async () => {
    const mine = (await create({ name: 'To revoke', expiresInDays: 1 }).expect(201)).body;
    const other = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    await t.http().delete(`/api/tokens/${mine.id}`).set('Cookie', other.cookie).set('X-CSRF-Token', other.csrfToken).expect(404);
    await t.http().get('/api/board').set(bearer(mine.token)).expect(200);
    clock.set('2013-11-23T09:00:00.000Z');
    const expired = await t.http().get('/api/board').set(bearer(mine.token)).expect(401);
    expect(expired.body.message).toMatch(/revoked or have expired/);
    clock.set('2013-11-21T12:00:00.000Z');
    const fresh = await signIn(t, 'andrea.brown@norfolk.gov.uk');
    await t.http().delete(`/api/tokens/${mine.id}`).set('Cookie', fresh.cookie).set('X-CSRF-Token', fresh.csrfToken).expect(204);
    await t.http().get('/api/board').set(bearer(mine.token)).expect(401);
    expect((await t.http().get('/api/tokens').set('Cookie', fresh.cookie).expect(200)).body.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    await t.http().delete(`/api/tokens/${mine.id}`).set('Cookie', fresh.cookie).set('X-CSRF-Token', fresh.csrfToken).expect(404);
    session = fresh;
  });

  it('a token can revoke itself, and a session needs its CSRF token to create or revoke one', async () => {
    const { id, token } = (await create({ name: 'Self-revoking' }).expect(201)).body;
    await t.http().post('/api/tokens').set('Cookie', session.cookie).send({ name: 'No CSRF' }).expect(403);
    await t.http().delete(`/api/tokens/${id}`).set('Cookie', session.cookie).expect(403);
    await t.http().delete(`/api/tokens/${id}`).set(bearer(token)).expect(204);
    await t.http().get('/api/board').set(bearer(token)).expect(401);
  });

  it('a deactivated person\'s tokens are refused (401)', async () => {
    await addPerson(t, { id: 'jd', name: 'Jo Dean', initials: 'JD', email: 'jo.dean@norfolk.gov.uk', rights: [{ role: 'auditor' }] });
    await givePassword(t, 'jd');
    const jo = await signIn(t, 'jo.dean@norfolk.gov.uk');
    const { token } = (await create({ name: 'Audit script' }, jo).expect(201)).body;
    await t.http().get('/api/audit').set(bearer(token)).expect(200);
    await deactivate(t, 'jd');
    expect((await t.http().get('/api/audit').set(bearer(token)).expect(401)).body.message).toMatch(/deactivated/);
    await directoryCommand(t, { type: 'ReactivatePerson', data: { personId: 'jd', reason: 'Back from leave' } });
    await t.http().get('/api/audit').set(bearer(token)).expect(200);
  });

  it('refuses bad input (400) and a development token (403): tokens belong to people in the directory', async () => {
    await create({}).expect(400);
    await create({ name: '   ' }).expect(400);
    await create({ name: 'x', expiresInDays: 0 }).expect(400);
    await create({ name: 'x', expiresInDays: 1000 }).expect(400);
    await create({ name: 'x', extra: true }).expect(400);
    await t.http().post('/api/tokens').set(bearer(tokenFor('admin'))).send({ name: 'Dev' }).expect(403);
    expect((await t.http().get('/api/tokens').set(bearer(tokenFor('admin'))).expect(200)).body).toEqual([]);
  });
});
