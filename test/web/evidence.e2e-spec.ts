import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { formatSize } from '../../apps/web/src/evidence-text';
import { isSignedOutProbe, launchChromium, LONG_SESSIONS, newContext, setUpPerson, SHOTS, signInWithPassword, STEP, requireBrowserAndBuild, type TestPerson, closeBrowserAndApp } from '../support/browser';
import { pdf } from '../support/evidence-files';
import { loadNorfolkThroughApi, readNorfolk } from '../support/norfolk';
import { readLog } from '../support/read-log';
import { bearer, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Evidence on the web board, in a real browser: an owner attaches a PDF on an action page by
 * the file input and sees its progress finish and the file listed with its size and their
 * name; downloads it again (the same bytes); the plan board row says "1 file"; a file that is
 * an HTML page named notes.txt is refused with the API's sentence and nothing is listed or
 * written; a board member sees the list, live, without the forms; the owner withdraws the file
 * with a reason and it moves to the withdrawn list; an admin erases one after the confirm
 * step; the action as of a past date lists what was held then. No script error or blocked
 * content on any page.
 */
jest.setTimeout(180_000);

type El = { innerText: string; textContent: string | null; dataset: Record<string, string | undefined>; getAttribute(name: string): string | null };

describe('evidence on the web board, in a browser', () => {
  const clock = new TestClock(new Date('2013-11-10T09:00:00.000Z'));
  const adminToken = tokenFor('admin', { user: 'setup', name: 'Set-up Admin' });
  const ownerToken = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  let andrea: TestPerson = {
    id: 'ab', name: 'Andrea Brown', initials: 'AB', jobTitle: 'Head of Social Work', email: 'andrea.brown@norfolk.example', password: 'copper-meadow-violin-58', rights: [{ role: 'owner', planId: 'SIP' }],
  };
  let chair: TestPerson = { id: 'chair', name: 'Independent Chair', initials: 'IC', email: 'chair@norfolk.example', password: 'lantern-harbour-quietly-93', rights: [{ role: 'board' }] };
  let ada: TestPerson = { id: 'ada', name: 'Ada Admin', initials: 'AA', email: 'ada.admin@norfolk.example', password: 'saffron-ladder-orbit-71', rights: [{ role: 'admin' }] };
  const sip = readNorfolk().plans.find((p) => p.id === 'SIP')!;
  const target = sip.workstreams[0].actions[0]; // SIP.PS.1.1.1, owners AB/AH
  const other = sip.workstreams[0].actions[1];
  const PDF = pdf({ text: 'Minutes of the Improvement Board, 18 November 2013: the panel is re-established.' });
  const DESCRIPTION = 'Minutes <b>of</b> the board & "panel" re-established';
  const HTML_AS_TEXT = Buffer.from('<!doctype html>\n<html><head><title>Notes</title></head><body><p>Notes of the meeting</p><script>alert(1)</script></body></html>\n');
  const WITHDRAW_REASON = 'Superseded: the <i>signed</i> minutes follow';

  let t: TestApp;
  let base: string;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let boardContext: BrowserContext;
  let adminContext: BrowserContext;
  let ownerPage: Page;
  let boardPage: Page;
  let adminPage: Page;
  let refusedSentence = '';
  const problems: string[] = [];

  const watch = (page: Page, name: string) => {
    page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      // The refused upload (415) is expected; so is asking who is signed in on opening.
      if (message.type() === 'error' && !/status of 415/.test(message.text()) && !isSignedOutProbe(message)) problems.push(`${name}: console error: ${message.text()}`);
    });
  };
  const evidenceEvents = async () => (await readLog(t.dataDir)).filter((e) => e.type.startsWith('Evidence'));
  const heldNames = (page: Page) => page.$$eval('#evidence-list .evidence-item .evidence-name', (els) => els.map((el) => (el as unknown as El).textContent));
  const attachedDay = '2013-11-19';

  beforeAll(async () => {
    requireBrowserAndBuild();
    t = await startTestApp({ clock, env: LONG_SESSIONS });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await loadNorfolkThroughApi(t.http, adminToken);
    andrea = await setUpPerson(t.http, adminToken, andrea);
    chair = await setUpPerson(t.http, adminToken, chair);
    ada = await setUpPerson(t.http, adminToken, ada);
    clock.set(`${attachedDay}T10:00:00.000Z`);
    browser = await launchChromium();
    ownerContext = await newContext(browser);
    boardContext = await newContext(browser);
    adminContext = await newContext(browser);
    ownerPage = await ownerContext.newPage();
    boardPage = await boardContext.newPage();
    adminPage = await adminContext.newPage();
    watch(ownerPage, 'owner page');
    watch(boardPage, 'board page');
    watch(adminPage, 'admin page');
    await signInWithPassword(ownerPage, base, andrea, `/#/actions/${target.id}`);
    await signInWithPassword(boardPage, base, chair, `/#/actions/${target.id}`);
  }, 170_000);

  afterAll(() => closeBrowserAndApp(browser, t));

  it('lets an owner attach a PDF by the file input: progress to the end, then the file listed with its kind, size, description and their name', async () => {
    await ownerPage.waitForSelector('form[data-form="attach-evidence"]');
    await expect(ownerPage.textContent('#evidence-held')).resolves.toContain('No evidence is attached to this action yet');
    expect(await ownerPage.getAttribute('#evidence-files', 'accept')).toContain('.pdf');
    expect(await ownerPage.getAttribute('#evidence-files', 'multiple')).not.toBeNull();
    await ownerPage.setInputFiles('#evidence-files', { name: 'board-minutes-2013-11-18.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(ownerPage.textContent('#evidence-chosen')).resolves.toContain('board-minutes-2013-11-18.pdf');
    await ownerPage.fill('#evidence-description', DESCRIPTION);
    await ownerPage.click('form[data-form="attach-evidence"] button[type="submit"]');

    await ownerPage.waitForSelector('.upload[data-outcome="attached"]');
    const progress = await ownerPage.$eval('.upload progress', (p) => {
      const el = p as unknown as { value: number; max: number; labels: ArrayLike<{ textContent: string | null }> };
      return { value: el.value, max: el.max, label: el.labels[0]?.textContent ?? '' };
    });
    expect(progress.value).toBe(progress.max);
    expect(progress.max).toBeGreaterThanOrEqual(PDF.length);
    expect(progress.label).toContain('board-minutes-2013-11-18.pdf');
    await expect(ownerPage.textContent('.upload .upload-status')).resolves.toBe(`Attached (PDF, ${formatSize(PDF.length)}).`);
    await ownerPage.waitForFunction(() => /board-minutes-2013-11-18\.pdf attached\./.test((globalThis as unknown as { document: { getElementById(id: string): El | null } }).document.getElementById('evidence-status')?.textContent ?? ''));

    await ownerPage.waitForSelector('#evidence-list .evidence-item');
    expect(await heldNames(ownerPage)).toEqual(['board-minutes-2013-11-18.pdf']);
    const item = ownerPage.locator('#evidence-list .evidence-item').first();
    await expect(item.locator('.evidence-kind').textContent()).resolves.toBe('PDF');
    await expect(item.locator('.evidence-size').textContent()).resolves.toBe(formatSize(PDF.length));
    // People's text is shown as text: the description's markup is not markup.
    await expect(item.locator('.evidence-description').textContent()).resolves.toBe(DESCRIPTION);
    expect(await item.locator('.evidence-description b').count()).toBe(0);
    const attached = (await item.locator('.evidence-attached').innerText()).replace(/\s+/g, ' ');
    expect(attached).toBe('Attached by Andrea Brown, 19 Nov 2013, 10:00');
    await expect(ownerPage.textContent('#evidence-count')).resolves.toBe('(1 file)');
    // The file input is cleared for the next file.
    expect(await ownerPage.$eval('#evidence-files', (i) => (i as unknown as { files: { length: number } }).files.length)).toBe(0);

    const events = await evidenceEvents();
    expect(events.map((e) => e.type)).toEqual(['EvidenceAttached']);
    expect(events[0].data).toMatchObject({ fileName: 'board-minutes-2013-11-18.pdf', mediaType: 'application/pdf', size: PDF.length, description: DESCRIPTION, subject: { kind: 'action', actionId: target.id }, planId: 'SIP' });
    expect(events[0].metadata.actor).toMatchObject({ id: 'ab' });
    await ownerPage.screenshot({ path: join(SHOTS, 'evidence-attached.png'), fullPage: true, timeout: STEP });
  });

  it('downloads the file again from its link: the same bytes, as an attachment', async () => {
    const link = ownerPage.locator('#evidence-list .evidence-item a.evidence-name').first();
    const [download] = await Promise.all([ownerPage.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('board-minutes-2013-11-18.pdf');
    const path = await download.path();
    expect(readFileSync(path).equals(PDF)).toBe(true);
    // The page stays where it was: nothing uploaded is opened in the board's own page.
    expect(new URL(ownerPage.url()).hash).toBe(`#/actions/${target.id}`);
  });

  it('shows a board member the list, live and with the download link, but no upload or withdraw form', async () => {
    await boardPage.waitForSelector('#evidence-list .evidence-item');
    expect(await heldNames(boardPage)).toEqual(['board-minutes-2013-11-18.pdf']);
    expect(await boardPage.locator('form[data-form="attach-evidence"]').count()).toBe(0);
    expect(await boardPage.locator('form[data-form="withdraw-evidence"], form[data-form="erase-evidence"]').count()).toBe(0);
    expect(await boardPage.locator('#evidence-list a.evidence-name').count()).toBe(1);
  });

  it('counts the file on the plan board row: "1 file", read as "1 evidence file"; nothing on a row without evidence', async () => {
    await ownerPage.goto(`${base}/#/plans/SIP`);
    const badge = ownerPage.locator(`tr[data-action-id="${target.id}"] .evidence-count`);
    await badge.waitFor();
    await expect(badge.locator('[aria-hidden="true"]').textContent()).resolves.toBe('1 file');
    await expect(badge.locator('.visually-hidden').textContent()).resolves.toBe('1 evidence file');
    expect(await ownerPage.locator(`tr[data-action-id="${other.id}"] .evidence-count`).count()).toBe(0);
  });

  it("refuses an HTML page named notes.txt with the API's sentence, lists nothing and writes nothing", async () => {
    // What the API says of this file, asked directly: the page must show the same words.
    const direct = await t.http().post(`/api/actions/${target.id}/evidence`).set(bearer(ownerToken)).attach('file', HTML_AS_TEXT, { filename: 'notes.txt', contentType: 'text/plain' });
    expect(direct.status).toBe(415);
    refusedSentence = (direct.body as { message: string }).message;
    expect(refusedSentence).toBeTruthy();

    await ownerPage.goto(`${base}/#/actions/${target.id}`);
    await ownerPage.waitForSelector('#evidence-list .evidence-item');
    await ownerPage.setInputFiles('#evidence-files', { name: 'notes.txt', mimeType: 'text/plain', buffer: HTML_AS_TEXT });
    await ownerPage.click('form[data-form="attach-evidence"] button[type="submit"]');
    await ownerPage.waitForSelector('.upload[data-outcome="refused"]');
    await expect(ownerPage.textContent('.upload .upload-status')).resolves.toBe(`Not attached: ${refusedSentence}`);
    await expect(ownerPage.textContent('#evidence-status')).resolves.toContain(`notes.txt was not attached: ${refusedSentence}`);
    expect(await heldNames(ownerPage)).toEqual(['board-minutes-2013-11-18.pdf']);
    expect((await evidenceEvents()).map((e) => e.type)).toEqual(['EvidenceAttached']);
  });

  it('withdraws the file with a reason: it leaves the list for the withdrawn list, with who, when and why, here and live on the board page', async () => {
    // Within a day of the last request: sessions end after 24 idle hours even in the browser tests.
    clock.set('2013-11-20T09:30:00.000Z');
    const item = ownerPage.locator('#evidence-list .evidence-item').first();
    await item.locator('details.evidence-change summary:has-text("Withdraw")').click();
    await item.locator('form[data-form="withdraw-evidence"] button[type="submit"]').click();
    await expect(item.locator('form[data-form="withdraw-evidence"] .form-error').textContent()).resolves.toContain('Give the reason');
    await item.locator('form[data-form="withdraw-evidence"] textarea').fill(WITHDRAW_REASON);
    await item.locator('form[data-form="withdraw-evidence"] button[type="submit"]').click();

    await ownerPage.waitForSelector('#evidence-gone-list .evidence-item[data-state="withdrawn"]', { state: 'attached' });
    expect(await ownerPage.locator('#evidence-list').count()).toBe(0);
    await expect(ownerPage.textContent('#evidence-held')).resolves.toContain('No evidence is attached to this action yet');
    await expect(ownerPage.textContent('#evidence-gone summary')).resolves.toBe('Withdrawn and erased (1)');
    await ownerPage.click('#evidence-gone summary');
    const withdrawn = (await ownerPage.locator('#evidence-gone-list .evidence-withdrawn').innerText()).replace(/\s+/g, ' ');
    expect(withdrawn).toBe(`Withdrawn by Andrea Brown, 20 Nov 2013, 09:30. Why: ${WITHDRAW_REASON}`);
    await expect(ownerPage.textContent('#evidence-status')).resolves.toContain('withdrawn');
    // The timeline names the file, and the reason as the why.
    const newest = (await ownerPage.locator('#timeline .entry').first().innerText()).replace(/\s+/g, ' ');
    expect(newest).toContain('Evidence withdrawn: board-minutes-2013-11-18.pdf');
    expect(newest).toContain(`Why: ${WITHDRAW_REASON}`);

    const events = await evidenceEvents();
    expect(events.map((e) => e.type)).toEqual(['EvidenceAttached', 'EvidenceWithdrawn']);
    expect(events[1].data).toMatchObject({ reason: WITHDRAW_REASON, subject: { kind: 'action', actionId: target.id } });

    // The board member's page, untouched since it opened, follows by itself.
    await boardPage.waitForSelector('#evidence-gone-list .evidence-item[data-state="withdrawn"]', { state: 'attached' });
    expect(await boardPage.locator('#evidence-list').count()).toBe(0);
    await ownerPage.screenshot({ path: join(SHOTS, 'evidence-withdrawn.png'), fullPage: true, timeout: STEP });
  });

  it('lists the evidence as it stood on a past date, without forms', async () => {
    await boardPage.goto(`${base}/#/actions/${target.id}?asOf=2013-11-19`);
    await boardPage.waitForSelector('#evidence-list .evidence-item');
    expect(await heldNames(boardPage)).toEqual(['board-minutes-2013-11-18.pdf']);
    await boardPage.goto(`${base}/#/actions/${target.id}?asOf=2013-11-18`);
    await boardPage.waitForFunction(() => /No evidence was held then/.test((globalThis as unknown as { document: { getElementById(id: string): El | null } }).document.getElementById('evidence-held')?.textContent ?? ''));
  });

  it('lets an admin erase a file only after confirming that its bytes are deleted for good', async () => {
    clock.set('2013-11-20T15:15:00.000Z');
    const text = Buffer.from('Referral of child A to the MASH, 12 November 2013.\n');
    const attached = await t.http().post(`/api/actions/${target.id}/evidence`).set(bearer(adminToken)).field('description', 'Sent to the wrong action').attach('file', text, { filename: 'referral.txt', contentType: 'text/plain' });
    expect(attached.status).toBe(201);
    await signInWithPassword(adminPage, base, ada, `/#/actions/${target.id}`);
    await adminPage.waitForSelector('#evidence-list .evidence-item');
    const item = adminPage.locator('#evidence-list .evidence-item').first();
    await item.locator('details.evidence-change summary:has-text("Erase")').click();
    await expect(item.locator('form[data-form="erase-evidence"] .warning').textContent()).resolves.toContain('deletes the file\'s bytes for good');
    await item.locator('form[data-form="erase-evidence"] textarea').fill('Names a child: a data-protection case');
    await item.locator('form[data-form="erase-evidence"] button[type="submit"]').click();
    await expect(item.locator('form[data-form="erase-evidence"] .form-error').textContent()).resolves.toContain('Tick the box');
    expect((await evidenceEvents()).map((e) => e.type)).toEqual(['EvidenceAttached', 'EvidenceWithdrawn', 'EvidenceAttached']);
    await item.locator('form[data-form="erase-evidence"] input[name="confirm"]').check();
    await item.locator('form[data-form="erase-evidence"] button[type="submit"]').click();

    await adminPage.waitForSelector('#evidence-gone-list .evidence-item[data-state="erased"]', { state: 'attached' });
    await adminPage.click('#evidence-gone summary');
    const erased = adminPage.locator('#evidence-gone-list .evidence-item[data-state="erased"]');
    await expect(erased.locator('.evidence-name').textContent()).resolves.toBe('referral.txt');
    expect(await erased.locator('a').count()).toBe(0); // nothing left to download
    expect((await erased.locator('.evidence-erased').innerText()).replace(/\s+/g, ' ')).toBe(
      "Erased by Ada Admin, 20 Nov 2013, 15:15: the file's bytes were deleted. Why: Names a child: a data-protection case",
    );
    const events = await evidenceEvents();
    expect(events.map((e) => e.type)).toEqual(['EvidenceAttached', 'EvidenceWithdrawn', 'EvidenceAttached', 'EvidenceErased']);
    expect(events[3].metadata.actor).toMatchObject({ id: 'ada' });
  });

  it('attaches a file dropped onto the drop zone (it fills the same file input, then Attach sends it), and a plan board open elsewhere counts it live', async () => {
    clock.set('2013-11-20T15:30:00.000Z');
    // A board member watches the plan board meanwhile: the row has no file held now (one withdrawn, one erased).
    await boardPage.goto(`${base}/#/plans/SIP`);
    await boardPage.waitForSelector(`tr[data-action-id="${target.id}"]`);
    expect(await boardPage.locator(`tr[data-action-id="${target.id}"] .evidence-count`).count()).toBe(0);
    await ownerPage.goto(`${base}/#/actions/${target.id}`);
    await ownerPage.waitForSelector('form[data-form="attach-evidence"]');
    // What a browser dispatches when a file from the desktop is dropped: a DataTransfer holding it.
    const dropped = await ownerPage.evaluateHandle(() => {
      const w = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: string[], name: string, options: object) => unknown };
      const transfer = new w.DataTransfer();
      transfer.items.add(new w.File(['Progress report to the Improvement Board, November 2013.\n'], 'progress-report.txt', { type: 'text/plain' }));
      return transfer;
    });
    await ownerPage.dispatchEvent('#evidence-drop', 'dragenter', { dataTransfer: dropped });
    await ownerPage.dispatchEvent('#evidence-drop', 'drop', { dataTransfer: dropped });
    await expect(ownerPage.textContent('#evidence-chosen')).resolves.toContain('progress-report.txt');
    expect(await ownerPage.$eval('#evidence-files', (i) => (i as unknown as { files: { length: number } }).files.length)).toBe(1);
    await expect(ownerPage.textContent('#evidence-status')).resolves.toContain('1 file ready to attach');
    await ownerPage.click('form[data-form="attach-evidence"] button[type="submit"]');
    await ownerPage.waitForSelector('.upload[data-outcome="attached"]');
    await ownerPage.waitForSelector('#evidence-list .evidence-item');
    expect(await heldNames(ownerPage)).toEqual(['progress-report.txt']);
    await expect(ownerPage.locator('#evidence-list .evidence-kind').first().textContent()).resolves.toBe('Plain text');
    // The board member's plan board counts it without a reload.
    await boardPage.waitForSelector(`tr[data-action-id="${target.id}"] .evidence-count:has-text("1 file")`);
  });

  it('offers an admin, not a board member, the ZIP of the evidence pack for the period on the changes page', async () => {
    await adminPage.goto(`${base}/#/plans/SIP/changes?from=2013-11-01`);
    const zip = adminPage.locator('#pack-zip');
    await zip.waitFor();
    await expect(zip.textContent()).resolves.toBe('Download ZIP (pack and files)');
    const href = (await zip.getAttribute('href'))!;
    expect(href).toBe('/api/plans/SIP/evidence?format=zip&from=2013-11-01');
    // The link works with the session alone, as a click would send it.
    const answer = await adminPage.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('Content-Type'), start: String.fromCharCode(bytes[0], bytes[1]) };
    }, href);
    expect(answer).toEqual({ status: 200, type: expect.stringContaining('application/zip'), start: 'PK' });

    await boardPage.goto(`${base}/#/plans/SIP/changes?from=2013-11-01`);
    await boardPage.waitForSelector('h1:has-text("Changes between meetings")');
    await boardPage.waitForSelector('.period');
    expect(await boardPage.locator('#pack-zip').count()).toBe(0);
  });

  it("shows the upload form to a person named as one of the action's owners who owns no plan, and attaches as them; not on an action they are not named on", async () => {
    const ownersOf = async (id: string) => ((await t.http().get(`/api/actions/${id}`).set(bearer(adminToken))).body as { owners: string[] }).owners;
    const initials = (await ownersOf(target.id)).find((owner) => owner !== 'AB')!;
    expect(initials).toBeDefined();
    let elsewhere: string | undefined;
    for (const action of sip.workstreams.flatMap((w) => w.actions)) {
      if (!(await ownersOf(action.id)).includes(initials)) {
        elsewhere = action.id;
        break;
      }
    }
    if (elsewhere === undefined) throw new Error(`Every SIP action names ${initials}: no action to show the form is absent on`);
    const named = await setUpPerson(t.http, adminToken, {
      id: 'named-owner', name: 'Named Owner', initials, email: 'named.owner@norfolk.example', password: 'pebble-orchard-glacier-64', rights: [{ role: 'board' }],
    });
    const context = await newContext(browser);
    const page = await context.newPage();
    watch(page, 'named owner page');
    try {
      await signInWithPassword(page, base, named, `/#/actions/${target.id}`);
      await page.waitForSelector('form[data-form="attach-evidence"]');
      await page.setInputFiles('#evidence-files', { name: 'visit-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes of the visit, 20 November 2013.\n') });
      await page.click('form[data-form="attach-evidence"] button[type="submit"]');
      await page.waitForSelector('.upload[data-outcome="attached"]');
      const attached = (await evidenceEvents()).filter((e) => e.type === 'EvidenceAttached' && (e.data as { fileName: string }).fileName === 'visit-notes.txt');
      expect(attached).toHaveLength(1);
      expect((attached[0].metadata as { actor: { id: string } }).actor.id).toBe('named-owner');

      await page.goto(`${base}/#/actions/${elsewhere}`);
      await page.waitForSelector('#evidence-held');
      expect(await page.locator('form[data-form="attach-evidence"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('ran without script errors or blocked content', () => {
    expect(problems).toEqual([]);
  });
});

