import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { DEMO_BANNER_TEXT } from '@rag-ledger/contract';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { IMPROVEMENT_BOARD_ID, playDemo } from '../../apps/api/src/demo/play-demo';
import { seriousViolations } from '../support/axe';
import { closeBrowserAndApp, isSignedOutProbe, launchChromium, LONG_SESSIONS, newContext, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, type TestPerson } from '../support/browser';
import { bearer, startTestApp, tempDataDir, TEST_SECRET, TestClock, tokenFor, type TestApp } from '../support/test-app';

jest.setTimeout(400_000);

/**
 * The demo history is the fixture (playDemo, four months: three Improvement Board packs
 * issued, the fourth meeting scheduled): a board member signs in, sees the demo banner, goes
 * from the overview to Meetings, the Improvement Board, its last meeting with a pack, and opens
 * the pack as HTML, which shows the meeting's title and its stamp. The meetings pages pass axe.
 */
describe('a board member from the overview to the last meeting\'s pack, in a browser', () => {
  const dataDir = tempDataDir();
  const adminToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  let member: TestPerson = { id: 'ib-member', name: 'Improvement Board Member', initials: 'IBM', email: 'member@norfolk.example', password: 'harbour-lantern-meadow-58', rights: [{ role: 'board' }] };
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let lastMeeting: { id: string; title: string; pack: { position: number } };

  beforeAll(async () => {
    requireBrowserAndBuild();
    await playDemo({ config: loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }), months: 4 });
    t = await startTestApp({ dataDir, clock: new TestClock(new Date('2014-01-31T17:00:00.000Z')), env: LONG_SESSIONS });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const meetings = (await t.http().get(`/api/boards/${IMPROVEMENT_BOARD_ID}/meetings`).set(bearer(adminToken)).expect(200)).body as Array<typeof lastMeeting | { pack: null }>;
    lastMeeting = meetings.filter((m): m is typeof lastMeeting => m.pack !== null).at(-1) as typeof lastMeeting;
    member = await setUpPerson(t.http, adminToken, member);
    browser = await launchChromium();
    page = await (await newContext(browser)).newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) problems.push(`console error: ${message.text()}`);
    });
    await signInWithPassword(page, base, member, '/#/');
  });
  afterAll(async () => {
    await closeBrowserAndApp(browser, t);
  });

  it('shows the demo banner on the overview', async () => {
    await page.waitForSelector('table.overview');
    const banner = page.locator('#demo-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toBe(DEMO_BANNER_TEXT);
  });

  it('goes from the overview to Meetings, the Improvement Board and its last meeting, each page passing axe', async () => {
    await page.click('#main a[href="#/meetings"]');
    await page.waitForSelector(`table.boards tr[data-board="${IMPROVEMENT_BOARD_ID}"]`);
    expect(await seriousViolations(page, 'the meetings page')).toBe('');
    const row = page.locator(`tr[data-board="${IMPROVEMENT_BOARD_ID}"]`);
    expect(await row.textContent()).toContain(lastMeeting.title);
    await row.locator('th a').click();
    await page.waitForSelector(`table.meetings tr[data-meeting="${lastMeeting.id}"]`);
    expect(await page.locator('#demo-banner').isVisible()).toBe(true);
    expect(await page.locator('table.board-actions tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page, "the board's meetings page")).toBe('');
    await page.locator(`tr[data-meeting="${lastMeeting.id}"] th a`).click();
    await page.waitForSelector('.pack-stamp');
    expect(await page.locator('h1').textContent()).toBe(lastMeeting.title);
    expect(await page.locator('.pack-stamp').textContent()).toContain(String(lastMeeting.pack.position));
    expect(await seriousViolations(page, 'the meeting page')).toBe('');
    await page.screenshot({ path: join(SHOTS, 'meeting.png'), fullPage: true });
  });

  it("opens the meeting's pack as HTML: its title and its stamp", async () => {
    await page.click('a[data-format="html"]');
    await page.waitForSelector('.stamp');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain(lastMeeting.title);
    expect(text).toContain(`Log position: ${lastMeeting.pack.position}`);
    expect(problems).toEqual([]);
  });
});
