import { strFromU8, unzipSync } from 'fflate';
import type { MeetingPack, PlanBoard } from '@rag-ledger/contract';
import { PACK_SECTIONS } from '../../apps/api/src/meetings/pack/render/pack-blocks';
import { renderPackDocx } from '../../apps/api/src/meetings/pack/render/pack-docx';
import { renderPackPdf } from '../../apps/api/src/meetings/pack/render/pack-pdf';
import { renderMeetingPack } from '../../apps/api/src/meetings/pack/render/render-pack';
import { renderTrendSvg } from '../../apps/api/src/trends/render/trend-svg';
import { docxHtml, docxPart, docxText, pdfFlowText, pdfInfo, pdfPages, zipEntryTimes } from '../support/document-text';
import { FIXTURE_BOARD_NAME, FIXTURE_HEAD, FIXTURE_POSITION, meetingPackFixture } from '../support/meeting-pack-fixture';

/** The meeting's pack as PDF and as Word, rendered from the fixture and read back with a reader's tools. */
const STAMP = `${FIXTURE_POSITION}:${FIXTURE_HEAD}`;
const ISSUED = 'issued 2014-03-05 10:15:00.000 GMT';
const SECTIONS = Object.values(PACK_SECTIONS);

/** The fixture with one work-stream of sixty actions: a table that must run over pages. */
function packWithLongTable(): MeetingPack {
  const pack = meetingPackFixture();
  const plan: PlanBoard = pack.plans[0];
  const ws = plan.workstreams[0];
  const actions = Array.from({ length: 60 }, (_, i) => ({ ...ws.actions[i % ws.actions.length], id: `a-long-${i}`, ref: `LONG.${i + 1}` }));
  return { ...pack, plans: [{ ...plan, workstreams: [{ ...ws, actions }] }, ...pack.plans.slice(1)] };
}

describe('the meeting pack as PDF', () => {
  const pack = meetingPackFixture();
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPackPdf(pack);
  });

  it('is an A4 PDF of more than one page, every page with "Page n of N", the stamp and the issue time in its footer', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfo(pdf)['Page size']).toContain('595.28 x 841.89 pts (A4)');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(Number(pdfInfo(pdf).Pages)).toBe(pages.length);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain(`Stamp ${STAMP}`);
      expect(page).toContain(ISSUED);
    });
  });

  it("holds the board's name, the meeting, every section in the HTML pack's order, and the changes with who and why", () => {
    const text = pdfFlowText(pdf);
    expect(text).toContain(FIXTURE_BOARD_NAME);
    expect(text).toContain('Improvement Board – March 2014 (Chair: Siân O’Brien)');
    const at = SECTIONS.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // A hyphenated name may wrap in its cell after the hyphen.
    expect(text).toMatch(/Amélie Brontë- ?Smith \(owner\)/);
    expect(text).toContain('José Díaz (board)');
    expect(text).toContain('The review stalled when the independent chair left; a new chair starts in April.');
    expect(text).toContain('2014-02-12 11:00 GMT');
    expect(text).toContain("Graham P'Nut & Sons (officer)");
  });

  it('writes RAG in words, overdue board actions as words, and letters outside the standard font without their accents', () => {
    const text = pdfFlowText(pdf);
    expect(text).toContain('R: Off track, needs attention');
    expect(text).toContain('A: Not on track, recovery plan in place');
    expect(text).toContain('Open, overdue');
    expect(text).toContain('Improving');
    // "ZŻ": Ż is not in Helvetica's letters, so the PDF prints Z (the Word pack keeps Ż).
    expect(text).toContain('responsible ZZ)');
    expect(text).toContain('Carefirst -> Liquidlogic');
  });

  it("draws the trends as vector charts beside their descriptions and data tables, and puts exceptions Red first", () => {
    const text = pdfFlowText(pdf);
    for (const trend of pack.trends) expect(text).toContain(trend.description);
    expect(text).toContain('Scale: 0 to 12 actions');
    expect(text).toContain('Dashed line with dots: overdue actions.');
    expect(pdf.includes('/Subtype /Image')).toBe(false);
    const exceptions = text.slice(text.indexOf(PACK_SECTIONS.exceptions), text.indexOf(PACK_SECTIONS.changes));
    expect(exceptions.indexOf('Review the Local Safeguarding')).toBeLessThan(exceptions.indexOf('Initial health assessments'));
  });

  it("bookmarks each section, and under it each plan's and each trend's heading, once each", () => {
    // The outline items' titles, as pdfkit writes them (literal strings, brackets escaped).
    const titles = [...pdf.toString('latin1').matchAll(/\/Title \(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
    const planTitles = pack.plans.map((p) => p.plan.title);
    const expected = [...SECTIONS, ...planTitles, ...planTitles, ...pack.trends.map((t) => `${t.title}: RAG by month and overdue actions`)];
    expect(titles.filter((t) => expected.includes(t)).sort()).toEqual([...expected].sort());
    // Nothing else but the document's own title (its information, not a bookmark).
    expect(titles.filter((t) => !expected.includes(t) && !t.startsWith(FIXTURE_BOARD_NAME))).toEqual([]);
  });

  it('repeats a table’s header row on each page it runs onto', async () => {
    const pages = pdfPages(await renderPackPdf(packWithLongTable()));
    const header = /Ref\s+Action\s+Owners\s+Target date\s+Status\s+Overdue/;
    const withLong = pages.filter((p) => p.includes('LONG.'));
    expect(withLong.length).toBeGreaterThan(1);
    for (const page of withLong) expect(page).toMatch(header);
  });

  it('gives the same bytes twice, dated generatedAt, and other bytes for another generatedAt', async () => {
    expect((await renderPackPdf(meetingPackFixture())).equals(pdf)).toBe(true);
    const info = pdfInfo(pdf);
    expect(info.CreationDate).toBe('2014-03-12T09:00:00Z');
    expect(info.ModDate).toBe('2014-03-12T09:00:00Z');
    expect(info.Title).toBe(`${FIXTURE_BOARD_NAME}: Improvement Board – March 2014 (Chair: Siân O’Brien)`);
    const later = await renderPackPdf(meetingPackFixture({ generatedAt: '2014-04-01T08:00:00.000Z' }));
    expect(later.equals(pdf)).toBe(false);
    expect(pdfInfo(later).CreationDate).toBe('2014-04-01T08:00:00Z');
  });
});

describe('the meeting pack as a Word document', () => {
  const pack = meetingPackFixture();
  let docx: Buffer;
  beforeAll(async () => {
    docx = await renderPackDocx(pack);
  });

  it("holds the board's name, the meeting, the changes with who and why, RAG in words, and names as typed", async () => {
    const text = await docxText(docx);
    expect(text).toContain(FIXTURE_BOARD_NAME);
    expect(text).toContain('Improvement Board – March 2014 (Chair: Siân O’Brien)');
    expect(text).toContain(STAMP);
    expect(text).toContain('Amélie Brontë-Smith (owner)');
    expect(text).toContain('The review stalled when the independent chair left; a new chair starts in April.');
    expect(text).toContain('R: Off track, needs attention');
    expect(text).toContain('Open, overdue');
    expect(text).toContain('responsible ZŻ)');
    expect(text).toContain('Carefirst → Liquidlogic');
    for (const trend of pack.trends) expect(text).toContain(trend.description);
  });

  it('draws each trend as a picture: the chart as SVG, with the PNG of its bars Word needs beside it, described by the trend', () => {
    const files = unzipSync(new Uint8Array(docx));
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/')).sort();
    expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(pack.trends.length);
    expect(media.filter((name) => name.endsWith('.png'))).toHaveLength(pack.trends.length);
    const svgs = media.filter((name) => name.endsWith('.svg')).map((name) => strFromU8(files[name]));
    for (const trend of pack.trends) expect(svgs).toContain(renderTrendSvg(trend));
    for (const name of media.filter((n) => n.endsWith('.png'))) {
      const png = Buffer.from(files[name]);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([720, 400]);
    }
    // Each picture carries the trend's description as its alternative text, and its own id.
    const body = docxPart(docx, 'word/document.xml');
    const pictures = [...body.matchAll(/<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"/g)];
    expect(pictures.map((m) => m[1])).toEqual(pack.trends.map((_, i) => String(i + 1)));
    expect(pictures.map((m) => m[2].replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"'))).toEqual(pack.trends.map((t) => t.description));
  });

  it("puts the sections under Word's heading styles, in the HTML pack's order", async () => {
    const html = await docxHtml(docx);
    expect(html).toContain(`<h1>${FIXTURE_BOARD_NAME}: Improvement Board – March 2014 (Chair: Siân O’Brien)</h1>`);
    const at = SECTIONS.map((s) => html.indexOf(`<h2>${s}</h2>`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const plan of pack.plans) expect(html).toContain(`<h3>${plan.plan.title}</h3>`);
    // The tables' header rows repeat on each page (Word's "repeat as header row").
    expect(docxPart(docx, 'word/document.xml')).toContain('<w:tblHeader/>');
  });

  it('carries the stamp, the issue time and "Page n of N" as Word fields in the footer of every page', () => {
    const document = docxPart(docx, 'word/document.xml');
    expect(document).toMatch(/<w:footerReference w:type="default" r:id="[^"]+"\/>/);
    const footer = docxPart(docx, 'word/footer1.xml');
    expect(footer).toContain(`Stamp ${STAMP} · ${ISSUED}`);
    expect(footer).toMatch(/Page <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]* of <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
  });

  it('gives the same bytes twice, created, modified and zipped at generatedAt, and other bytes for another generatedAt', async () => {
    expect((await renderPackDocx(meetingPackFixture())).equals(docx)).toBe(true);
    const core = docxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2014-03-12T09:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2014-03-12T09:00:00Z</dcterms:modified>');
    expect(new Set(zipEntryTimes(docx))).toEqual(new Set(['2014-03-12 09:00:00']));
    // In summer the entries carry UK wall-clock time (BST), as the evidence ZIP's do.
    const summer = await renderPackDocx(meetingPackFixture({ generatedAt: '2014-07-01T08:30:00.000Z' }));
    expect(summer.equals(docx)).toBe(false);
    expect(new Set(zipEntryTimes(summer))).toEqual(new Set(['2014-07-01 09:30:00']));
    expect(docxPart(summer, 'docProps/core.xml')).toContain('2014-07-01T08:30:00Z</dcterms:created>');
  });
});

describe('renderMeetingPack', () => {
  it('answers each document with its content type and extension', async () => {
    const pack = meetingPackFixture();
    const pdf = await renderMeetingPack(pack, 'pdf');
    expect(pdf).toMatchObject({ contentType: 'application/pdf', extension: 'pdf' });
    expect(Buffer.from(pdf.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = await renderMeetingPack(pack, 'docx');
    expect(docx).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' });
    expect(await docxText(Buffer.from(docx.body))).toContain(FIXTURE_BOARD_NAME);
    const html = await renderMeetingPack(pack, 'html');
    expect(html).toMatchObject({ contentType: 'text/html; charset=utf-8', extension: 'html' });
    expect(String(html.body)).toContain(STAMP);
  });
});
