import { DIRECTORY_ID, directoryStream } from '@rag-ledger/domain';
import { Directory, principalOfPerson } from '../../../apps/api/src/accounts/directory';
import { addPerson, adminToken, givePassword, signIn } from '../../support/accounts';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * School rights for people, as events: a headteacher or chair of governors holds `{ role:
 * 'school', urn }` for their own school, a local member `{ role: 'board', urn }` for a school
 * of their division. Granted and revoked through the people routes; a person signed in with
 * one carries that school in their principal, so the register shows them that school only.
 */
describe('school rights for people', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  let t: TestApp;
  let last = 0;

  const post = async (path: string, body: object, token = adminToken()) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (typeof res.body.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const directoryEvents = async (): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId === directoryStream(DIRECTORY_ID));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await addPerson(t, { id: 'jh', name: 'Jo Head', initials: 'JH', email: 'head@ashwell.norfolk.sch.uk' });
    await addPerson(t, { id: 'lm', name: 'Lee Member', initials: 'LM', email: 'lee.member@norfolk.gov.uk', rights: [{ role: 'board' }] });
    await givePassword(t, 'lm');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('grants a headteacher their school and a local member a named school: SchoolRightGranted events with the reason, the rights answered with urn', async () => {
    clock.set('2013-12-02T10:00:00.000Z');
    const head = await post('/api/people/jh/grants', { role: 'school', urn: '121212', reason: 'Headteacher of Ashwell Primary' });
    expect(head.status).toBe(201);
    expect(head.body).toMatchObject({ id: 'jh', rights: [{ role: 'school', urn: '121212' }], active: true });
    // Holding no right before, the headteacher could not set a password (nothing to see); now they can.
    await givePassword(t, 'jh');
    const member = await post('/api/people/lm/grants', { role: 'board', urn: '654321', reason: 'Local member for Breckland' });
    expect(member.body.rights).toEqual([{ role: 'board' }, { role: 'board', urn: '654321' }]);
    const events = (await directoryEvents()).filter((e) => e.type === 'SchoolRightGranted');
    expect(events.map((e) => [e.type, e.data, e.metadata.actor.id, e.metadata.at])).toEqual([
      ['SchoolRightGranted', { personId: 'jh', role: 'school', urn: '121212', reason: 'Headteacher of Ashwell Primary' }, 'admin-1', '2013-12-02T10:00:00.000Z'],
      ['SchoolRightGranted', { personId: 'lm', role: 'board', urn: '654321', reason: 'Local member for Breckland' }, 'admin-1', '2013-12-02T10:00:00.000Z'],
    ]);
    // The directory's read model lists them too (as it stood then, and now).
    const person = await t.http().get(`/api/people/jh?minPosition=${last}`).set(bearer(adminToken())).expect(200);
    expect(person.body.rights).toEqual([{ role: 'school', urn: '121212' }]);
    const before = await t.http().get(`/api/people/jh?asOf=2013-12-01T00:00:00.000Z&minPosition=${last}`).set(bearer(adminToken())).expect(200);
    expect(before.body.rights).toEqual([]);
  });

  it('refuses the school role without a URN (422), a URN on a role that takes none (422), a URN not of six digits (400), and from anyone but an admin (403); nothing is appended', async () => {
    const before = (await directoryEvents()).length;
    const noUrn = await post('/api/people/jh/grants', { role: 'school', reason: 'r' });
    expect(noUrn.status).toBe(422);
    expect(noUrn.body.message).toMatch(/say which school \(urn/);
    const officerWithUrn = await post('/api/people/jh/grants', { role: 'officer', urn: '121212', reason: 'r' });
    expect(officerWithUrn.status).toBe(422);
    expect(officerWithUrn.body.message).toMatch(/held across the council, not for one school/);
    const badUrn = await post('/api/people/jh/grants', { role: 'school', urn: '12-12', reason: 'r' });
    expect(badUrn.status).toBe(400);
    expect(JSON.stringify(badUrn.body.message)).toMatch(/urn must be a school URN: six digits/);
    for (const token of [tokenFor('officer'), tokenFor('school', { schools: ['121212'] }), tokenFor('board', { schools: ['121212'] })]) {
      expect((await post('/api/people/jh/grants', { role: 'school', urn: '131313', reason: 'r' }, token)).status).toBe(403);
    }
    expect((await post('/api/people/jh/revocations', { role: 'school', urn: '131313', reason: 'r' })).status).toBe(422);
    expect(await directoryEvents()).toHaveLength(before);
  });

  it("a person signed in with a school right carries that school: the session lists it, and the principal's schools are that URN", async () => {
    const session = await signIn(t, 'head@ashwell.norfolk.sch.uk');
    const answer = await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    expect(answer.body.rights).toEqual([{ role: 'school', urn: '121212' }]);
    const me = await t.http().get('/api/me').set('Cookie', session.cookie).expect(200);
    expect(me.body.rights).toEqual([{ role: 'school', urn: '121212' }]);
    // The register shows the headteacher their own school, and refuses another (the same 403 whether or not it exists).
    await post('/api/schools', { urn: '121212', name: 'Ashwell Primary School', phase: 'primary', type: 'maintained' });
    await post('/api/schools', { urn: '131313', name: 'Breckland High School', phase: 'secondary', type: 'maintained' });
    const own = await t.http().get(`/api/schools/121212?minPosition=${last}`).set('Cookie', session.cookie).expect(200);
    expect(own.body.school).toMatchObject({ urn: '121212', name: 'Ashwell Primary School' });
    const register = await t.http().get(`/api/schools?minPosition=${last}`).set('Cookie', session.cookie).expect(200);
    expect(register.body.schools.map((s: { urn: string }) => s.urn)).toEqual(['121212']);
    const other = await t.http().get(`/api/schools/131313?minPosition=${last}`).set('Cookie', session.cookie).expect(403);
    const missing = await t.http().get(`/api/schools/999999?minPosition=${last}`).set('Cookie', session.cookie).expect(403);
    expect(other.body).toEqual(missing.body);
    const directory = t.app.get(Directory);
    expect(principalOfPerson((await directory.person('jh'))!)).toMatchObject({ id: 'jh', roles: ['school'], schools: ['121212'] });
    expect(principalOfPerson((await directory.person('lm'))!)).toMatchObject({ id: 'lm', roles: ['board'], schools: ['654321'] });
  });

  it('a development token for a school lists its school as the directory would', async () => {
    const me = await t.http().get('/api/me').set(bearer(tokenFor('school', { user: 'h2', name: 'Head Two', schools: ['131313'] }))).expect(200);
    expect(me.body.rights).toEqual([{ role: 'school', urn: '131313' }]);
  });

  it('revokes a school right: SchoolRightRevoked, and the next request of that session holds no school', async () => {
    const session = await signIn(t, 'head@ashwell.norfolk.sch.uk');
    const res = await post('/api/people/jh/revocations', { role: 'school', urn: '121212', reason: 'Moved to another school' });
    expect(res.status).toBe(200);
    expect(res.body.rights).toEqual([]);
    expect((await directoryEvents()).at(-1)).toMatchObject({ type: 'SchoolRightRevoked', data: { personId: 'jh', role: 'school', urn: '121212', reason: 'Moved to another school' } });
    const answer = await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    expect(answer.body.rights).toEqual([]);
    await t.http().get(`/api/schools/121212?minPosition=${last}`).set('Cookie', session.cookie).expect(403);
  });
});
