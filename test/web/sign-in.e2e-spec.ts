import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import request from 'supertest';
import { isSignedOutProbe, launchChromium, newContext, pageStorage, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson } from '../support/browser';
import { built } from '../support/built-code';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc/test-oidc-provider';
import { bearer, removeDataDir, TEST_SECRET, tempDataDir, tokenFor } from '../support/test-app';

/**
 * The issue's "Done when", in a real browser against the built server run as its own
 * process (single sign-on's client library is an ES module, which jest cannot load, so the
 * server runs as it does in production) and a real OpenID provider started by the test:
 * sign in with a password and with single sign-on, land an owner on My actions, update an
 * action and see the person's name in its history; a revoked owner's next request is refused
 * and the page says so.
 */
jest.setTimeout(240_000);

const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');

type El = { innerText: string; dataset: Record<string, string | undefined> };

/** A port free now on loopback, so the redirect URI can be known before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; output: () => string } {
  const child = spawn(process.execPath, [built(MAIN)], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
      if (/listening on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${output}`));
    });
  });
  return { child, ready, output: () => output };
}

describe('signing in to the web board (the issue is done when...)', () => {
  const admin = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  let andrea: TestPerson = {
    id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Social Work', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'SIP' }],
  };
  const chris = { id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.example' };
  let dataDir: string;
  let base: string;
  let server: ReturnType<typeof startServer> | undefined;
  let provider: TestOidcProvider | undefined;
  let browser: Browser;
  const problems: string[] = [];
  const http = () => request(base);
  const watch = (page: Page, name: string) => {
    page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      // The test provider's pages (its favicon.ico is a 404) are not the tracker's.
      const ours = page.url().startsWith(base) && (message.location().url === '' || message.location().url.startsWith(base));
      if (ours && message.type() === 'error' && !isSignedOutProbe(message) && !/status of (401|403)/.test(message.text())) problems.push(`${name}: console: ${message.text()} (${message.location().url})`);
    });
  };
  const post = async (path: string, body: object) => {
    const res = await http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { position: number };
  };

  beforeAll(async () => {
    requireBrowserAndBuild();
    dataDir = tempDataDir();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestOidcProvider({
      accounts: [{ sub: 'entra-cs-0001', email: chris.email, email_verified: true, name: chris.name }],
      redirectUri: `${base}/api/auth/oidc/callback`,
    });
    server = startServer({
      PORT: String(port),
      RAG_LEDGER_DATA_DIR: dataDir,
      RAG_LEDGER_JWT_SECRET: TEST_SECRET,
      RAG_LEDGER_PUBLIC_URL: base,
      RAG_LEDGER_OIDC_ISSUER: provider.issuer,
      RAG_LEDGER_OIDC_CLIENT_ID: provider.clientId,
      RAG_LEDGER_OIDC_CLIENT_SECRET: provider.clientSecret,
      RAG_LEDGER_OIDC_LABEL: 'Sign in with the council account',
    });
    await server.ready;

    // One plan with actions for AB and CS: one overdue, one due within 30 days, one later.
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' });
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Hold schools to account' });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.1', ref: '1', workstreamId: 'SIP.PS', title: 'Audit every open case file', owners: ['AB'], targetDate: day(200) });
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.2', ref: '2', workstreamId: 'SIP.PS', title: 'Supervision policy signed off', owners: ['AB', 'AH'], targetDate: day(-10) });
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.3', ref: '3', workstreamId: 'SIP.PS', title: 'Recruit two practice leads', owners: ['AB'], targetDate: day(12) });
    await post('/api/plans/EDU/actions', { id: 'EDU.P2.1', ref: '2.1', workstreamId: 'EDU.P2', title: 'Termly challenge visits to schools below good', owners: ['CS'], targetDate: day(20) });
    await post('/api/actions/SIP.PS.2/start', {});
    andrea = await setUpPerson(http, admin, andrea);
    // Chris signs in only with single sign-on: in the directory with his email and a right, no password.
    await post('/api/people', chris);
    await post(`/api/people/${chris.id}/grants`, { role: 'owner', planId: 'EDU', reason: 'Leads the education plan' });

    browser = await launchChromium();
  }, 200_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    server?.child.kill('SIGTERM');
    await provider?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('signs in with a password, lands the owner on My actions, and the update carries their name in the history', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    watch(page, 'password');
    await signInWithPassword(page, base, andrea);
    await page.waitForSelector('h1:has-text("My actions")');
    expect(new URL(page.url()).hash).toBe('#/me');
    const order = await page.$$eval('section.my-group tr[data-action-id]', (rows) => rows.map((r) => (r as unknown as El).dataset.actionId));
    expect(order).toEqual(['SIP.PS.2', 'SIP.PS.3', 'SIP.PS.1']); // overdue, within 30 days, later
    expect(await page.$$eval('section.my-group', (els) => els.map((e) => (e as unknown as El).dataset.due))).toEqual(['overdue', 'within-30-days', 'later']);
    await page.click('tr[data-action-id="SIP.PS.3"] a:has-text("Recruit two practice leads")');
    await page.waitForSelector('form[data-kind="start"]');
    await page.fill('#start-note', 'Adverts out; interviews in a fortnight');
    await page.click('form[data-kind="start"] button[type="submit"]');
    await page.waitForSelector('.notice-success:has-text("started at G")');
    const newest = page.locator('#timeline .entry').first();
    await expect(newest.getAttribute('data-type')).resolves.toBe('ActionStarted');
    await expect(newest.innerText()).resolves.toContain('Andrea Brown');
    const history = (await http().get('/api/actions/SIP.PS.3/history').set(bearer(admin)).expect(200)).body as Array<{ type: string; actor: { id: string; name: string } }>;
    expect(history.map((e) => [e.type, e.actor.id, e.actor.name])).toEqual([['ActionAdded', 'setup', 'Set-up Admin'], ['ActionStarted', 'ab', 'Andrea Brown']]);
    expect(await pageStorage(page)).toEqual({ session: 0, local: 0 });
    await page.screenshot({ path: join(SHOTS, 'done-when-password.png'), fullPage: true, timeout: STEP });
    await context.close();
  });

  it('signs in with single sign-on against a real OpenID provider and lands the owner on My actions', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    watch(page, 'sso');
    await page.goto(`${base}/`);
    await page.waitForSelector('#sso-button');
    await expect(page.textContent('#sso-button')).resolves.toBe('Sign in with the council account');
    await page.click('#sso-button');
    // The provider's own sign-in page (test/support/oidc/provider.mjs).
    await page.waitForSelector('form#sign-in input#email');
    await page.fill('form#sign-in input#email', chris.email);
    await page.click('button#sign-in-submit');
    await page.waitForSelector('h1:has-text("My actions")');
    expect(page.url()).toBe(`${base}/#/me`);
    await expect(page.textContent('#user .name')).resolves.toBe('Chris Snudden');
    await expect(page.textContent('#user .role')).resolves.toBe('Plan owner of EDU');
    const rows = await page.$$eval('section.my-group tr[data-action-id]', (r) => r.map((x) => (x as unknown as El).dataset.actionId));
    expect(rows).toEqual(['EDU.P2.1']);
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'rag_ledger_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await pageStorage(page)).toEqual({ session: 0, local: 0 });
    await context.close();
  });

  it("refuses a revoked owner's next request, and the page says so", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    watch(page, 'revoked');
    await signInWithPassword(page, base, andrea, '/#/actions/SIP.PS.1');
    await page.waitForSelector('form[data-kind="start"]');
    await post('/api/people/ab/revocations', { role: 'owner', planId: 'SIP', reason: 'Moved to another council' });
    await page.click('form[data-kind="start"] button[type="submit"]');
    await page.waitForSelector('form[data-kind="start"] .form-error:not(:empty)');
    await expect(page.textContent('form[data-kind="start"] .form-error')).resolves.toMatch(/^Not allowed: /);
    const history = (await http().get('/api/actions/SIP.PS.1/history').set(bearer(admin)).expect(200)).body as Array<{ type: string }>;
    expect(history.map((e) => e.type)).toEqual(['ActionAdded']);
    await page.screenshot({ path: join(SHOTS, 'done-when-revoked.png'), fullPage: true, timeout: STEP });
    expect(problems).toEqual([]);
    await context.close();
  });
});
