import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import type request from 'supertest';
import type { Right } from '@rag-ledger/contract';
import { requireCurrentBuild } from './built-code';
import { bearer, removeDataDir, type TestApp } from './test-app';

/** What the browser tests share: Debian's Chromium, the built board, and people who sign in with passwords. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-artifacts/screenshots');
export const STEP = 15_000;

/** Fails with what to do when Chromium or the built board is missing. */
export function requireBrowserAndBuild(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is needed for the browser test and was not found at ${CHROMIUM}. ` +
        'Install it with: apt-get update && apt-get install -y chromium (as root; .ci/run does this), ' +
        'or set CHROMIUM_PATH to another Chromium.',
    );
  }
  requireCurrentBuild();
  const index = join(ROOT, 'dist/web/index.html');
  if (!existsSync(index)) throw new Error(`The web board is not built (${index} is missing): run node scripts/ensure-built.js, or npm test, which builds first.`);
  mkdirSync(SHOTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  context.setDefaultTimeout(STEP);
  return context;
}

/**
 * Sessions end by the tracker's clock, which the browser tests move by hours between steps (to
 * record changes on the days a plan's history needs): the longest idle and absolute expiry
 * allowed, so a test's session lasts while its story does. The expiry itself is tested with
 * the defaults (people.e2e-spec.ts).
 */
export const LONG_SESSIONS = { RAG_LEDGER_SESSION_IDLE_MINUTES: '1440', RAG_LEDGER_SESSION_MAX_HOURS: '168' };

/** A person of the directory who signs in with a password, set up as an admin would. */
export interface TestPerson {
  id: string;
  name: string;
  initials: string;
  jobTitle?: string;
  email: string;
  password: string;
  rights: Right[];
}

type Http = () => ReturnType<typeof request>;

const ok = (what: string, res: { status: number; body: unknown; text?: string }) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text ?? JSON.stringify(res.body)}`);
  return res;
};

/**
 * Adds the person through the API with a development admin token, grants their rights,
 * issues an invitation and accepts it with their password: what an administrator and the
 * person do, without the browser.
 */
export async function setUpPerson(http: Http, adminToken: string, person: Omit<TestPerson, 'id'> & { id?: string }): Promise<TestPerson> {
  const added = ok(
    `adding ${person.name}`,
    await http().post('/api/people').set(bearer(adminToken)).send({ ...(person.id ? { id: person.id } : {}), name: person.name, initials: person.initials, jobTitle: person.jobTitle, email: person.email }),
  );
  const id = (added.body as { id: string }).id;
  for (const right of person.rights) {
    ok(`granting ${right.role} to ${person.name}`, await http().post(`/api/people/${id}/grants`).set(bearer(adminToken)).send({ ...right, reason: 'Set up for the browser test' }));
  }
  const invited = ok(`inviting ${person.name}`, await http().post(`/api/people/${id}/invitations`).set(bearer(adminToken)).send({}));
  const token = invitationTokenOf((invited.body as { link: string }).link);
  ok(`accepting ${person.name}'s invitation`, await http().post(`/api/invitations/${encodeURIComponent(token)}/accept`).send({ password: person.password }));
  return { ...person, id };
}

/** The token at the end of an invitation's link (`.../#/invitations/<token>`). */
export const invitationTokenOf = (link: string): string => decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

/** Signs in through the page's form, by mouse (the keyboard test does it with keys alone). */
export async function signInWithPassword(page: Page, base: string, person: Pick<TestPerson, 'email' | 'password'>, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`, { timeout: STEP });
  await page.waitForSelector('form[data-form="signin"] #email', { timeout: STEP });
  await page.fill('#email', person.email);
  await page.fill('#password', person.password);
  await page.click('form[data-form="signin"] button[type="submit"]');
  await page.waitForSelector('#user .name', { timeout: STEP }).catch(async (error: Error) => {
    // Say what the page said instead of only that it timed out.
    const shown = await page.innerText('main').catch(() => '(no page)');
    throw new Error(`${person.email} could not sign in: ${error.message}\nThe page shows: ${shown.slice(0, 500)}`);
  });
}

/** Nothing in page storage: the session is the httpOnly cookie alone. */
export async function pageStorage(page: Page): Promise<{ session: number; local: number }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as { sessionStorage: { length: number }; localStorage: { length: number } };
    return { session: w.sessionStorage.length, local: w.localStorage.length };
  });
}

/**
 * Chromium logs every refused request as a console error. A page opening signed out asks
 * GET /api/session and gets 401: expected, since the cookie is httpOnly and asking is the
 * only way to know. Every other refusal counts.
 */
export const isSignedOutProbe = (message: ConsoleMessage): boolean => /status of 401/.test(message.text()) && message.location().url.endsWith('/api/session');

/**
 * The browser specs' teardown: the browser first (its pages hold live streams open to the
 * app), then the app, then its data directory. Either may be missing when set-up failed part way.
 */
export async function closeBrowserAndApp(browser: Browser | undefined, app: TestApp | undefined): Promise<void> {
  await browser?.close().catch(() => undefined);
  if (!app) return;
  await app.close();
  removeDataDir(app.dataDir);
}
