import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { renderPackHtml } from '../../apps/api/src/meetings/pack/render/pack-html';
import { CHROMIUM, launchChromium } from '../support/browser';
import { pdfPages } from '../support/document-text';
import { FIXTURE_HEAD, FIXTURE_POSITION, meetingPackFixture } from '../support/meeting-pack-fixture';

/**
 * The HTML pack printed by the browser a board member uses (Chromium's "Save as PDF"), read
 * back with pdftotext: every page's footer carries the stamp and "Page n of N", and each
 * section starts a page of its own.
 */
describe('the HTML pack on paper', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed to print the pack and was not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('prints the stamp and the page number in the footer of every page, each section from a new page', async () => {
    const page = await browser.newPage();
    await page.setContent(renderPackHtml(meetingPackFixture()), { waitUntil: 'load' });
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    await page.close();
    expect(pages.length).toBeGreaterThan(7);
    pages.forEach((text, i) => {
      expect({ page: i + 1, stamp: text.includes(`Stamp ${FIXTURE_POSITION}:${FIXTURE_HEAD}`) }).toEqual({ page: i + 1, stamp: true });
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    // The page on which a heading stands on a line of its own.
    const firstPageOf = (heading: string) => pages.findIndex((text) => text.split('\n').some((line) => line.trim() === heading));
    const sections = ['The cross-plan board', "Each plan's board", 'Exceptions, worst first', 'Changes since the previous pack', 'Outcome measures', 'Trends', "The board's action log"];
    const starts = sections.map(firstPageOf);
    expect(starts.every((p) => p >= 0)).toBe(true);
    // In order, and no two sections begin on the same page.
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(starts).size).toBe(starts.length);
  }, 60_000);
});
