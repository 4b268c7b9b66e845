import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { isSignedOutProbe, launchChromium, LONG_SESSIONS, newContext, pageStorage, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { loadNorfolkThroughApi, readNorfolk } from '../support/norfolk';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The web board in a real browser (Debian's Chromium driven by playwright-core):
 * sign in with an email and password, a plan board loaded with the real Norfolk actions, a RAG
 * change made in a second page reaching the first one live, the action's timeline,
 * the as-of picker, a conflicting update (409), filters, keyboard, print, and
 * screenshots under test-artifacts/screenshots.
 */
jest.setTimeout(180_000);

/** What the page functions below read of an element (the tests are type-checked without the DOM library). */
type El = { innerText: string; textContent: string | null; id: string; tagName: string; dataset: Record<string, string | undefined>; classList: { contains(name: string): boolean } };
type Win = {
  document: { querySelector(s: string): El | null; querySelectorAll(s: string): { length: number }; getElementById(id: string): El | null; activeElement: El | null };
  notReloaded?: boolean;
};

describe('the web board in a browser', () => {
  const clock = new TestClock(new Date('2013-10-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  /** The API set-up acts for the owner with a development token; in the browser people sign in with their passwords. */
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let chair: TestPerson = { id: 'chair', name: 'Independent Chair', initials: 'IC', email: 'chair@norfolk.example', password: 'lantern-harbour-quietly-93', rights: [{ role: 'board' }] };
  let andrea: TestPerson = {
    id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Social Work', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'SIP' }],
  };
  const sip = readNorfolk().plans.find((p) => p.id === 'SIP')!;
  const sipActions = sip.workstreams.flatMap((w) => w.actions);
  const target = sipActions[0]; // SIP.PS.1.1.1, owners AB/AH
  const row = (id: string) => `tr[data-action-id="${id}"]`;

  let t: TestApp;
  let base: string;
  let browser: Browser;
  let boardContext: BrowserContext;
  let ownerContext: BrowserContext;
  let boardPage: Page;
  let ownerPage: Page;
  const problems: string[] = [];

  const post = async (path: string, body: object, token = admin, headers: Record<string, string> = {}) => {
    const res = await t.http().post(path).set(bearer(token)).set(headers).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { revision: number; position: number };
  };

  const watch = (page: Page, name: string) => {
    page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      // The 409 of the conflict test is expected, and so is asking who is signed in on opening.
      if (message.type() === 'error' && !/status of 409/.test(message.text()) && !isSignedOutProbe(message)) problems.push(`${name}: console error: ${message.text()}`);
    });
  };

  const shot = (page: Page, file: string) => page.screenshot({ path: join(SHOTS, file), fullPage: true, timeout: STEP });

  const signedIn = new Set<Page>();
  const signIn = async (page: Page, person: TestPerson, path = '/') => {
    await signInWithPassword(page, base, person, path);
    signedIn.add(page);
  };
  // Each test gets the page it starts from, and the data it reads, whether the tests before it
  // ran (in order, nothing is reloaded: each test leaves the page where the next one starts) or
  // it runs alone with -t.
  const signedInAs = async (page: Page, person: TestPerson) => {
    if (!signedIn.has(page)) await signIn(page, person);
  };
  /** The page signed in and at `route` (#/...), then `ready` shown. */
  const showing = async (page: Page, person: TestPerson, route: string, ready: string) => {
    if (!signedIn.has(page)) await signIn(page, person, `/${route}`);
    else if (new URL(page.url()).hash !== route) await page.goto(`${base}/${route}`, { timeout: STEP });
    await page.waitForSelector(ready);
  };
  const RED_REASON = 'Mapping facilitators <b>not</b> recruited; "escalated" to the DCS & chair';
  /** The owner's change of the target to Red on 20 Nov 2013, made in the browser by the live-update test or, without it, here. */
  let turnedRed: Promise<unknown> | undefined;
  const targetTurnedRed = () =>
    (turnedRed ??= (async () => {
      clock.set('2013-11-20T15:30:00.000Z');
      await post(`/api/actions/${target.id}/rag`, { rag: 'R', reason: RED_REASON }, owner);
    })());

  beforeAll(async () => {
    requireBrowserAndBuild();

    t = await startTestApp({ clock, env: LONG_SESSIONS });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await loadNorfolkThroughApi(t.http, admin);
    chair = await setUpPerson(t.http, admin, chair);
    andrea = await setUpPerson(t.http, admin, andrea);

    // The November position of a few SIP actions, so the boards have colours; the target starts Green.
    clock.set('2013-11-10T10:00:00.000Z');
    const ids = sipActions.map((a) => a.id);
    for (const id of ids.slice(0, 24)) await post(`/api/actions/${id}/start`, {}, owner);
    for (const id of ids.slice(30, 36)) await post(`/api/actions/${id}/start`, {}, owner);
    for (const id of ids.slice(5, 10)) await post(`/api/actions/${id}/rag`, { rag: 'A', reason: 'Recruitment is behind plan; agency cover agreed' }, owner);
    for (const id of ids.slice(10, 12)) await post(`/api/actions/${id}/rag`, { rag: 'R', reason: 'No facilitator available before January' }, owner);
    for (const id of ids.slice(12, 16)) await post(`/api/actions/${id}/complete`, { note: 'Signed off by the DCS' }, owner);
    const last = await post(`/api/actions/${ids[3]}/notes`, { text: 'Workshop held' }, owner);
    await t.http().get(`/api/board?minPosition=${last.position}`).set(bearer(admin)).expect(200);
    // The board meeting's eve: people sign in from here on (sessions live by the tracker's clock).
    clock.set('2013-11-19T18:00:00.000Z');

    browser = await launchChromium();
    boardContext = await newContext(browser);
    ownerContext = await newContext(browser);
    boardPage = await boardContext.newPage();
    ownerPage = await ownerContext.newPage();
    watch(boardPage, 'board page');
    watch(ownerPage, 'owner page');
  }, 170_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  it('signs in with an email and password and shows the Improvement Board: every plan with its RAG bar', async () => {
    await signIn(boardPage, chair);
    await boardPage.waitForSelector('h1:has-text("Improvement Board")');
    await boardPage.waitForSelector('#live-status[data-status="live"]');
    const plans = await boardPage.$$eval('table.overview tbody tr', (rows) => rows.map((r) => (r as unknown as El).dataset.planId));
    expect(plans).toEqual(['SIP', 'SG', 'LAC', 'EDU', 'EH']);
    await expect(boardPage.textContent('#user')).resolves.toContain('Independent Chair');
    // The stacked bar has a text alternative listing every count.
    const label = await boardPage.getAttribute('tr[data-plan-id="SIP"] .bar', 'aria-label');
    expect(label).toBe('91 actions: W Not started: 61, G On track: 19, A Not on track, recovery plan in place: 5, R Off track, needs attention: 2, B Completed: 4');
    // The session is the httpOnly cookie alone: nothing in page storage, and no script can read the cookie.
    expect(await pageStorage(boardPage)).toEqual({ session: 0, local: 0 });
    expect(await boardPage.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).toBe('');
    const cookies = await boardContext.cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['rag_ledger_session', true, 'Lax']]);
    await shot(boardPage, 'overview.png');
  });

  it("draws the trend across plans on the overview and the plan's on its page: the chart, its description beside it, the figures in a table", async () => {
    await showing(boardPage, chair, '#/', 'table.overview');
    await boardPage.waitForSelector('#trend-chart img.chart');
    expect(await boardPage.$eval('#trend-chart img.chart', (img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(720);
    // The twelve months up to now (19 November 2013): the plans were loaded on 1 October, started and turned Red in November.
    expect(await boardPage.textContent('#trend-description')).toMatch(/^Across the five plans, Red actions rose from 0 in December 2012 to 2 in November 2013; completed actions rose from 0 to 4;/);
    const months = await boardPage.$$eval('#trend-table tbody tr th', (cells) => cells.map((c) => (c as unknown as El).textContent));
    expect(months).toEqual(['December 2012', 'January 2013', 'February 2013', 'March 2013', 'April 2013', 'May 2013', 'June 2013', 'July 2013', 'August 2013', 'September 2013', 'October 2013', 'November 2013']);
    // This month's figures are the board's own: the overview's totals, status by status.
    const lastMonth = await boardPage.$$eval('#trend-table tbody tr:last-child td', (cells) => cells.map((c) => (c as unknown as El).textContent));
    const totals = await boardPage.$$eval('table.overview tfoot td.num', (cells) => cells.map((c) => (c as unknown as El).textContent));
    expect(lastMonth.slice(0, 6)).toEqual(totals.slice(0, 6));
    // The figures open for printing (a closed <details> would print closed), and close after.
    expect(await boardPage.$eval('#trend-figures', (d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await boardPage.evaluate(() => (globalThis as unknown as { dispatchEvent(e: Event): void }).dispatchEvent(new Event('beforeprint')));
    expect(await boardPage.$eval('#trend-figures', (d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await boardPage.evaluate(() => (globalThis as unknown as { dispatchEvent(e: Event): void }).dispatchEvent(new Event('afterprint')));
    expect(await boardPage.$eval('#trend-figures', (d) => (d as unknown as { open: boolean }).open)).toBe(false);
    await shot(boardPage, 'overview-trend.png');

    await showing(boardPage, chair, '#/plans/SIP', '#trend-chart img.chart');
    expect(await boardPage.textContent('#trend-description')).toMatch(/^In .*Strategic Improvement Plan.*, Red actions rose from 0 in December 2012 to 2 in November 2013;/);
    const planMonth = await boardPage.$$eval('#trend-table tbody tr:last-child td', (cells) => cells.map((c) => (c as unknown as El).textContent));
    // W, G, A, R, B, total: as the plan's own bar says (61, 19, 5, 2, 4 of 91).
    expect(planMonth.slice(3, 6)).toEqual(['2', '4', '91']);
  });

  it('opens a plan board with the real Norfolk actions: ref, title, owners, target date, status chip, overdue mark', async () => {
    await showing(boardPage, chair, '#/', 'a:has-text("Strategic Improvement Plan")');
    await boardPage.click('a:has-text("Strategic Improvement Plan")');
    await boardPage.waitForSelector(row(target.id));
    expect(await boardPage.$$eval('table.board tbody tr', (rows) => rows.length)).toBe(sipActions.length);
    const cells = await boardPage.$$eval(`${row(target.id)} td`, (tds) => tds.map((td) => (td as unknown as El).innerText.trim()));
    expect(cells.slice(0, 4)).toEqual(['1.1.1', target.title, 'AB\nAndrea Brown, Head of Social Work\nAH', '31 Dec 2013']);
    // AB is in the directory, AH is not: kept as printed, with no name.
    const owners = await boardPage.$$eval(`${row(target.id)} .col-owners li`, (lis) => lis.map((li) => [(li as unknown as El).dataset.initials, (li as unknown as El).dataset.personId ?? null]));
    expect(owners).toEqual([['AB', 'ab'], ['AH', null]]);
    expect(cells[4]).toBe('G\nOn track');
    // Every chip carries its letter and words, not colour alone.
    const chips = await boardPage.$$eval('table.board .chip', (els) => els.map((el) => (el as unknown as El).innerText.replace(/\s+/g, ' ').trim()));
    expect(new Set(chips)).toEqual(new Set(['W Not started', 'G On track', 'A Not on track, recovery plan in place', 'R Off track, needs attention', 'B Completed']));
    const overdue = await boardPage.$$eval('table.board .overdue', (els) => els.length);
    expect(overdue).toBeGreaterThan(0); // Oct 13 dates are past on 10 Nov 2013
    await shot(boardPage, 'plan-board.png');
    await boardPage.screenshot({ path: join(SHOTS, 'plan-board-top.png'), timeout: STEP }); // the first screen
  });

  it('filters by status, owner, overdue and text, by keyboard, and keeps the filters in the address', async () => {
    await showing(boardPage, chair, '#/plans/SIP', row(target.id));
    await boardPage.focus('#f-status');
    await boardPage.selectOption('#f-status', 'R');
    await expect(boardPage.textContent('#filter-status')).resolves.toBe('Showing 2 of 91 actions.');
    expect(boardPage.url()).toContain('status=R');
    await boardPage.click('button:has-text("Clear filters")');
    await boardPage.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('#filter-status')?.textContent === 'Showing all 91 actions.');
    await boardPage.focus('#f-q');
    await boardPage.keyboard.type('journey of the child');
    await boardPage.waitForFunction(() => (globalThis as unknown as Win).document.querySelectorAll('table.board tbody tr').length === 1);
    expect(await boardPage.$eval('table.board tbody tr', (tr) => (tr as unknown as El).dataset.actionId)).toBe(target.id);
    await boardPage.fill('#f-q', '');
    await boardPage.selectOption('#f-owner', 'AH');
    const owners = await boardPage.$$eval('table.board tbody tr .col-owners', (tds) =>
      tds.map((td) => [...(td as unknown as { querySelectorAll(s: string): Iterable<El> }).querySelectorAll('li')].map((li) => li.dataset.initials)),
    );
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((o) => o.includes('AH'))).toBe(true);
    await boardPage.selectOption('#f-owner', '');
    await boardPage.focus('#f-owner');
    await boardPage.keyboard.press('Tab'); // to "Overdue only"
    await boardPage.keyboard.press('Space');
    expect(await boardPage.isChecked('#f-overdue')).toBe(true);
    const flags = await boardPage.$$eval('table.board tbody tr', (rows) => rows.map((r) => r.classList.contains('is-overdue')));
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every(Boolean)).toBe(true);
    await boardPage.click('button:has-text("Clear filters")');
    await boardPage.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('#filter-status')?.textContent === 'Showing all 91 actions.');
  });

  it('updates the plan board live when an owner changes a RAG with a reason in another page', async () => {
    await showing(boardPage, chair, '#/plans/SIP', row(target.id));
    await boardPage.evaluate(() => ((globalThis as unknown as Win).notReloaded = true));
    await signIn(ownerPage, andrea, `/#/actions/${target.id}`);
    await ownerPage.waitForSelector('form[data-kind="rag"]');
    await expect(ownerPage.textContent('#action-status')).resolves.toContain('On track');

    clock.set('2013-11-20T15:30:00.000Z');
    await ownerPage.check('form[data-kind="rag"] input[value="R"]');
    await ownerPage.fill('#rag-reason', RED_REASON);
    await ownerPage.click('form[data-kind="rag"] button[type="submit"]');
    await ownerPage.waitForSelector('.notice-success:has-text("RAG changed to R")');
    turnedRed = Promise.resolve();
    await expect(ownerPage.textContent('#action-status')).resolves.toContain('Off track, needs attention');

    // The board page, untouched, turns the row Red by itself.
    await boardPage.waitForSelector(`${row(target.id)} .chip-R`, { timeout: 10_000 });
    expect(await boardPage.evaluate(() => (globalThis as unknown as Win).notReloaded)).toBe(true);
    await boardPage.waitForFunction(() => /1\.1\.1 is now R/.test((globalThis as unknown as Win).document.getElementById('announcer')?.textContent ?? ''));
    await expect(boardPage.textContent('#summary')).resolves.toMatch(/R\s*Off track, needs attention\s*3/);
  });

  it("shows the change in the action's timeline with who, when, what and why, escaped", async () => {
    await targetTurnedRed();
    await showing(boardPage, chair, '#/plans/SIP', `${row(target.id)} .chip-R`);
    await boardPage.click(`${row(target.id)} a`);
    await boardPage.waitForSelector('#timeline .entry');
    const newest = boardPage.locator('#timeline .entry').first();
    await expect(newest.getAttribute('data-type')).resolves.toBe('ActionRagChanged');
    const text = (await newest.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Andrea Brown');
    expect(text).toContain('20 Nov 2013, 15:30');
    expect(text).toContain('RAG changed from G On track to R Off track, needs attention');
    expect(text).toContain('Why: Mapping facilitators <b>not</b> recruited; "escalated" to the DCS & chair');
    expect(await newest.locator('b').count()).toBe(0); // text from users never becomes markup
    const types = await boardPage.$$eval('#timeline .entry', (els) => els.map((el) => (el as unknown as El).dataset.type));
    expect(types).toEqual(['ActionRagChanged', 'ActionStarted', 'ActionAdded']);
    // A board member reads; the update forms are for owners and admins.
    expect(await boardPage.locator('form[data-kind]').count()).toBe(0);
    await shot(boardPage, 'action.png');
    await shot(ownerPage, 'action-owner.png');
  });

  it('shows the old colour on the as-of date picked', async () => {
    await targetTurnedRed();
    await showing(boardPage, chair, `#/actions/${target.id}`, 'nav.crumbs a:has-text("SIP")');
    await boardPage.click(`nav.crumbs a:has-text("SIP")`);
    await boardPage.waitForSelector(`${row(target.id)} .chip-R`);
    await boardPage.fill('#asof-date', '2013-11-14');
    await boardPage.click('form[data-form="asof"] button[type="submit"]');
    await boardPage.waitForSelector('.asof-banner');
    await boardPage.waitForSelector(`${row(target.id)} .chip-G`);
    expect(boardPage.url()).toContain('asOf=2013-11-14');
    await expect(boardPage.textContent('.asof-banner')).resolves.toContain('14 Nov 2013');
    await boardPage.screenshot({ path: join(SHOTS, 'plan-board-as-of.png'), timeout: STEP });
    await boardPage.click('a:has-text("Back to today")');
    await boardPage.waitForSelector(`${row(target.id)} .chip-R`);
  });

  it('says plainly when someone else updated first (409), shows their change, and keeps what was typed', async () => {
    await targetTurnedRed();
    await showing(ownerPage, andrea, `#/actions/${target.id}`, 'form[data-kind="note"]');
    await ownerPage.fill('#note-text', 'Facilitator interviews on 2 December');
    // Meanwhile an administrator changes the action.
    clock.set('2013-11-21T09:00:00.000Z');
    await post(`/api/actions/${target.id}/notes`, { text: 'Chair asked for a recovery plan' }, admin);
    await ownerPage.waitForSelector('#timeline .entry[data-type="ActionProgressNoted"]');
    await ownerPage.click('form[data-kind="note"] button[type="submit"]');
    const conflict = ownerPage.locator('.notice-conflict');
    await conflict.waitFor();
    await expect(conflict.innerText()).resolves.toContain('Someone else updated this action since you opened it');
    expect(await ownerPage.inputValue('#note-text')).toBe('Facilitator interviews on 2 December');
    await expect(ownerPage.locator('#timeline .entry').first().innerText()).resolves.toContain('Chair asked for a recovery plan');
    await shot(ownerPage, 'action-conflict.png');
    // Having seen it, the owner saves again.
    await ownerPage.click('form[data-kind="note"] button[type="submit"]');
    await ownerPage.waitForSelector('.notice-success:has-text("note added")');
    await expect(ownerPage.locator('#timeline .entry').first().innerText()).resolves.toContain('Facilitator interviews on 2 December');
    const history = await t.http().get(`/api/actions/${target.id}/history`).set(bearer(admin)).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'ActionProgressNoted')).toHaveLength(2);
  });

  it('lists exceptions and what changed between meetings for the board pack', async () => {
    await targetTurnedRed();
    await signedInAs(boardPage, chair);
    await boardPage.goto(`${base}/#/exceptions?planId=SIP`);
    await boardPage.waitForSelector('table.exceptions');
    const first = await boardPage.$eval('table.exceptions tbody tr', (tr) => (tr as unknown as El).innerText);
    expect(first).toContain('Off track');
    await boardPage.goto(`${base}/#/plans/SIP/changes?from=2013-11-15`);
    await boardPage.waitForSelector('table.changes');
    const moved = await boardPage.$$eval('table.changes tbody tr', (rows) => rows.map((r) => (r as unknown as El).dataset.actionId));
    expect(moved).toEqual([target.id]);
    await expect(boardPage.locator('table.changes tbody tr').innerText()).resolves.toContain('Andrea Brown');
    await shot(boardPage, 'changes.png');
  });

  it('prints a plan board as a clean board-pack page', async () => {
    await targetTurnedRed();
    await signedInAs(boardPage, chair);
    await boardPage.goto(`${base}/#/plans/SIP`);
    await boardPage.waitForSelector(row(target.id));
    await boardPage.emulateMedia({ media: 'print' });
    expect(await boardPage.isVisible('form.filters')).toBe(false);
    expect(await boardPage.isVisible('header.topbar')).toBe(false);
    expect(await boardPage.isVisible('.print-stamp')).toBe(true);
    // The board pack carries the stamp of the log it was drawn from, as verify --expect takes it.
    const printed = /log stamp (\d+:[0-9a-f]{64})/.exec((await boardPage.textContent('.print-stamp')) ?? '')?.[1];
    const api = (await t.http().get('/api/plans/SIP/board').set(bearer(admin)).expect(200)).body as { stamp: { position: number; head: string } };
    expect(printed).toBe(`${api.stamp.position}:${api.stamp.head}`);
    expect(await boardPage.isVisible(`${row(target.id)} .chip-R`)).toBe(true);
    await boardPage.screenshot({ path: join(SHOTS, 'plan-board-print.png'), timeout: STEP });
    await boardPage.pdf({ path: join(SHOTS, 'board-pack-SIP.pdf'), landscape: true, printBackground: true, timeout: STEP } as never);
    await boardPage.emulateMedia({ media: 'screen' });
  });

  it('works by keyboard from the top of the page, and shows owners why past boards are not theirs', async () => {
    await signedInAs(ownerPage, andrea);
    await ownerPage.goto(`${base}/#/plans/SIP`);
    await ownerPage.waitForSelector(row(target.id));
    expect(await ownerPage.locator('#asof-date').count()).toBe(0);
    await expect(ownerPage.textContent('.toolbar .note')).resolves.toContain('Past boards are for board members, auditors and admins');
    // The page starts at its heading; the skip link, first in the page, leads to the content.
    expect(await ownerPage.evaluate(() => (globalThis as unknown as Win).document.activeElement?.tagName)).toBe('H1');
    await ownerPage.focus('#skip-link');
    expect(await ownerPage.isVisible('#skip-link')).toBe(true);
    await ownerPage.keyboard.press('Enter');
    expect(await ownerPage.evaluate(() => (globalThis as unknown as Win).document.activeElement?.id)).toBe('main');
    await ownerPage.keyboard.press('Tab');
    await expect(ownerPage.evaluate(() => (globalThis as unknown as Win).document.activeElement?.textContent)).resolves.toBe('Improvement Board');
    // Follow the target's link by keyboard.
    await ownerPage.focus(`${row(target.id)} a`);
    await ownerPage.keyboard.press('Enter');
    await ownerPage.waitForSelector('form[data-kind="rag"]');
    expect(await ownerPage.evaluate(() => (globalThis as unknown as Win).document.activeElement?.tagName)).toBe('H1');
  });

  it('signs out, ending the session on the server, and ran without script errors or blocked content', async () => {
    await signedInAs(ownerPage, andrea);
    const cookie = (await ownerContext.cookies()).find((c) => c.name === 'rag_ledger_session');
    expect(cookie).toBeDefined();
    await ownerPage.click('button:has-text("Sign out")');
    await ownerPage.waitForSelector('form[data-form="signin"] #email');
    await expect(ownerPage.textContent('#signin-notice')).resolves.toContain('You have signed out.');
    // The old cookie, sent again by hand, opens nothing: the server ended the session.
    await t.http().get('/api/session').set('Cookie', `${cookie!.name}=${cookie!.value}`).expect(401);
    expect(await pageStorage(ownerPage)).toEqual({ session: 0, local: 0 });
    expect(problems).toEqual([]);
  });
});
