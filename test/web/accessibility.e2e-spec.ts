import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations, seriousViolations } from '../support/axe';
import { invitationTokenOf, launchChromium, newContext, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { loadNorfolkThroughApi, readNorfolk } from '../support/norfolk';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Accessibility, as the law asks of public bodies (WCAG 2.2 AA): axe-core run on every page
 * of the web board, signed out and signed in as each role, failing on any serious or critical
 * violation; sign-in and an action update done with the keyboard alone, the focus visible and
 * moved to each new page's heading; and the accessibility statement, linked from every page.
 */
jest.setTimeout(240_000);

/** The statement names the axe-core it was tested with: a newer one means a new test date too. */
const AXE_VERSION = (JSON.parse(readFileSync(join(dirname(require.resolve('axe-core')), 'package.json'), 'utf8')) as { version: string }).version.split('.').slice(0, 2).join('.');

type El = { id: string; tagName: string; textContent: string | null; matches(selector: string): boolean; getAttribute(name: string): string | null };
type Win = { document: { activeElement: El | null }; getComputedStyle(el: El): { outlineStyle: string; outlineColor: string; boxShadow: string; backgroundColor: string } };

describe('accessibility of the web board', () => {
  const clock = new TestClock(new Date('2013-11-10T10:00:00.000Z'));
  const adminToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  const sip = readNorfolk().plans.find((p) => p.id === 'SIP')!;
  const target = sip.workstreams[0].actions[0]; // SIP.PS.1.1.1, owners AB/AH
  const MEASURE = 'SIP.M.1';
  let people: Record<'admin' | 'owner' | 'board' | 'auditor', TestPerson> = {
    admin: { id: 'ada', name: 'Ada Admin', initials: 'AA', jobTitle: 'Performance Lead', email: 'ada.admin@norfolk.example', password: 'saffron-ladder-orbit-71', rights: [{ role: 'admin' }] },
    owner: { id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Social Work', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'SIP' }] },
    board: { id: 'chair', name: 'Independent Chair', initials: 'IC', email: 'chair@norfolk.example', password: 'lantern-harbour-quietly-93', rights: [{ role: 'board' }] },
    auditor: { id: 'audrey', name: 'Audrey Auditor', initials: 'AU', jobTitle: 'Internal Audit', email: 'audrey@norfolk.example', password: 'granite-pelican-autumn-36', rights: [{ role: 'auditor' }] },
  };
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let spareInvitation: string;

  const post = async (path: string, body: object, token = adminToken) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id?: string; position: number; link?: string };
  };

  beforeAll(async () => {
    requireBrowserAndBuild();
    t = await startTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await loadNorfolkThroughApi(t.http, adminToken);
    for (const id of sip.workstreams[0].actions.slice(0, 6).map((a) => a.id)) await post(`/api/actions/${id}/start`, {});
    await post(`/api/actions/${target.id}/rag`, { rag: 'A', reason: 'Recruitment is behind plan' });
    await post('/api/plans/SIP/measures', { id: MEASURE, name: 'Children seen within 5 days of referral', unit: 'percent', polarity: 'higher', baseline: { period: '2013', value: 62 }, amberTolerance: 5 });
    await post(`/api/measures/${MEASURE}/targets`, { period: '2014', value: 80 });
    await post(`/api/measures/${MEASURE}/values`, { period: '2014', value: 71, provisional: true });
    const p = { ...people };
    for (const key of Object.keys(p) as Array<keyof typeof p>) p[key] = await setUpPerson(t.http, adminToken, p[key]);
    people = p;
    // Evidence on the target action: a file held, and one withdrawn (the collapsed list).
    const attach = async (fileName: string, text: string, description: string) => {
      const res = await t.http().post(`/api/actions/${target.id}/evidence`).set(bearer(adminToken)).field('description', description).attach('file', Buffer.from(text), { filename: fileName, contentType: 'text/plain' });
      if (res.status !== 201) throw new Error(`attaching ${fileName}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { documentId: string };
    };
    await attach('panel-minutes.txt', 'Minutes of the multi-agency panel, 8 November 2013.\n', 'Minutes of the panel that re-established the audit');
    const draft = await attach('draft-minutes.txt', 'Draft minutes.\n', 'The draft');
    await post(`/api/evidence/${draft.documentId}/withdrawal`, { reason: 'Superseded by the approved minutes' });
    // Someone invited who has not set a password yet, for the invitation page.
    await post('/api/people', { id: 'newbie', name: 'Nadia Newcomer', initials: 'NN', email: 'nadia@norfolk.example' });
    spareInvitation = invitationTokenOf((await post('/api/people/newbie/invitations', {})).link!);
    clock.set('2013-11-21T09:00:00.000Z');
    browser = await launchChromium();
  }, 200_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  /** Opens the page at `route`, waits for `ready`, and checks it; returns the problems found, printed. */
  const check = async (page: Page, name: string, route: string, ready: string): Promise<string> => {
    await page.goto(`${base}/${route}`, { timeout: STEP });
    await page.waitForSelector(ready, { timeout: STEP });
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('main[aria-busy]'));
    const problems = await seriousViolations(page, name);
    await page.screenshot({ path: join(SHOTS, `a11y-${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true, timeout: STEP });
    return problems;
  };

  it('finds a serious violation when there is one (the check itself can fail)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/#/accessibility`);
    await page.waitForSelector('h1');
    await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { createElement(t: string): { id: string }; getElementById(id: string): { append(e: unknown): void } } }).document;
      const input = d.createElement('input');
      input.id = 'planted-unlabelled';
      d.getElementById('main').append(input);
    });
    const found = await axeViolations(page);
    expect(describeViolations('planted', found)).toContain('[critical] label');
    expect(found.find((v) => v.id === 'label')?.nodes.map((n) => n.target.join(' '))).toEqual(['#planted-unlabelled']);
    await context.close();
  });

  it('has no serious or critical violation on any page signed out: sign-in (with an error shown), the statement, an invitation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    problems.push(await check(page, 'signed-out sign-in', '#/sign-in', 'form[data-form="signin"]'));
    await page.fill('#email', people.owner.email);
    await page.fill('#password', 'not-the-right-password');
    await page.click('form[data-form="signin"] button[type="submit"]');
    await page.waitForSelector('#signin-error:not([hidden])');
    problems.push(await seriousViolations(page, 'signed-out sign-in with an error'));
    problems.push(await check(page, 'signed-out statement', '#/accessibility', 'h1:has-text("Accessibility statement")'));
    problems.push(await check(page, 'signed-out invitation', `#/invitations/${spareInvitation}`, 'form[data-form="invitation"]'));
    await page.fill('#new-password', 'short');
    await page.fill('#confirm-password', 'short');
    await page.click('form[data-form="invitation"] button[type="submit"]');
    await page.waitForSelector('#invitation-error:not([hidden])');
    problems.push(await seriousViolations(page, 'signed-out invitation with a policy error'));
    problems.push(await check(page, 'signed-out page not found', '#/no/such/page', 'form[data-form="signin"]'));
    expect(problems.filter(Boolean).join('\n')).toBe('');
    await context.close();
  });

  const pagesFor = (role: keyof typeof people): Array<[string, string, string]> => {
    const all: Array<[string, string, string]> = [
      ['my actions', '#/me', 'h1:has-text("My actions")'],
      ['improvement board', '#/', 'table.overview'],
      ['plan board', '#/plans/SIP', 'table.board'],
      ['action with evidence', `#/actions/${target.id}`, '#evidence-list .evidence-item'],
      ['measure', `#/measures/${MEASURE}`, '#judgement'],
      ['exceptions', '#/exceptions?planId=SIP', 'table.exceptions'],
      ['api tokens', '#/tokens', 'form[data-form="new-token"]'],
      ['statement', '#/accessibility', 'h1:has-text("Accessibility statement")'],
      ['not found', '#/no/such/page', 'h1:has-text("Page not found")'],
    ];
    if (role !== 'owner') {
      all.push(['board as of a date', '#/plans/SIP?asOf=2013-11-14', '.asof-banner']);
      all.push(['changes between meetings', '#/plans/SIP/changes?from=2013-11-01', 'h1']);
    }
    if (role === 'admin' || role === 'auditor') {
      all.push(['people', '#/people', 'table.people']);
      all.push(['people as of a date', '#/people?asOf=2013-11-15', 'table.people, .empty']);
      all.push(['person', '#/people/ab', '#person-details']);
    }
    if (role === 'admin') all.push(['owners not in the directory', '#/people/unmatched', 'h1:has-text("Owners not in the directory")']);
    return all;
  };

  it.each(['admin', 'owner', 'board', 'auditor'] as const)('has no serious or critical violation on any page signed in as %s', async (role) => {
    const context: BrowserContext = await newContext(browser);
    const page = await context.newPage();
    await signInWithPassword(page, base, people[role]);
    const problems: string[] = [];
    for (const [name, route, ready] of pagesFor(role)) problems.push(await check(page, `${role} ${name}`, route, ready));
    if (role === 'admin' || role === 'owner') {
      // The forms of the action page with an error shown, and a saved change announced.
      await page.goto(`${base}/#/actions/${target.id}`);
      await page.waitForSelector('form[data-kind="rag"]');
      await page.click('form[data-kind="rag"] button[type="submit"]');
      await page.waitForSelector('form[data-kind="rag"] .form-error:not(:empty)');
      problems.push(await seriousViolations(page, `${role} action form with an error`));
      // The Evidence section with its forms open: the upload refused (a progress row and the API's
      // sentence), the withdraw form (and for admins the erase form), the withdrawn list unfolded.
      await page.waitForSelector('#evidence-list .evidence-item');
      await page.click('form[data-form="attach-evidence"] button[type="submit"]');
      await page.waitForSelector('form[data-form="attach-evidence"] .form-error:not(:empty)');
      await page.setInputFiles('#evidence-files', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('<!doctype html><html><body><p>Notes</p></body></html>') });
      await page.click('form[data-form="attach-evidence"] button[type="submit"]');
      await page.waitForSelector('.upload[data-outcome="refused"]');
      await page.click('#evidence-list details.evidence-change summary:has-text("Withdraw")');
      if (role === 'admin') await page.click('#evidence-list details.evidence-change summary:has-text("Erase")');
      await page.click('#evidence-gone summary');
      problems.push(await seriousViolations(page, `${role} evidence forms open, an upload refused`));
    }
    expect(problems.filter(Boolean).join('\n')).toBe('');
    // Every page links the statement from its footer.
    expect(await page.getAttribute('footer a:has-text("Accessibility statement")', 'href')).toBe('#/accessibility');
    await context.close();
  });

  /** The focused element, and whether its focus is drawn (keyboard focus, with an outline, shadow or the yellow block). */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const w = globalThis as unknown as Win;
      const el = w.document.activeElement;
      if (!el) return { id: '', tag: '', text: '', visible: false };
      const style = w.getComputedStyle(el);
      const drawn = (style.outlineStyle !== 'none' && !/rgba\(0, 0, 0, 0\)|transparent/.test(style.outlineColor)) || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)';
      return { id: el.id, tag: el.tagName, text: (el.textContent ?? '').trim(), visible: el.matches(':focus-visible') && drawn };
    });
  /** Presses Tab until `predicate` holds for the focused element (at most `limit` times), checking each focus is visible. */
  const tabTo = async (page: Page, predicate: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 40) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      expect({ ...f, visible: f.visible || f.tag === 'BODY' }).toEqual({ ...f, visible: true });
      if (predicate(f)) return f;
    }
    throw new Error('The keyboard never reached the element looked for');
  };

  it('signs in and updates an action with the keyboard alone, the focus visible and moved to each new heading', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('form[data-form="signin"]');
    expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'Sign in' });
    await tabTo(page, (f) => f.id === 'email');
    await page.keyboard.type(people.owner.email);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('password');
    await page.keyboard.type(people.owner.password);
    await page.keyboard.press('Enter');
    // An owner lands on My actions, the focus on its heading.
    await page.waitForSelector('h1:has-text("My actions")');
    await page.waitForFunction(() => (globalThis as unknown as Win).document.activeElement?.tagName === 'H1');
    expect(new URL(page.url()).hash).toBe('#/me');
    // To the action by Tab and Enter.
    await tabTo(page, (f) => f.tag === 'A' && f.text === target.title);
    await page.keyboard.press('Enter');
    await page.waitForSelector('form[data-kind="rag"]');
    await page.waitForFunction(() => (globalThis as unknown as Win).document.activeElement?.tagName === 'H1');
    // Into the RAG choices; the arrow keys move between them (and choose).
    const first = await tabTo(page, (f) => f.tag === 'INPUT' && f.id === '', 80);
    expect(first.tag).toBe('INPUT');
    const chosen = async () => page.$eval('form[data-kind="rag"] input[name="rag"]:checked', (el) => (el as unknown as { value: string }).value).catch(() => '');
    await page.keyboard.press('ArrowRight');
    const after = await chosen();
    expect(['G', 'R']).toContain(after);
    if (after !== 'R') await page.keyboard.press('ArrowRight');
    expect(await chosen()).toBe('R');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('rag-reason');
    await page.keyboard.type('Escalated by keyboard: no facilitator before January');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Change RAG', visible: true });
    await page.keyboard.press('Space');
    await page.waitForSelector('.notice-success:has-text("RAG changed to R")');
    // The focus goes to the message saying it was saved, not lost to the page's top.
    await page.waitForFunction(() => /Saved/.test((globalThis as unknown as Win).document.activeElement?.textContent ?? ''));
    const history = await t.http().get(`/api/actions/${target.id}/history`).set(bearer(adminToken)).expect(200);
    const last = history.body[history.body.length - 1];
    expect([last.type, last.actor.name, last.data.to]).toEqual(['ActionRagChanged', 'Andrea Brown', 'R']);
    await context.close();
  });

  it('publishes an accessibility statement after the GOV.UK model, readable signed out and linked from every page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('form[data-form="signin"]');
    await page.click('footer a:has-text("Accessibility statement")');
    await page.waitForSelector('h1:has-text("Accessibility statement for RAG Ledger")');
    expect(await page.isVisible('form[data-form="signin"]')).toBe(false);
    const text = (await page.innerText('main')).replace(/\s+/g, ' ');
    for (const part of [
      'Web Content Accessibility Guidelines version 2.2 AA standard',
      'How accessible this website is',
      'Reporting accessibility problems with this website',
      'Enforcement procedure',
      'Equality and Human Rights Commission (EHRC)',
      'Equality Commission for Northern Ireland (ECNI, www.equalityni.org)',
      'Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018',
      'Preparation of this accessibility statement',
      'This website was last tested on 1 December 2026',
      `axe-core ${AXE_VERSION}`,
      'not yet been tested by people who use screen readers',
    ]) {
      expect(text).toContain(part);
    }
    const headings = await page.$$eval('main h2', (els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(headings).toEqual([
      'How accessible this website is', 'Feedback and contact information', 'Reporting accessibility problems with this website', 'Enforcement procedure',
      "Technical information about this website's accessibility", 'Non-accessible content', "What we're doing to improve accessibility", 'Preparation of this accessibility statement',
    ]);
    await context.close();
  });
});
