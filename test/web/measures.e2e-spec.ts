import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { isSignedOutProbe, launchChromium, LONG_SESSIONS, newContext, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Outcome measures on the web board, in a real browser (Debian's Chromium driven by
 * playwright-core): the plan board's "Outcome measures" section with the computed RAG,
 * its explanation and the override beside it, live and as of a date, printed; then the
 * measure page with its chart (an SVG fetched with the session cookie, shown from a blob: URL),
 * the series table and the history. Screenshots under test-artifacts/screenshots.
 */
jest.setTimeout(120_000);

/** What the page functions below read of an element (the tests are type-checked without the DOM library). */
type El = { innerText: string; textContent: string | null; dataset: Record<string, string | undefined> };
type Img = { complete: boolean; naturalWidth: number; naturalHeight: number; src: string };
type Win = { document: { getElementById(id: string): El | null }; notReloaded?: boolean };

describe('outcome measures on the web board', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
  const chairToken = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let chair: TestPerson = { id: 'chair', name: 'Independent Chair', initials: 'IC', email: 'chair@norfolk.example', password: 'lantern-harbour-quietly-93', rights: [{ role: 'board' }] };
  const PRIMARY = 'EDU.M.primary';
  const DAYS = 'EDU.M.days';
  const row = (id: string) => `tr[data-measure-id="${id}"]`;
  const text = (s: string) => s.replace(/\s+/g, ' ').trim();

  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const post = async (path: string, body: object, token = owner) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { revision: number; position: number };
  };
  const shot = (file: string) => page.screenshot({ path: join(SHOTS, file), fullPage: true, timeout: STEP });
  let signedIn = false;
  const signIn = async () => {
    await signInWithPassword(page, base, chair);
    await page.waitForSelector('h1:has-text("Improvement Board")');
    signedIn = true;
  };
  /**
   * The page signed in as the chair and at `route` (#/...), then `ready` shown: where the test
   * before left it when the suite runs in order (nothing is reloaded then), and where a test
   * run alone with -t needs it.
   */
  const showing = async (route: string, ready: string) => {
    if (!signedIn) await signIn();
    if (new URL(page.url()).hash !== route) await page.goto(`${base}/${route}`, { timeout: STEP });
    await page.waitForSelector(ready);
  };

  beforeAll(async () => {
    requireBrowserAndBuild();

    t = await startTestApp({ clock, env: LONG_SESSIONS });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    // The education plan, one work-stream and action, and two measures recorded over a year.
    await post('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' }, admin);
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Hold schools to account' }, admin);
    await post('/api/plans/EDU/actions', { id: 'EDU.P2.1', ref: '2.1', workstreamId: 'EDU.P2', title: 'Termly challenge visits to schools below good', owners: ['CS'], targetDate: '2014-07-31' }, admin);
    const M = `/api/measures/${PRIMARY}`;
    await post('/api/plans/EDU/measures', {
      id: PRIMARY, name: 'Improve % of primary phase schools judged <good> & better', unit: 'percent', polarity: 'higher',
      workstreamId: 'EDU.P2', baseline: { period: '2013', value: 64 }, amberTolerance: 3,
    });
    await post(`${M}/targets`, { period: '2014', value: 79 });
    await post(`${M}/targets`, { period: '2015', value: 85 });
    await post(`${M}/comparators`, { period: '2013', comparator: 'national', value: 79 });
    await post(`${M}/comparators`, { period: '2014', comparator: 'national', value: 80 });
    await post(`${M}/comparators`, { period: '2014', comparator: 'statisticalNeighbours', value: 77.5 });
    await post(`${M}/comparators`, { period: '2014', comparator: 'regional', value: 78 });
    await post(`${M}/values`, { period: '2013', value: 64, source: 'Ofsted data view' });
    const D = `/api/measures/${DAYS}`;
    await post('/api/plans/EDU/measures', { id: DAYS, name: 'Reduce days from referral to a school place', unit: 'days', polarity: 'lower', amberTolerance: 5 });
    await post(`${D}/targets`, { period: '2014-Q1', value: 45 });
    await post(`${D}/values`, { period: '2013-Q4', value: 40 });
    clock.set('2014-07-01T09:00:00.000Z');
    await post(`${M}/values`, { period: '2014', value: 76, provisional: true, source: 'Local inspection tracker' });
    await post(`${D}/values`, { period: '2014-Q1', value: 48, provisional: true });
    clock.set('2014-10-15T09:00:00.000Z');
    await post(`${M}/values`, { period: '2014', value: 81, source: 'Ofsted official statistics' });
    clock.set('2014-11-20T09:00:00.000Z');
    await post(`${M}/revisions`, { period: '2014', value: 74, reason: 'Re-inspections reclassified 12 schools' });
    clock.set('2014-11-21T09:00:00.000Z');
    const last = await post(`${M}/rag-override`, { rag: 'G', reason: 'Eight of the twelve have <b>improvement plans</b> signed off' });
    await t.http().get(`/api/plans/EDU/measures?minPosition=${last.position}`).set(bearer(chairToken)).expect(200);
    chair = await setUpPerson(t.http, admin, chair);

    browser = await launchChromium();
    const context = await newContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if ((message.type() === 'error' && !isSignedOutProbe(message)) || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
  }, 110_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  it("lists the plan's measures on its board: latest value, target, national, the computed RAG with its explanation, the override beside it, direction", async () => {
    await signIn();
    await page.goto(`${base}/#/plans/EDU`);
    await page.waitForSelector(row(PRIMARY));
    await page.waitForSelector('#live-status[data-status="live"]');
    await expect(page.textContent('#measures-heading')).resolves.toMatch(/Outcome measures\s*2 measures · 1 Red · 1 Amber · 1 overridden/);

    const cells = await page.$$eval(`${row(PRIMARY)} td`, (tds) => tds.map((td) => (td as unknown as El).innerText.replace(/\s+/g, ' ').trim()));
    expect(cells).toEqual([
      `Improve % of primary phase schools judged <good> & better ${PRIMARY} · work-stream: Hold schools to account`,
      '74% in 2014',
      '79%',
      '80%',
      'R Off track, needs attention 74% in 2014 against target 79%: Red',
      'G On track overridden by Chris Snudden: Eight of the twelve have <b>improvement plans</b> signed off',
      'Improving',
    ]);
    // The RAG is a chip with its letter and words, never colour alone; text from users stays text.
    expect(await page.$eval(`${row(PRIMARY)} .col-judgement .chip`, (el) => (el as unknown as El).innerText.replace(/\s+/g, ' ').trim())).toBe('R Off track, needs attention');
    expect(await page.locator(`${row(PRIMARY)} b, ${row(PRIMARY)} good`).count()).toBe(0);

    const days = text(await page.locator(row(DAYS)).innerText());
    expect(days).toContain('48 days in 2014-Q1 provisional');
    expect(days).toContain('A Not on track, recovery plan in place 48 days (provisional) in 2014-Q1 against target 45 days: Amber');
    expect(days).toContain('whole plan');
    expect(days).toContain('Worsening');
    // The actions are still there, below.
    await page.waitForSelector('tr[data-action-id="EDU.P2.1"]');
    await shot('plan-board-measures.png');
  });

  it('updates a measure on the board live when a value is recorded', async () => {
    await showing('#/plans/EDU', row(DAYS));
    await page.evaluate(() => ((globalThis as unknown as Win).notReloaded = true));
    clock.set('2014-11-22T08:00:00.000Z'); // within a day of the sign-in: the session lasts
    await post(`/api/measures/${DAYS}/values`, { period: '2014-Q1', value: 44, source: 'Admissions system' });
    await page.waitForSelector(`${row(DAYS)} .col-judgement .chip-G`, { timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as Win).notReloaded)).toBe(true);
    expect(text(await page.locator(row(DAYS)).innerText())).toContain('44 days in 2014-Q1');
    await page.waitForFunction(() => /Outcome measures updated: Reduce days/.test((globalThis as unknown as Win).document.getElementById('announcer')?.textContent ?? ''));
  });

  it('shows the measures as they stood on the as-of date picked', async () => {
    await showing('#/plans/EDU', row(PRIMARY));
    await page.fill('#asof-date', '2014-07-01');
    await page.click('form[data-form="asof"] button[type="submit"]');
    await page.waitForSelector('.asof-banner');
    await page.waitForSelector(`${row(PRIMARY)} .col-judgement .chip-A`);
    const july = text(await page.locator(row(PRIMARY)).innerText());
    expect(july).toContain('76% in 2014 provisional');
    expect(july).toContain('76% (provisional) in 2014 against target 79%: Amber');
    expect(await page.locator(`${row(PRIMARY)} .col-override .chip`).count()).toBe(0);
    // The measure's link keeps the date.
    expect(await page.getAttribute(`${row(PRIMARY)} a`, 'href')).toBe(`#/measures/${PRIMARY}?asOf=2014-07-01`);
    await page.click('a:has-text("Back to today")');
    await page.waitForSelector(`${row(PRIMARY)} .col-judgement .chip-R`);
  });

  it('prints the measures with the plan board', async () => {
    await showing('#/plans/EDU', `${row(PRIMARY)} .col-judgement .chip-R`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#measures')).toBe(true);
    expect(await page.isVisible(`${row(PRIMARY)} .col-judgement .chip-R`)).toBe(true);
    expect(await page.isVisible(`${row(PRIMARY)} .col-override .chip-G`)).toBe(true);
    expect(await page.isVisible('form.filters')).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'plan-board-measures-print.png'), fullPage: true, timeout: STEP });
    await page.pdf({ path: join(SHOTS, 'board-pack-EDU.pdf'), landscape: true, printBackground: true, timeout: STEP } as never);
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens the measure page: judgement and override, the chart, the series table and the history', async () => {
    await showing('#/plans/EDU', row(PRIMARY));
    await page.click(`${row(PRIMARY)} a`);
    await page.waitForSelector('table.series');
    await expect(page.textContent('h1')).resolves.toBe('Improve % of primary phase schools judged <good> & better');
    expect(text(await page.locator('#measure-rag').innerText())).toContain('R Off track, needs attention 74% in 2014 against target 79%: Red');
    expect(text(await page.locator('#measure-override').innerText())).toContain('G On track overridden by Chris Snudden: Eight of the twelve have <b>improvement plans</b> signed off');

    // The chart: fetched with the token, shown as an image from a blob: URL, and loaded.
    await page.waitForSelector('img.chart');
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as { document: { querySelector(s: string): Img | null } }).document.querySelector('img.chart');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const img = await page.$eval('img.chart', (el) => {
      const i = el as unknown as Img & { alt: string };
      return { naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, src: i.src, alt: i.alt };
    });
    expect(img.naturalWidth).toBe(720);
    expect(img.naturalHeight).toBe(360);
    expect(img.src).toMatch(/^blob:/);
    expect(img.alt).toContain('74% in 2014 against target 79%: Red');

    // The series, oldest first.
    const series = await page.$$eval('table.series tbody tr', (rows) => rows.map((r) => (r as unknown as El).innerText.replace(/\s+/g, ' ').trim()));
    expect(series).toEqual([
      '2013 64% final – – 79% – – Ofsted data view',
      '2014 74% final revised from 81%: Re-inspections reclassified 12 schools 79% 80% 77.5% 78% Ofsted official statistics',
      '2015 none – 85% – – – –',
    ]);

    // The history, newest first: who, when, what, why.
    const entries = page.locator('#timeline .entry');
    expect(await entries.count()).toBe(12);
    const newest = text(await entries.first().innerText());
    expect(newest).toContain('21 Nov 2014, 09:00 · Chris Snudden (Plan owner)');
    expect(newest).toContain('RAG overridden to G On track');
    expect(newest).toContain('Computed RAG at the time: R Off track, needs attention 74% in 2014 against target 79%: Red');
    expect(newest).toContain('Why: Eight of the twelve have <b>improvement plans</b> signed off');
    expect(await page.locator('#timeline b').count()).toBe(0);
    const revised = text(await entries.nth(1).innerText());
    expect(revised).toContain('Value for 2014 revised from 81% to 74%');
    expect(revised).toContain('Why: Re-inspections reclassified 12 schools');
    expect(text(await entries.last().innerText())).toContain('Measure defined: percentage, higher is better, baseline 64% in 2013, Amber when worse than target by up to 3%');
    await shot('measure.png');
  });

  it('updates the measure page live, and prints it with its chart', async () => {
    await showing(`#/measures/${PRIMARY}`, 'table.series');
    clock.set('2014-11-23T07:00:00.000Z');
    await post(`/api/measures/${PRIMARY}/comparators`, { period: '2015', comparator: 'national', value: 82 });
    await page.waitForFunction(() => /^2015 .*82%/.test(
      ((globalThis as unknown as { document: { querySelector(s: string): El | null } }).document.querySelector('table.series tr[data-period="2015"]')?.innerText ?? '').replace(/\s+/g, ' ')));
    await expect(page.locator('#timeline .entry').first().innerText()).resolves.toContain('National comparator for 2015: 82%');
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as { document: { querySelector(s: string): Img | null } }).document.querySelector('img.chart');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('img.chart')).toBe(true);
    expect(await page.isVisible('table.series')).toBe(true);
    expect(await page.isVisible('form[data-form="asof"]')).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'measure-print.png'), fullPage: true, timeout: STEP });
    await page.emulateMedia({ media: 'screen' });
  });

  it('ran without script errors or content blocked by the security policy', () => {
    expect(problems).toEqual([]);
  });
});
