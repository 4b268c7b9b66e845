import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { directoryEvents, GOOD_PASSWORD, signIn, tokenOfLink } from '../../support/accounts';
import { built } from '../../support/built-code';
import { removeDataDir, startTestApp, tempDataDir, type TestApp } from '../../support/test-app';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/api/src/cli/admin-create.js');

/** `npm run admin:create`: the first administrator, and their set-up link on the last line. */
describe('admin:create', () => {
  let dataDir: string;
  let t: TestApp | undefined;
  const adminCreate = (args: string[]) =>
    run(process.execPath, [built(CLI), ...args], { env: { ...process.env, RAG_LEDGER_DATA_DIR: dataDir, PORT: '3456', LOG_LEVEL: 'silent' } });
  const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1) as string;

  beforeEach(() => (dataDir = tempDataDir()));
  afterEach(async () => {
    await t?.close();
    t = undefined;
    removeDataDir(dataDir);
  });

  it('adds the person, grants admin ("First administrator"), and prints a set-up link that lets them sign in as admin', async () => {
    const { stdout } = await adminCreate(['--email', 'Ada.Lovelace@Norfolk.gov.uk', '--name', 'Ada Lovelace']);
    const link = lastLine(stdout);
    expect(link).toMatch(/^http:\/\/localhost:3456\/#\/invitations\/[A-Za-z0-9_-]{43}$/);
    t = await startTestApp({ dataDir });
    const events = await directoryEvents(t);
    const actor = { id: 'admin-create', name: 'First administrator set-up (command line)', role: 'admin' };
    expect(events).toEqual([
      { type: 'PersonAdded', data: { personId: 'al', name: 'Ada Lovelace', initials: 'AL', email: 'ada.lovelace@norfolk.gov.uk' }, actor },
      { type: 'RoleGranted', data: { personId: 'al', role: 'admin', reason: 'First administrator' }, actor },
      { type: 'PersonInvited', data: { personId: 'al', invitationId: expect.any(String), purpose: 'invitation', expiresAt: expect.any(String) }, actor },
    ]);
    // The link's token is in neither the log nor the credential store.
    expect(JSON.stringify(events)).not.toContain(tokenOfLink(link));
    expect(readFileSync(join(dataDir, 'credentials.db')).includes(Buffer.from(tokenOfLink(link)))).toBe(false);

    await t.http().post(`/api/invitations/${tokenOfLink(link)}/accept`).send({ password: GOOD_PASSWORD }).expect(204);
    const session = await signIn(t, 'ada.lovelace@norfolk.gov.uk');
    const me = await t.http().get('/api/session').set('Cookie', session.cookie).expect(200);
    expect(me.body).toMatchObject({ person: { id: 'al', name: 'Ada Lovelace', initials: 'AL' }, rights: [{ role: 'admin' }] });
  });

  it('refuses an active admin who has a password (exit 1, nothing written), unless --reset, which issues a reset link', async () => {
    const first = await adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace', '--initials', 'ALo']);
    t = await startTestApp({ dataDir });
    await t.http().post(`/api/invitations/${tokenOfLink(lastLine(first.stdout))}/accept`).send({ password: GOOD_PASSWORD }).expect(204);
    const before = (await directoryEvents(t)).length;

    await expect(adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace'])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/already an administrator with a password.*--reset/) });
    expect((await directoryEvents(t)).length).toBe(before);

    const reset = await adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace', '--reset']);
    const events = await directoryEvents(t);
    expect(events.slice(before)).toEqual([{ type: 'PersonInvited', data: expect.objectContaining({ personId: 'alo', purpose: 'reset' }), actor: expect.anything() }]);
    await t.http().post(`/api/invitations/${tokenOfLink(lastLine(reset.stdout))}/accept`).send({ password: 'a second harbour kettle' }).expect(204);
    await signIn(t, 'ada@norfolk.gov.uk', 'a second harbour kettle');
  });

  it('run again before the link was used, issues a new link that replaces the first', async () => {
    const first = await adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace']);
    const second = await adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace']);
    expect(second.stdout).toMatch(/already in the directory/);
    t = await startTestApp({ dataDir });
    expect((await directoryEvents(t)).map((e) => e.type)).toEqual(['PersonAdded', 'RoleGranted', 'PersonInvited', 'PersonInvited']);
    await t.http().post(`/api/invitations/${tokenOfLink(lastLine(first.stdout))}/accept`).send({ password: GOOD_PASSWORD }).expect(410);
    await t.http().post(`/api/invitations/${tokenOfLink(lastLine(second.stdout))}/accept`).send({ password: GOOD_PASSWORD }).expect(204);
  });

  it('needs --email and --name (exit 2, with the usage)', async () => {
    await expect(adminCreate(['--name', 'Ada Lovelace'])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--email is required[\s\S]*usage: npm run admin:create/) });
    await expect(adminCreate(['--email', 'ada@norfolk.gov.uk'])).rejects.toMatchObject({ code: 2 });
    await expect(adminCreate(['--email', 'ada@norfolk.gov.uk', '--name', 'Ada', '--role', 'admin'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('admin:create on EventStoreDB', () => {
  it('writes the same events through the EventStoreDB adapter (on the in-memory stand-in of its client)', async () => {
    const { EventStoreDbEventStore } = await import('@rag-ledger/event-store');
    const { FakeEventStoreDb } = await import('../../event-store/esdb-stand-in');
    const { CredentialStore, Invitations } = await import('@rag-ledger/identity');
    const { createFirstAdmin, FIRST_ADMIN_ACTOR } = await import('../../../apps/api/src/accounts/first-admin');
    const { loadConfig } = await import('../../../apps/api/src/config/app-config');
    const { DIRECTORY_ID, peopleDecider } = await import('@rag-ledger/domain');
    const { readStreamOrEmpty } = await import('@rag-ledger/event-store');
    const { TestClock } = await import('../../support/test-app');

    const store = new EventStoreDbEventStore(new FakeEventStoreDb().client());
    const credentials = CredentialStore.inMemory();
    const clock = new TestClock();
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', RAG_LEDGER_PUBLIC_URL: 'https://rag-ledger.norfolk.gov.uk' });
    try {
      const issued = await createFirstAdmin(store, credentials, config, clock, { email: 'ada@norfolk.gov.uk', name: 'Ada Lovelace' });
      expect(issued.link).toMatch(/^https:\/\/rag-ledger\.norfolk\.gov\.uk\/#\/invitations\/[A-Za-z0-9_-]{43}$/);
      const events = await readStreamOrEmpty(store, peopleDecider.streamOf(DIRECTORY_ID));
      expect(events.map((e) => [e.type, (e.metadata as { actor: unknown }).actor])).toEqual([
        ['PersonAdded', FIRST_ADMIN_ACTOR],
        ['RoleGranted', FIRST_ADMIN_ACTOR],
        ['PersonInvited', FIRST_ADMIN_ACTOR],
      ]);
      const found = new Invitations(credentials, clock, config.identity).find(tokenOfLink(issued.link));
      expect('invitation' in found && found.invitation.personId).toBe('al');
    } finally {
      credentials.close();
      await store.close();
    }
  });
});
