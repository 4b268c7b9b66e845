import type { AddressInfo } from 'node:net';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { closeBrowserAndApp, isSignedOutProbe, launchChromium, newContext, requireBrowserAndBuild, setUpPerson, signInWithPassword, STEP, type TestPerson } from '../support/browser';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * The Reminders page in a real browser: an admin finds it in the navigation and sees who was
 * reminded before which meeting, about which actions, with a link to the digest written without
 * SMTP (which downloads the .eml); an owner is offered no such link.
 */
describe('the reminders page on the web board', () => {
  const clock = new TestClock(new Date('2014-03-03T09:00:00.000Z'));
  const setupToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  let ada: TestPerson = { id: 'ada', name: 'Ada Admin', initials: 'AA', email: 'ada.admin@norfolk.example', password: 'saffron-ladder-orbit-71', rights: [{ role: 'admin' }] };
  let chris: TestPerson = { id: 'cs', name: 'Chris Snudden', initials: 'CS', email: 'chris.snudden@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'EDU' }] };
  let t: TestApp | undefined;
  let base: string;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const watch = (page: Page) =>
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) problems.push(message.text());
    });
  const post = async (path: string, body: object) => {
    const res = await t!.http().post(path).set(bearer(setupToken)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  beforeAll(async () => {
    requireBrowserAndBuild();
    t = await startTestApp({ clock, env: { RAG_LEDGER_REMINDER_CHECK_MINUTES: '0' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' });
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Schools causing concern' });
    ada = await setUpPerson(t.http, setupToken, ada);
    chris = await setUpPerson(t.http, setupToken, chris);
    await post('/api/plans/EDU/actions', { id: 'EDU.2.1', ref: '2.1', workstreamId: 'EDU.P2', title: 'Chairs of Governors told of the category', owners: ['CS'], targetDate: '2014-01-31' });
    await post('/api/boards', { id: 'IB', name: "Children's Services Improvement Board", planIds: ['EDU'] });
    await post('/api/boards/IB/meetings', { id: 'IB-2014-03-12', date: '2014-03-12', title: 'Improvement Board, March', papersDueOn: '2014-03-05' });
    const last = await post('/api/plans/EDU/actions', { id: 'EDU.2.2', ref: '2.2', workstreamId: 'EDU.P2', title: 'Termly visits', owners: ['CS'], targetDate: '2014-06-30' });
    await t.http().get(`/api/board?minPosition=${last.body.position}`).set(bearer(setupToken)).expect(200);
    await post('/api/meetings/IB-2014-03-12/reminders', {});
    browser = await launchChromium();
  });
  afterAll(() => closeBrowserAndApp(browser, t));

  it('shows an admin who was reminded before the meeting, about which action, with the written digest to open', async () => {
    const context = await newContext(browser!);
    const page = await context.newPage();
    watch(page);
    await signInWithPassword(page, base, ada);
    await page.click('#nav a[data-nav="reminders"]', { timeout: STEP });
    await page.waitForSelector('h2:has-text("Meeting IB-2014-03-12")', { timeout: STEP });
    const row = page.locator('table.reminders tbody tr');
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('th, td').allInnerTexts();
    expect(cells.map((c) => c.trim())).toEqual(['CS', 'chris.snudden@norfolk.example', '3 Mar 2014, 09:00', 'Written to the data directory (open the digest)', 'EDU.2.1']);
    expect(await row.first().locator('a[href="#/actions/EDU.2.1"]').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP }), row.first().locator('a:has-text("open the digest")').click()]);
    expect(download.suggestedFilename()).toBe('IB-2014-03-12-CS.eml');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('offers an owner no Reminders page in the navigation', async () => {
    const context = await newContext(browser!);
    const page = await context.newPage();
    await signInWithPassword(page, base, chris);
    expect(await page.locator('#nav a[data-nav="reminders"]').isVisible()).toBe(false);
    expect(await page.locator('#nav a[data-nav="me"]').isVisible()).toBe(true);
    await context.close();
  });
});
