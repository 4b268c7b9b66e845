import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { type ActionStatus, STATUS_LABELS } from '@rag-ledger/contract';
import { invitationTokenOf, isSignedOutProbe, launchChromium, newContext, pageStorage, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { loadNorfolkThroughApi, readNorfolk } from '../support/norfolk';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The pages about people, in a real browser: "My actions" (the first page an owner sees),
 * the owners' names beside their initials, the admin's people pages (add, import, revise details, grant and
 * revoke with a reason, deactivate, an invitation link shown once, owners not in the
 * directory), the invitation page, personal API tokens, an auditor reading who held which
 * rights on a past date, and a session that ends (revoked, expired) sending the person back.
 */
jest.setTimeout(240_000);

type El = { innerText: string; textContent: string | null; dataset: Record<string, string | undefined> };

describe('people, sign-in and rights on the web board', () => {
  const clock = new TestClock(new Date('2013-11-10T09:00:00.000Z'));
  const setupToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  const norfolk = readNorfolk();
  const sip = norfolk.plans.find((p) => p.id === 'SIP')!;
  const sipActions = sip.workstreams.flatMap((w) => w.actions);
  let ada: TestPerson = { id: 'ada', name: 'Ada Admin', initials: 'AA', jobTitle: 'Performance Lead', email: 'ada.admin@norfolk.example', password: 'saffron-ladder-orbit-71', rights: [{ role: 'admin' }] };
  let andrea: TestPerson = {
    id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Social Work', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'SIP' }],
  };
  let audrey: TestPerson = { id: 'audrey', name: 'Audrey Auditor', initials: 'AU', jobTitle: 'Internal Audit', email: 'audrey@norfolk.example', password: 'granite-pelican-autumn-36', rights: [{ role: 'auditor' }] };

  let t: TestApp;
  let base: string;
  let browser: Browser;
  const problems: string[] = [];
  const watch = (page: Page, name: string) => {
    page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      // Refusals the tests provoke on purpose (401, 403, 400, 409) are logged by Chromium as errors.
      if (message.type() === 'error' && !isSignedOutProbe(message) && !/status of (400|401|403|409|410)/.test(message.text())) problems.push(`${name}: console: ${message.text()}`);
    });
  };
  const opened: BrowserContext[] = [];
  const pageFor = async (name: string) => {
    const context = await newContext(browser);
    opened.push(context);
    const page = await context.newPage();
    watch(page, name);
    return { context, page };
  };
  const api = () => t.http();

  beforeAll(async () => {
    requireBrowserAndBuild();
    t = await startTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await loadNorfolkThroughApi(t.http, setupToken);
    ada = await setUpPerson(t.http, setupToken, ada);
    andrea = await setUpPerson(t.http, setupToken, andrea);
    audrey = await setUpPerson(t.http, setupToken, audrey);
    // Some of Andrea's actions under way, one overdue on 21 Nov 2013 (due Oct 2013), one due in December.
    for (const a of sipActions.filter((x) => x.responsible?.includes('AB')).slice(0, 3)) await api().post(`/api/actions/${a.id}/start`).set(bearer(setupToken)).send({}).expect(200);
    // Two steps on the first of them, one done: My actions says "1 of 2 steps done" beside it.
    const withSteps = sipActions.find((x) => x.responsible?.includes('AB'))!.id;
    for (const text of ['Book the workshop', 'Write up the map']) await api().post(`/api/actions/${withSteps}/steps`).set(bearer(setupToken)).send({ text }).expect(201);
    await api().post(`/api/actions/${withSteps}/steps/${withSteps}.s1/complete`).set(bearer(setupToken)).send({}).expect(200);
    clock.set('2013-11-21T09:00:00.000Z');
    browser = await launchChromium();
  }, 200_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  it('lands an owner on My actions: overdue first, then due within 30 days, then the rest, each with its plan and status', async () => {
    const { page } = await pageFor('owner');
    await signInWithPassword(page, base, andrea);
    await page.waitForSelector('h1:has-text("My actions")');
    expect(new URL(page.url()).hash).toBe('#/me');
    await expect(page.textContent('.lead')).resolves.toContain('Andrea Brown, Head of Social Work');
    const api = (await t.http().get('/api/me/actions').set('Cookie', (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')).expect(200)).body as {
      actions: Array<{ id: string; due: string; planId: string; planTitle: string; status: ActionStatus; stepsDone: number; stepsTotal: number }>;
    };
    expect(api.actions.length).toBeGreaterThan(0);
    const shown = await page.$$eval('section.my-group tr[data-action-id]', (rows) => rows.map((r) => (r as unknown as El).dataset.actionId));
    expect(shown).toEqual(api.actions.map((a) => a.id));
    const groups = await page.$$eval('section.my-group', (els) => els.map((e) => (e as unknown as El).dataset.due));
    const order = ['overdue', 'within-30-days', 'later', 'closed'];
    expect([...groups].sort((a, b) => order.indexOf(a!) - order.indexOf(b!))).toEqual(groups);
    // Each with its plan and its status in words, across plans (Andrea's actions are in SIP and LAC).
    const rows = await page.$$eval('section.my-group tr[data-action-id]', (els) => els.map((r) => (r as unknown as El).innerText.replace(/\s+/g, ' ')));
    api.actions.forEach((a, i) => {
      expect(rows[i]).toContain(`${a.planTitle} (${a.planId})`);
      expect(rows[i]).toContain(`${a.status} ${STATUS_LABELS[a.status]}`);
      // Its steps, as on the plan board: only where it has some.
      if (a.stepsTotal > 0) expect(rows[i]).toContain(`${a.stepsDone} of ${a.stepsTotal} steps done`);
      else expect(rows[i]).not.toContain('steps done');
    });
    expect(api.actions.filter((a) => a.stepsTotal > 0).map((a) => [a.stepsDone, a.stepsTotal])).toEqual([[1, 2]]);
    expect(new Set(api.actions.map((a) => a.planId)).size).toBeGreaterThan(1);
    await page.screenshot({ path: join(SHOTS, 'my-actions.png'), fullPage: true, timeout: STEP });
  });

  it("shows the owners' names and job titles beside their initials on the action page", async () => {
    const { page } = await pageFor('owner');
    const target = sipActions[0];
    await signInWithPassword(page, base, andrea, `/#/actions/${target.id}`);
    await page.waitForSelector('#action-owners li');
    const owners = await page.$$eval('#action-owners li', (lis) => lis.map((li) => (li as unknown as El).innerText.replace(/\s+/g, ' ').trim()));
    expect(owners).toEqual(['AB Andrea Brown, Head of Social Work', 'AH']);
  });

  it('lets an admin add a person, grant a right with a reason, and issue an invitation link shown once; the person sets a password and signs in', async () => {
    const { page } = await pageFor('admin');
    await signInWithPassword(page, base, ada, '/#/people');
    await page.waitForSelector('table.people');
    await page.fill('#person-name', 'Chris Snudden');
    await page.fill('#person-initials', 'CS');
    await page.fill('#person-title', 'Head of Education Achievement Service');
    await page.fill('#person-email', 'chris.snudden@norfolk.example');
    await page.click('form[data-form="add-person"] button[type="submit"]');
    await page.waitForSelector('tr[data-person-id="cs"]');
    await page.click('#people-notice a:has-text("Grant rights")');
    await page.waitForSelector('form[data-form="grant"]');
    await page.selectOption('#grant-role', 'owner');
    await page.selectOption('#grant-plan', 'EDU');
    await page.fill('#grant-reason', 'Leads the education plan');
    await page.click('form[data-form="grant"] button[type="submit"]');
    await page.waitForSelector('#rights li[data-role="owner"][data-plan="EDU"]');
    // On the record: who granted what to whom, and why.
    const trail = (await api().get('/api/audit?type=PlanOwnershipGranted').set(bearer(setupToken)).expect(200)).body as { items: Array<{ data: Record<string, unknown>; reason: string | null; actor: { name: string } }> };
    const granted = trail.items.filter((e) => e.data.personId === 'cs');
    expect(granted.map((e) => [e.actor.name, e.data.planId, e.reason])).toEqual([['Ada Admin', 'EDU', 'Leads the education plan']]);

    await page.click('form[data-form="invite"] button[type="submit"]');
    await page.waitForSelector('#invitation-link-value');
    const link = await page.inputValue('#invitation-link-value');
    expect(link).toMatch(/#\/invitations\/[^/]+$/);
    await page.screenshot({ path: join(SHOTS, 'person-admin.png'), fullPage: true, timeout: STEP });
    // Shown once: reading the person again shows no link.
    await page.reload();
    await page.waitForSelector('form[data-form="invite"]');
    expect(await page.locator('#invitation-link-value').count()).toBe(0);

    // Chris opens the link, meets the password policy, sets a password, and signs in.
    const chris = await pageFor('invited');
    await chris.page.goto(`${base}/#/invitations/${encodeURIComponent(invitationTokenOf(link))}`);
    await chris.page.waitForSelector('form[data-form="invitation"]');
    await chris.page.fill('#new-password', 'password1234');
    await chris.page.fill('#confirm-password', 'password1234');
    await chris.page.click('form[data-form="invitation"] button[type="submit"]');
    await chris.page.waitForSelector('#invitation-error:not([hidden])');
    const policy = await chris.page.textContent('#invitation-error');
    expect(policy).toMatch(/common|guess/i);
    await chris.page.fill('#new-password', 'orchard-kestrel-basin-27');
    await chris.page.fill('#confirm-password', 'orchard-kestrel-basin-27');
    await chris.page.click('form[data-form="invitation"] button[type="submit"]');
    await chris.page.waitForSelector('form[data-form="signin"]');
    expect(chris.page.url()).not.toContain('invitations');
    await expect(chris.page.textContent('#signin-notice')).resolves.toContain('Your password is set');
    await chris.page.fill('#email', 'chris.snudden@norfolk.example');
    await chris.page.fill('#password', 'orchard-kestrel-basin-27');
    await chris.page.click('form[data-form="signin"] button[type="submit"]');
    await chris.page.waitForSelector('h1:has-text("My actions")');
    await expect(chris.page.textContent('#user')).resolves.toContain('Plan owner of EDU');
    expect(await pageStorage(chris.page)).toEqual({ session: 0, local: 0 });
    // The link was single use.
    await chris.page.goto(`${base}/#/invitations/${encodeURIComponent(invitationTokenOf(link))}`);
    await chris.page.waitForSelector('form[data-form="invitation"]');
    await chris.page.fill('#new-password', 'another-kestrel-basin-28');
    await chris.page.fill('#confirm-password', 'another-kestrel-basin-28');
    await chris.page.click('form[data-form="invitation"] button[type="submit"]');
    await chris.page.waitForSelector('#invitation-error:not([hidden])');
    await expect(chris.page.textContent('#invitation-error')).resolves.toContain('Ask an administrator for a new one');
  });

  it("lets an admin revise a person's details with a reason, and refuses initials that stand for somebody else", async () => {
    type Revision = { data: { personId: string; changes: Record<string, string> }; reason: string | null; actor: { name: string } };
    const revisionsOfAudrey = async () =>
      ((await api().get('/api/audit?type=PersonDetailsRevised').set(bearer(setupToken)).expect(200)).body as { items: Revision[] }).items.filter((e) => e.data.personId === 'audrey');
    expect(await revisionsOfAudrey()).toEqual([]);
    const { page } = await pageFor('admin');
    await signInWithPassword(page, base, ada, '/#/people/audrey');
    await page.waitForSelector('form[data-form="revise"]');
    // The form starts from the details as they are.
    await expect(page.inputValue('#revise-title')).resolves.toBe('Internal Audit');
    await expect(page.inputValue('#revise-initials')).resolves.toBe('AU');
    await page.fill('#revise-title', 'Head of Internal Audit');
    await page.fill('#revise-reason', 'Promoted in October');
    await page.click('form[data-form="revise"] button[type="submit"]');
    await page.waitForSelector('#person-notice .notice-success');
    await expect(page.textContent('#person-details')).resolves.toContain('Head of Internal Audit');
    await expect(page.inputValue('#revise-title')).resolves.toBe('Head of Internal Audit');
    await expect(page.inputValue('#revise-reason')).resolves.toBe('');
    // On the record: only the job title changed, with the reason and who changed it.
    expect((await revisionsOfAudrey()).map((e) => [e.actor.name, e.data.changes, e.reason])).toEqual([['Ada Admin', { jobTitle: 'Head of Internal Audit' }, 'Promoted in October']]);
    await api().get('/api/people/audrey').set(bearer(setupToken)).expect(200).expect((res) => expect(res.body.jobTitle).toBe('Head of Internal Audit'));

    // Andrea's initials are taken: the form says so, and nothing is appended.
    await page.fill('#revise-initials', 'AB');
    await page.fill('#revise-reason', 'Typing mistake');
    await page.click('form[data-form="revise"] button[type="submit"]');
    await page.waitForSelector('form[data-form="revise"] .error-summary:not([hidden])');
    await expect(page.textContent('form[data-form="revise"] .error-summary')).resolves.toContain('already stand for Andrea Brown');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className)).toBe('error-summary');
    expect(await revisionsOfAudrey()).toHaveLength(1);
    await api().get('/api/people/audrey').set(bearer(setupToken)).expect(200).expect((res) => expect(res.body.initials).toBe('AU'));
    await expect(page.textContent('#person-name')).resolves.toContain('(AU)');
  });

  it('imports people from a CSV and a glossary, and lists the owners not in the directory', async () => {
    const { page } = await pageFor('admin');
    await signInWithPassword(page, base, ada, '/#/people/unmatched');
    await page.waitForSelector('h1:has-text("Owners not in the directory")');
    const before = await page.$$eval('tr[data-owner]', (rows) => rows.map((r) => (r as unknown as El).dataset.owner));
    expect(before).toContain('AH');
    expect(before).not.toContain('AB');
    await page.goto(`${base}/#/people`);
    await page.waitForSelector('form[data-form="import-people"]');
    await page.fill('#import-text', 'initials,name,job_title,email\nAH,Alex Hughes,Service Manager,alex.hughes@norfolk.example\n');
    await page.click('form[data-form="import-people"] button[type="submit"]');
    await page.waitForSelector('#people-notice:has-text("1 added")');
    await page.waitForSelector('tr[data-person-id] >> text=Alex Hughes');
    // A plan's glossary, as the plans print it: initials, name, job title.
    await page.check('input[name="format"][value="text/plain"]');
    await page.fill('#import-text', 'KW Kate Wilson Head of Early Help\n');
    await page.click('form[data-form="import-people"] button[type="submit"]');
    const kate = page.locator('tr[data-person-id]', { hasText: 'Kate Wilson' });
    await kate.waitFor();
    expect((await kate.innerText()).replace(/\s+/g, ' ')).toContain('Kate Wilson KW Head of Early Help');
    // A wrong file changes nothing and says which line is wrong.
    await page.fill('#import-text', 'initials,name,job_title,email\n,No Initials,Somebody,\n');
    await page.click('form[data-form="import-people"] button[type="submit"]');
    await page.waitForSelector('form[data-form="import-people"] .error-summary:not([hidden])');
    await expect(page.textContent('form[data-form="import-people"] .error-summary')).resolves.toMatch(/line|row/i);
    await page.goto(`${base}/#/people/unmatched`);
    await page.waitForSelector('h1:has-text("Owners not in the directory")');
    const after = await page.$$eval('tr[data-owner]', (rows) => rows.map((r) => (r as unknown as El).dataset.owner));
    expect(after).not.toContain('AH');
  });

  it('creates a personal API token shown once, lists it with its last use, and revokes it', async () => {
    const { page } = await pageFor('owner');
    await signInWithPassword(page, base, andrea, '/#/tokens');
    await page.waitForSelector('form[data-form="new-token"]');
    await page.fill('#token-name', 'Monthly board pack script');
    await page.click('form[data-form="new-token"] button[type="submit"]');
    await page.waitForSelector('#new-token-value');
    const token = await page.inputValue('#new-token-value');
    expect(token).toMatch(/^rlp_/);
    // It acts as Andrea, with her rights.
    await api().get('/api/me').set(bearer(token)).expect(200).expect((res) => expect(res.body.person.name).toBe('Andrea Brown'));
    await page.reload();
    await page.waitForSelector('table.tokens');
    expect(await page.locator('#new-token-value').count()).toBe(0);
    const row = page.locator('tr[data-token-id]', { hasText: 'Monthly board pack script' });
    await expect(row.innerText()).resolves.not.toContain('never');
    await row.locator('button:has-text("Revoke")').click();
    await page.waitForSelector('.notice-success:has-text("revoked")');
    expect(await page.locator('tr[data-token-id]', { hasText: 'Monthly board pack script' }).count()).toBe(0);
    await api().get('/api/me').set(bearer(token)).expect(401);
  });

  it('shows an auditor who held which rights on a past date', async () => {
    // Andrea's ownership of SIP is revoked on 25 Nov 2013; on 15 Nov she held it.
    clock.set('2013-11-25T10:00:00.000Z');
    await api().post('/api/people/ab/revocations').set(bearer(setupToken)).send({ role: 'owner', planId: 'SIP', reason: 'Moved to the LAC plan' }).expect((res) => expect(res.status).toBeLessThan(300));
    await api().post('/api/people/ab/grants').set(bearer(setupToken)).send({ role: 'owner', planId: 'LAC', reason: 'Moved to the LAC plan' }).expect(201);
    const { page } = await pageFor('auditor');
    await signInWithPassword(page, base, audrey, '/#/people');
    await page.waitForSelector('tr[data-person-id="ab"]');
    await expect(page.textContent('tr[data-person-id="ab"] .rights')).resolves.toBe('Plan owner of LAC');
    await page.fill('#asof-date', '2013-11-15');
    await page.click('form[data-form="asof"] button[type="submit"]');
    await page.waitForSelector('.asof-banner');
    expect(page.url()).toContain('asOf=2013-11-15');
    await page.waitForFunction(() => {
      const cell = (globalThis as unknown as { document: { querySelector(s: string): El | null } }).document.querySelector('tr[data-person-id="ab"] .rights');
      return cell?.textContent === 'Plan owner of SIP';
    });
    // Chris, added on 21 Nov, was not in the directory yet.
    expect(await page.locator('tr[data-person-id="cs"]').count()).toBe(0);
    // An auditor reads: no forms to change anyone.
    expect(await page.locator('form[data-form="add-person"]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'people-as-of.png'), fullPage: true, timeout: STEP });
    // Nor on a person's page: no form to revise details or grant rights.
    await page.goto(`${base}/#/people/ab`);
    await page.waitForSelector('#person-details');
    expect(await page.locator('form[data-form="revise"], form[data-form="grant"]').count()).toBe(0);
    // Moving the clock back is not needed by later tests: the grant above is in place.
  });

  it("refuses a revoked owner's next request and says so; an ended session goes back to sign-in with a message", async () => {
    clock.set('2013-11-26T09:00:00.000Z');
    const { page } = await pageFor('owner');
    const lacAction = norfolk.plans.find((p) => p.id === 'LAC')!.workstreams[0].actions[0];
    await signInWithPassword(page, base, andrea, `/#/actions/${lacAction.id}`);
    await page.waitForSelector('form[data-kind="note"]');
    await page.fill('#note-text', 'Visited every placement this month');
    await api().post('/api/people/ab/revocations').set(bearer(setupToken)).send({ role: 'owner', planId: 'LAC', reason: 'Left the council' }).expect((res) => expect(res.status).toBeLessThan(300));
    await page.click('form[data-kind="note"] button[type="submit"]');
    await page.waitForSelector('form[data-kind="note"] .form-error:not(:empty)');
    await expect(page.textContent('form[data-kind="note"] .form-error')).resolves.toMatch(/not allowed|may not|rights|permission/i);
    const history = (await api().get(`/api/actions/${lacAction.id}/history`).set(bearer(setupToken)).expect(200)).body as Array<{ type: string }>;
    expect(history.filter((e) => e.type === 'ActionProgressNoted')).toHaveLength(0);

    // Idle too long: the next request gets 401 and the page goes back to sign-in, saying why.
    clock.set('2013-11-26T10:00:00.000Z');
    await page.click('nav a[data-nav="overview"]');
    await page.waitForSelector('form[data-form="signin"]');
    await expect(page.textContent('#signin-notice')).resolves.toContain('Your session has ended');
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    for (const context of opened) await context.close().catch(() => undefined);
  });
});
