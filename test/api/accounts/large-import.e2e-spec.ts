import { addPerson, givePassword, signIn, type SignedInSession } from '../../support/accounts';
import { removeDataDir, startTestApp, type TestApp } from '../../support/test-app';

/** Only an admin may make the server read a plan file over 256 kB: by session and personal token too. */
describe('large imports by session and personal token', () => {
  let t: TestApp;
  let admin: SignedInSession;
  let owner: SignedInSession;
  const big = JSON.stringify({ plans: [], comment: 'p'.repeat(1024 * 1024) });
  const importAs = (session: SignedInSession, csrf = session.csrfToken) =>
    t.http().post('/api/import').set('Cookie', session.cookie).set('X-CSRF-Token', csrf).set('Content-Type', 'application/json').send(big);

  beforeAll(async () => {
    t = await startTestApp();
    await addPerson(t, { id: 'ada', name: 'Ada Admin', initials: 'AA', email: 'ada@norfolk.gov.uk', rights: [{ role: 'admin' }] });
    await addPerson(t, { id: 'ab', name: 'Andrea Brown', initials: 'AB', email: 'andrea.brown@norfolk.gov.uk', rights: [{ role: 'owner', planId: 'SIP' }] });
    await givePassword(t, 'ada');
    await givePassword(t, 'ab');
    admin = await signIn(t, 'ada@norfolk.gov.uk');
    owner = await signIn(t, 'andrea.brown@norfolk.gov.uk');
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('reads a 1 MB file from an admin\'s session (with its CSRF token) and personal token', async () => {
    expect((await importAs(admin).expect(200)).body).toMatchObject({ rowsRead: 0, events: 0 });
    const { token } = (await t.http().post('/api/tokens').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).send({ name: 'Importer' }).expect(201)).body;
    await t.http().post('/api/import').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(big).expect(200);
  });

  it('refuses it with 413 from an owner, and from an admin\'s session without its CSRF token', async () => {
    await importAs(owner).expect(413);
    await importAs(admin, 'wrong').expect(413);
  });
});
