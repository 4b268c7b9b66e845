import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import type { ActionDetails } from '@rag-ledger/contract';
import { seriousViolations } from '../support/axe';
import { isSignedOutProbe, launchChromium, LONG_SESSIONS, newContext, requireBrowserAndBuild, setUpPerson, SHOTS, signInWithPassword, STEP, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { readLog } from '../support/read-log';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Steps, milestones, the planning framework and links on the web board, in a real browser: a
 * plan owner completes a step on an action page (its history says who, when and with what note;
 * the log holds the ActionStepCompleted) and the plan board says "1 of 2 steps done"; the last
 * step done, the page says "All steps are done" and the action stays as it was; a step reopened
 * needs its reason; the action as of an earlier day lists its steps as they were; linked to and
 * linked from lead to the actions they name, an unresolved link stays as printed. On the plan
 * board the plan's and the work-stream's lead and success criteria show, the milestones by
 * work-stream with the date as printed, one due and not assessed marked as an exception (and on
 * the exceptions page); a board member assesses it (Partly met, with the reason: the log holds
 * the MilestoneAssessed) and sees the outcome, and the owner's board follows live.
 */
jest.setTimeout(180_000);

type El = { innerText: string; textContent: string | null };
type Win = { document: { querySelector(s: string): El | null } };

describe('steps and milestones on the web board, in a browser', () => {
  const clock = new TestClock(new Date('2013-09-02T09:00:00.000Z'));
  const adminToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  let andrea: TestPerson = {
    id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Education Quality', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'EDU' }],
  };
  let chair: TestPerson = { id: 'chair', name: 'Independent Chair', initials: 'IC', email: 'chair@norfolk.example', password: 'lantern-harbour-quietly-93', rights: [{ role: 'board' }] };

  const ACTION = 'EDU.P2.1';
  const LINKING = 'EDU.P2.2';
  const MILESTONE = 'EDU.M1';
  const milestoneId = MILESTONE;
  const MILESTONE_TEXT = 'Every Chair of Governors and headteacher knows whether it is a school causing concern';
  const LATER_TEXT = 'Every school causing concern has a governing body review <b>completed</b>';
  const STEP_NOTE = 'Letters sent to all 44 chairs & heads';
  const ASSESS_REASON = '38 of the 44 chairs were told by the end of September; the rest by 15 October';
  /** The file an admin imports: what the plan prints around its actions (the framework) comes with it. */
  const PLAN_FILE = {
    plans: [{
      id: 'EDU', kind: 'education', name: 'School Improvement Plan 2013-15',
      lead: 'Gordon Boyd, Assistant Director', successCriteria: ['Every school judged good or better by 2015'],
      workstreams: [{
        id: 'EDU.P2', name: 'Priority 2: Governance', lead: 'Sue Smith, Head of Governor Services',
        successCriteria: ['Chairs of Governors hold heads to account', 'No school causing concern without a review'],
        standards: ['Governor training meets the national standard'], assumptions: ['Every governing body meets termly'], risks: ['Chairs are hard to recruit'],
        actions: [
          { id: ACTION, ref: '2.1', title: 'Tell every chair and head where their school stands', responsible: ['AB'], targetDate: 'Dec 2013', targetDateIso: '2013-12-31', links: [] },
          { id: LINKING, ref: '2.2', title: 'Review the governing bodies of schools causing concern', responsible: ['AB'], targetDate: 'Mar 2014', targetDateIso: '2014-03-31', links: [ACTION, 'VSIP 4.7'] },
        ],
      }],
    }],
  };

  let t: TestApp;
  let base: string;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let boardContext: BrowserContext;
  let ownerPage: Page;
  let boardPage: Page;
  let stepIds: string[] = [];
  const problems: string[] = [];

  const post = async (path: string, body: object, token = adminToken) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { revision: number; position: number };
  };
  const watch = (page: Page, name: string) => {
    page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !isSignedOutProbe(message)) problems.push(`${name}: console error: ${message.text()}`);
    });
  };
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  const stepItem = (page: Page, stepId: string) => page.locator(`#steps-list li[data-step-id="${stepId}"]`);
  const row = (id: string) => `tr[data-action-id="${id}"]`;
  const milestoneRow = (page: Page, id: string) => page.locator(`#milestones tr[data-milestone-id="${id}"]`);
  const logOf = async (type: string) => (await readLog(t.dataDir)).filter((e) => e.type === type);

  beforeAll(async () => {
    requireBrowserAndBuild();
    t = await startTestApp({ clock, env: LONG_SESSIONS });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const imported = await t.http().post('/api/import').set(bearer(adminToken)).send(PLAN_FILE);
    if (imported.status >= 300) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
    await post(`/api/actions/${ACTION}/steps`, { text: 'Write to every Chair of Governors and headteacher', owners: ['AB'], targetDate: '2013-10-31', targetDateText: 'end of October' });
    await post(`/api/actions/${ACTION}/steps`, { text: 'Brief the chairs at the autumn governors’ conference', owners: ['AB', 'SS'], targetDate: '2013-12-31', targetDateText: 'Dec 2013' });
    stepIds = (((await t.http().get(`/api/actions/${ACTION}`).set(bearer(adminToken))).body as ActionDetails).steps ?? []).map((s) => s.id);
    await post('/api/plans/EDU/milestones', { id: MILESTONE, workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text: MILESTONE_TEXT, refs: ['2'] });
    await post('/api/plans/EDU/milestones', { id: 'EDU.M2', date: '2014-07-31', dateText: 'By July 2014', text: LATER_TEXT, refs: [LINKING] });
    andrea = await setUpPerson(t.http, adminToken, andrea);
    chair = await setUpPerson(t.http, adminToken, chair);
    clock.set('2013-11-19T10:00:00.000Z');
    browser = await launchChromium();
    ownerContext = await newContext(browser);
    boardContext = await newContext(browser);
    ownerPage = await ownerContext.newPage();
    boardPage = await boardContext.newPage();
    watch(ownerPage, 'owner page');
    watch(boardPage, 'board page');
    await signInWithPassword(ownerPage, base, andrea, `/#/actions/${ACTION}`);
    await signInWithPassword(boardPage, base, chair, '/#/plans/EDU');
  }, 170_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  it('lists the steps on the action page in order: text, owners, date as printed, status, overdue', async () => {
    expect(stepIds).toHaveLength(2);
    await ownerPage.waitForSelector('#steps-list');
    await expect(ownerPage.textContent('#steps-count')).resolves.toBe('(0 of 2 steps done)');
    const first = squash(await stepItem(ownerPage, stepIds[0]).locator('.step-main').innerText());
    expect(first).toContain('Write to every Chair of Governors and headteacher');
    expect(first).toContain('Open ⚠ Overdue');
    expect(first).toContain('Owners: AB');
    expect(first).toContain('Target date: 31 Oct 2013 (the plan prints “end of October”)');
    const second = squash(await stepItem(ownerPage, stepIds[1]).locator('.step-main').innerText());
    expect(second).toContain('Owners: AB, SS');
    expect(second).not.toContain('Overdue');
    expect(await ownerPage.locator('#steps-list > li').evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { stepId: string } }).dataset.stepId))).toEqual(stepIds);
  });

  it('lets the owner complete a step, with a note: the step says Done, its history who, when and the note, the log the event', async () => {
    const item = stepItem(ownerPage, stepIds[0]);
    await item.locator('details.step-change summary').click();
    await item.locator('form[data-step-form="complete-step"] textarea[name="note"]').fill(STEP_NOTE);
    await item.locator('form[data-step-form="complete-step"] button[type="submit"]').click();
    await ownerPage.waitForSelector(`#steps-list li[data-step-id="${stepIds[0]}"][data-status="done"]`);
    await expect(ownerPage.textContent('#notice')).resolves.toContain('Saved: step 1 is done.');
    await expect(ownerPage.textContent('#steps-count')).resolves.toBe('(1 of 2 steps done)');
    expect(squash(await item.locator('.step-main').innerText())).toContain('Done');
    // Once done, the step offers reopening instead.
    expect(await item.locator('form[data-step-form="reopen-step"]').count()).toBe(1);
    await item.locator('details.step-history summary').click();
    const newest = squash(await item.locator('.step-history .entry').first().innerText());
    expect(newest).toBe(`19 Nov 2013, 10:00 · Andrea Brown (Plan owner) Step completed Note: ${STEP_NOTE}`);
    // The action's own timeline names the step too.
    expect(squash(await ownerPage.locator('#timeline .entry').first().innerText())).toContain('Step 1 completed');

    const completed = await logOf('ActionStepCompleted');
    expect(completed).toHaveLength(1);
    expect(completed[0].data).toMatchObject({ actionId: ACTION, stepId: stepIds[0], note: STEP_NOTE });
    expect(completed[0].metadata.actor).toMatchObject({ id: 'ab' });
    await ownerPage.screenshot({ path: join(SHOTS, 'steps-action.png'), fullPage: true, timeout: STEP });
  });

  it('says "1 of 2 steps done" on the plan board row, and nothing on a row without steps', async () => {
    await ownerPage.goto(`${base}/#/plans/EDU`);
    await ownerPage.waitForSelector(`${row(ACTION)} .steps-count`);
    await expect(ownerPage.textContent(`${row(ACTION)} .steps-count`)).resolves.toBe('1 of 2 steps done');
    expect(await ownerPage.locator(`${row(LINKING)} .steps-count`).count()).toBe(0);
  });

  it('says "All steps are done" when the last is done, and leaves the action as it was; reopening a step needs its reason', async () => {
    clock.set('2013-11-19T11:00:00.000Z');
    await ownerPage.goto(`${base}/#/actions/${ACTION}`);
    const item = stepItem(ownerPage, stepIds[1]);
    await item.locator('details.step-change summary').click();
    await item.locator('form[data-step-form="complete-step"] button[type="submit"]').click();
    await ownerPage.waitForSelector('.steps-all-done');
    await expect(ownerPage.textContent('.steps-all-done')).resolves.toContain('All steps are done.');
    await expect(ownerPage.textContent('#action-status')).resolves.toContain('Not started');
    expect((await logOf('ActionCompleted'))).toHaveLength(0);

    const reopen = stepItem(ownerPage, stepIds[1]).locator('form[data-step-form="reopen-step"]');
    await reopen.locator('button[type="submit"]').click();
    await expect(reopen.locator('.form-error').textContent()).resolves.toBe('Give the reason for reopening the step: it is required.');
    expect(await logOf('ActionStepReopened')).toHaveLength(0);
    await reopen.locator('textarea[name="reason"]').fill('The conference was postponed to January');
    await reopen.locator('button[type="submit"]').click();
    await ownerPage.waitForSelector(`#steps-list li[data-step-id="${stepIds[1]}"][data-status="open"]`);
    expect(await ownerPage.locator('.steps-all-done').count()).toBe(0);
    const reopened = await logOf('ActionStepReopened');
    expect(reopened.map((e) => e.data)).toEqual([expect.objectContaining({ stepId: stepIds[1], reason: 'The conference was postponed to January' })]);
  });

  it('revises a step (only what changed is recorded, with the reason) and adds one by the form', async () => {
    const item = stepItem(ownerPage, stepIds[1]);
    const revise = item.locator('form[data-step-form="revise-step"]');
    await revise.locator('input[name="targetDate"]').fill('2014-01-31');
    await revise.locator('input[name="targetDateText"]').fill('Jan 2014');
    await revise.locator('textarea[name="reason"]').fill('The conference moved to January');
    await revise.locator('button[type="submit"]').click();
    await ownerPage.waitForFunction(() => /31 Jan 2014/.test((globalThis as unknown as Win).document.querySelector('#steps-list li:nth-child(2) .step-main')?.textContent ?? ''));
    expect(squash(await item.locator('.step-main').innerText())).toContain('Target date: 31 Jan 2014 (the plan prints “Jan 2014”)');
    const revised = await logOf('ActionStepRevised');
    expect(revised.map((e) => e.data)).toEqual([expect.objectContaining({ stepId: stepIds[1], changes: { targetDate: '2014-01-31', targetDateText: 'Jan 2014' }, reason: 'The conference moved to January' })]);

    await ownerPage.click('#steps details.step-add summary');
    await ownerPage.fill('#add-step-text', 'Report the replies to the Education Board');
    await ownerPage.fill('#add-step-owners', 'AB, SS');
    await ownerPage.click('form[data-step-form="add-step"] button[type="submit"]');
    await ownerPage.waitForSelector('#steps-list > li:nth-child(3)');
    await expect(ownerPage.textContent('#steps-count')).resolves.toBe('(1 of 3 steps done)');
    await expect(ownerPage.textContent('#notice')).resolves.toContain('Saved: step 3 added.');
    const added = (await logOf('ActionStepAdded')).filter((e) => (e.data as { text: string }).text === 'Report the replies to the Education Board');
    expect(added.map((e) => e.data)).toEqual([expect.objectContaining({ actionId: ACTION, owners: ['AB', 'SS'] })]);
    expect(added[0].metadata.actor).toMatchObject({ id: 'ab' });
  });

  it('lists the steps as they stood on an earlier day to a board member, without forms', async () => {
    await boardPage.goto(`${base}/#/actions/${ACTION}?asOf=2013-11-18`);
    await boardPage.waitForSelector('#steps-list');
    await expect(boardPage.textContent('#steps-count')).resolves.toBe('(0 of 2 steps done)');
    expect(await boardPage.locator('#steps form').count()).toBe(0);
  });

  it('shows linked to and linked from: the action named opens, an unresolved link stays as printed', async () => {
    await ownerPage.goto(`${base}/#/actions/${LINKING}`);
    await ownerPage.waitForSelector('#linked-to');
    const resolved = ownerPage.locator(`#linked-to li[data-link-text="${ACTION}"] a`);
    await expect(resolved.getAttribute('href')).resolves.toBe(`#/actions/${ACTION}`);
    const unresolved = squash(await ownerPage.locator('#linked-to li[data-link-text="VSIP 4.7"]').innerText());
    expect(unresolved).toBe('VSIP 4.7 (not in the tracker, as printed)');
    expect(await ownerPage.locator('#linked-to li[data-link-text="VSIP 4.7"] a').count()).toBe(0);

    await resolved.click();
    await ownerPage.waitForSelector('#linked-from');
    const from = ownerPage.locator('#linked-from li a');
    await expect(from.getAttribute('href')).resolves.toBe(`#/actions/${LINKING}`);
    await expect(from.textContent()).resolves.toBe(`${LINKING}: Review the governing bodies of schools causing concern`);
  });

  it("shows the plan's and the work-stream's lead and success criteria on the plan board", async () => {
    await boardPage.goto(`${base}/#/plans/EDU`);
    await boardPage.waitForSelector('[data-framework="EDU.P2"]');
    await expect(boardPage.textContent('[data-framework="plan"] .framework-lead')).resolves.toContain('Gordon Boyd, Assistant Director');
    const ws = boardPage.locator('[data-framework="EDU.P2"]');
    await expect(ws.locator('.framework-lead').textContent()).resolves.toContain('Sue Smith, Head of Governor Services');
    await ws.locator('summary').click();
    const criteria = await ws.locator('[data-framework-section="successCriteria"] li').allTextContents();
    expect(criteria).toEqual(['Chairs of Governors hold heads to account', 'No school causing concern without a review']);
    await expect(ws.locator('h3:has-text("What will success look like?")').count()).resolves.toBe(1);
    await expect(ws.locator('[data-framework-section="risks"] li').allTextContents()).resolves.toEqual(['Chairs are hard to recruit']);
  });

  it('lists the milestones by work-stream with the date as printed, the one due and not assessed marked as an exception', async () => {
    await boardPage.waitForSelector('#milestones tr[data-milestone-id]');
    const groups = await boardPage.locator('#milestones .milestone-group h3').allInnerTexts();
    expect(groups.map(squash)).toEqual(['The whole plan', 'Priority 2: Governance EDU.P2']);
    const due = milestoneRow(boardPage, milestoneId);
    expect(squash(await due.innerText())).toContain('By Sept 2013');
    expect(squash(await due.innerText())).toContain(MILESTONE_TEXT);
    await expect(due.locator('.outcome').textContent()).resolves.toBe('⚠ Due, not assessed');
    await expect(due.getAttribute('class')).resolves.toContain('is-overdue');
    // The later one is not due: not an exception; its text is shown as written, not as markup.
    const later = boardPage.locator('#milestones tr[data-outcome="none"]');
    await expect(later.locator('.outcome').textContent()).resolves.toBe('Not assessed');
    await expect(later.locator('.milestone-text').textContent()).resolves.toContain(LATER_TEXT);
    await expect(boardPage.textContent('#milestones-count')).resolves.toBe('2 milestones · 1 due, not assessed');
    await expect(boardPage.textContent('section.workstream')).resolves.toContain('1 milestone due and not assessed');

    await boardPage.goto(`${base}/#/exceptions?planId=EDU`);
    await boardPage.waitForSelector('#milestone-exceptions tr[data-milestone-id]');
    expect(squash(await boardPage.locator(`#milestone-exceptions tr[data-milestone-id="${milestoneId}"]`).innerText())).toContain(MILESTONE_TEXT);
    expect(await boardPage.locator('#milestone-exceptions tr[data-milestone-id]').count()).toBe(1);
  });

  it('lets a board member assess the milestone: the outcome and reason show, the log holds the assessment, the owner sees it live', async () => {
    clock.set('2013-11-19T14:00:00.000Z');
    await ownerPage.goto(`${base}/#/plans/EDU`);
    await ownerPage.waitForSelector(`#milestones tr[data-milestone-id="${milestoneId}"]`);
    await boardPage.goto(`${base}/#/plans/EDU`);
    const due = milestoneRow(boardPage, milestoneId);
    await due.locator('details.assess summary').click();
    await due.locator('form[data-form="assess-milestone"] button[type="submit"]').click();
    await expect(due.locator('.form-error').textContent()).resolves.toBe('Choose the outcome: met, partly met or not met.');
    await due.locator('label.choice:has-text("Partly met") input').check();
    await due.locator('textarea[name="reason"]').fill(ASSESS_REASON);
    await due.locator('form[data-form="assess-milestone"] button[type="submit"]').click();

    await boardPage.waitForSelector(`#milestones tr[data-milestone-id="${milestoneId}"][data-outcome="partly-met"]`);
    await expect(due.locator('.outcome').textContent()).resolves.toBe('Partly met');
    expect(squash(await due.locator('.explanation').innerText())).toBe(`${ASSESS_REASON} (Independent Chair, 19 Nov 2013, 14:00)`);
    await expect(boardPage.textContent('#milestones-notice')).resolves.toContain('assessed as Partly met');
    await expect(boardPage.textContent('#milestones-count')).resolves.toBe('2 milestones · 1 partly met');
    const assessed = await logOf('MilestoneAssessed');
    expect(assessed).toHaveLength(1);
    expect(assessed[0].data).toMatchObject({ milestoneId, planId: 'EDU', outcome: 'partly-met', reason: ASSESS_REASON });
    expect(assessed[0].metadata.actor).toMatchObject({ id: 'chair' });
    await boardPage.screenshot({ path: join(SHOTS, 'milestones-board.png'), fullPage: true, timeout: STEP });

    // The owner's board, open meanwhile, follows without a reload.
    await ownerPage.waitForSelector(`#milestones tr[data-milestone-id="${milestoneId}"][data-outcome="partly-met"]`);
    await ownerPage.waitForFunction(() => !/due and not assessed/.test((globalThis as unknown as Win).document.querySelector('section.workstream')?.textContent ?? ''));
    // Assessed, it is no exception any more.
    await boardPage.goto(`${base}/#/exceptions?planId=EDU`);
    await boardPage.waitForSelector('#milestone-exceptions .empty');
    // As of the day before, it was due and not assessed.
    await boardPage.goto(`${base}/#/plans/EDU?asOf=2013-11-18`);
    await boardPage.waitForSelector(`#milestones tr[data-milestone-id="${milestoneId}"][data-outcome="due"]`);
    expect(await boardPage.locator('#milestones form').count()).toBe(0);
  });

  it('has no serious or critical accessibility violation with the step and assessment forms open', async () => {
    await ownerPage.goto(`${base}/#/actions/${ACTION}`);
    await ownerPage.waitForSelector('#steps-list');
    for (const summary of await ownerPage.locator('#steps details summary').all()) await summary.click();
    const problems = [await seriousViolations(ownerPage, 'action page with its steps open')];
    await ownerPage.goto(`${base}/#/plans/EDU`);
    await ownerPage.waitForSelector('#milestones tr[data-milestone-id]');
    for (const summary of await ownerPage.locator('#milestones details.assess summary, details.framework-details summary').all()) await summary.click();
    problems.push(await seriousViolations(ownerPage, 'plan board with milestones and frameworks open'));
    await ownerPage.goto(`${base}/#/exceptions?planId=EDU`);
    await ownerPage.waitForSelector('#milestone-exceptions h2');
    problems.push(await seriousViolations(ownerPage, 'exceptions with milestones'));
    expect(problems.filter(Boolean).join('\n')).toBe('');
  });

  it('ran without script errors or blocked content', () => {
    expect(problems).toEqual([]);
  });
});
