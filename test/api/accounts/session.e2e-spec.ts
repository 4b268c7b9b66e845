import { addPerson, adminToken, deactivate, directoryEvents, givePassword, GOOD_PASSWORD, revoke, signIn } from '../../support/accounts';
import { bearer, removeDataDir, startTestApp, TestClock, type TestApp } from '../../support/test-app';

/** Signing in with a password, the session cookie, CSRF, expiry and sign-out. */
describe('sessions', () => {
  let t: TestApp;
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const at = (minutes: number) => clock.set(new Date(Date.parse('2013-11-21T09:00:00.000Z') + minutes * 60_000).toISOString());

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.http().post('/api/plans').set(bearer(adminToken())).send({ id: 'SIP', kind: 'strategic', title: 'Strategic plan' }).expect(201);
    await t.http().post('/api/plans/SIP/workstreams').set(bearer(adminToken())).send({ id: 'SIP.PS', title: 'Practice Standards' }).expect(201);
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'Chris.Snudden@norfolk.gov.uk', rights: [{ role: 'owner', planId: 'SIP' }, { role: 'board' }] });
    await givePassword(t, 'cs');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });
  beforeEach(() => at(0));

  it('signs in with email and password: 204 and an httpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const res = await t.http().post('/api/session').send({ email: 'chris.snudden@NORFOLK.gov.uk', password: GOOD_PASSWORD }).expect(204);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^rag_ledger_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    // Served over plain http here: not Secure (see the TLS test).
    expect(cookie).not.toMatch(/Secure/);
  });

  it('GET /api/session tells who is signed in, the rights they hold now, the CSRF token and the expiry', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    const res = await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    expect(res.body).toEqual({
      person: { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk' },
      rights: [{ role: 'board' }, { role: 'owner', planId: 'SIP' }],
      csrfToken: session.csrfToken,
      expiresAt: '2013-11-21T21:00:00.000Z',
      idleExpiresAt: '2013-11-21T09:30:00.000Z',
    });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a wrong password and an unknown email with the same 401, and gives no cookie', async () => {
    const wrong = await t.http().post('/api/session').send({ email: 'chris.snudden@norfolk.gov.uk', password: 'not the password at all' }).expect(401);
    const unknown = await t.http().post('/api/session').send({ email: 'nobody@norfolk.gov.uk', password: GOOD_PASSWORD }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    await t.http().get('/api/session').expect(401);
  });

  it('a session acts with the person\'s rights: it reads boards and, with the CSRF token, updates its plan', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(200);
    const added = await t.http().post('/api/plans/SIP/actions').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken)
      .send({ id: 'S1', workstreamId: 'SIP.PS', title: 'Audit case files', owners: ['CS'] }).expect(201);
    const history = await t.http().get(`/api/actions/S1/history?minPosition=${added.body.position}`).set('Cookie', session.cookie).expect(200);
    expect(history.body[0].actor).toEqual({ id: 'cs', name: 'Chris Snudden', role: 'owner' });
  });

  it.each([
    ['no X-CSRF-Token', undefined],
    ['a wrong X-CSRF-Token', 'not-the-token'],
  ])('refuses a change with %s (403) and records nothing', async (_what, header) => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    let req = t.http().post('/api/plans/SIP/actions').set('Cookie', session.cookie).send({ id: 'CSRF1', workstreamId: 'SIP.PS', title: 'Forged', owners: ['CS'] });
    if (header) req = req.set('X-CSRF-Token', header);
    const res = await req.expect(403);
    expect(res.body.message).toMatch(/X-CSRF-Token/);
    await t.http().get('/api/actions/CSRF1').set(bearer(adminToken())).expect(404);
  });

  it('ends after 30 minutes without a request, and each request moves the idle expiry on', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    at(29);
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(200);
    at(58);
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(200);
    at(88);
    const res = await t.http().get('/api/board').set('Cookie', session.cookie).expect(401);
    expect(res.body.message).toMatch(/session has ended/);
    // The guard clears the dead cookie.
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^rag_ledger_session=;/);
    at(89);
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(401);
  });

  it('ends 12 hours after sign-in however busy it is', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      at(minutes);
      await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    }
    at(12 * 60);
    await t.http().get('/api/session').set('Cookie', session.cookie).expect(401);
  });

  it('documents the session cookie beside the bearer scheme, and the sign-in routes, in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'rag_ledger_session' });
    for (const [method, path] of [['post', '/api/session'], ['get', '/api/session'], ['delete', '/api/session'], ['get', '/api/me'], ['post', '/api/tokens'], ['get', '/api/tokens'], ['delete', '/api/tokens/{id}'], ['post', '/api/people/{id}/invitations'], ['post', '/api/invitations/{token}/accept']]) {
      expect({ method, path, documented: doc.paths[path]?.[method] !== undefined }).toEqual({ method, path, documented: true });
    }
  });

  it('signs out: the session ends on the server (the old cookie no longer works) and the cookie is cleared', async () => {
    const session = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    await t.http().delete('/api/session').set('Cookie', session.cookie).expect(403);
    const res = await t.http().delete('/api/session').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^rag_ledger_session=;/);
    await t.http().get('/api/session').set('Cookie', session.cookie).expect(401);
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(401);
  });

  it('signing in again from the same browser ends the session it had: every sign-in gets a fresh id', async () => {
    const first = await signIn(t, 'chris.snudden@norfolk.gov.uk');
    const again = await t.http().post('/api/session').set('Cookie', first.cookie).send({ email: 'chris.snudden@norfolk.gov.uk', password: GOOD_PASSWORD }).expect(204);
    const second = ([] as string[]).concat(again.headers['set-cookie'])[0].split(';')[0];
    expect(second).not.toBe(first.cookie);
    await t.http().get('/api/session').set('Cookie', first.cookie).expect(401);
    await t.http().get('/api/session').set('Cookie', second).expect(200);
  });

  it('a revoked right counts from the next request of a session', async () => {
    await addPerson(t, { id: 'ab', name: 'Andrea Brown', initials: 'AB', email: 'andrea.brown@norfolk.gov.uk', rights: [{ role: 'owner', planId: 'SIP' }] });
    await givePassword(t, 'ab');
    const session = await signIn(t, 'andrea.brown@norfolk.gov.uk');
    const send = (id: string) => t.http().post('/api/plans/SIP/actions').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ id, workstreamId: 'SIP.PS', title: 'Owner action', owners: ['AB'] });
    await send('R1').expect(201);
    await revoke(t, 'ab', 'owner', 'SIP');
    const refused = await send('R2').expect(403);
    expect(refused.body.message).toMatch(/role/);
    expect((await directoryEvents(t)).filter((e) => e.type === 'PlanOwnershipRevoked')).toHaveLength(1);
    // With no role left, GET /api/session still answers (with no rights); the boards do not.
    expect((await t.http().get('/api/session').set('Cookie', session.cookie).expect(200)).body.rights).toEqual([]);
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(403);
  });

  it('a deactivated person\'s session is refused (401) and ends, and they cannot sign in again', async () => {
    await addPerson(t, { id: 'jd', name: 'Jo Dean', initials: 'JD', email: 'jo.dean@norfolk.gov.uk', rights: [{ role: 'auditor' }] });
    await givePassword(t, 'jd');
    const session = await signIn(t, 'jo.dean@norfolk.gov.uk');
    await t.http().get('/api/board').set('Cookie', session.cookie).expect(200);
    await deactivate(t, 'jd');
    const res = await t.http().get('/api/board').set('Cookie', session.cookie).expect(401);
    expect(res.body.message).toMatch(/deactivated/);
    const again = await t.http().post('/api/session').send({ email: 'jo.dean@norfolk.gov.uk', password: GOOD_PASSWORD }).expect(401);
    expect(again.body.message).toMatch(/deactivated/);
  });
});

describe('the session cookie over TLS', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a reverse proxy that ends TLS: the tracker believes its X-Forwarded-Proto.
    t = await startTestApp({ env: { RAG_LEDGER_TRUST_PROXY: 'loopback' } });
    await addPerson(t, { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await givePassword(t, 'cs');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('is Secure when the request came over https, and not when it came over http', async () => {
    const send = (proto: string) => t.http().post('/api/session').set('X-Forwarded-Proto', proto).send({ email: 'chris.snudden@norfolk.gov.uk', password: GOOD_PASSWORD }).expect(204);
    expect(([] as string[]).concat((await send('https')).headers['set-cookie'])[0]).toMatch(/; Secure/);
    expect(([] as string[]).concat((await send('http')).headers['set-cookie'])[0]).not.toMatch(/Secure/);
  });
});
