import { COUNTED_STATUSES, STATUS_LABELS, type MeetingPack } from '@rag-ledger/contract';
import { renderPackHtml } from '../../apps/api/src/meetings/pack/render/pack-html';
import { cssString } from '../../apps/api/src/meetings/pack/render/pack-html-style';
import { FIXTURE_HEAD, FIXTURE_POSITION, meetingPackFixture } from '../support/meeting-pack-fixture';
import { htmlProblem } from '../support/well-formed';

/** The text of the page as a reader sees it: tags dropped, entities read, spaces folded. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The pack with one board action whose words try to break out of the page. */
function hostilePack(): MeetingPack {
  const pack = meetingPackFixture();
  const [first, ...rest] = pack.boardActions;
  return {
    ...pack,
    board: { ...pack.board, name: 'Board </style><script>alert(1)</script>' },
    boardActions: [{ ...first, text: '<img src=x onerror=alert(1)> & "quoted"', owner: "O'Hara\u0007" }, ...rest],
  };
}

describe('the HTML pack', () => {
  const pack = meetingPackFixture();
  const html = renderPackHtml(pack);

  it('is one well-formed, self-contained page: nothing to load, no script', () => {
    expect(htmlProblem(html)).toBeUndefined();
    // The charts' patterns are referred to within the page (url(#id)); nothing else is.
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|\shref=|@import|url\((?!#)/i);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prints the stamp at the top and, on paper, in the footer of every page with its page number', () => {
    const stamp = `${FIXTURE_POSITION}:${FIXTURE_HEAD}`;
    const top = html.indexOf('<div class="stamp">');
    expect(top).toBeGreaterThan(0);
    expect(html.slice(top, html.indexOf('</div>', top))).toContain(`Stamp: ${stamp}`);
    expect(html.slice(top, html.indexOf('</div>', top))).toContain('Issued: 2014-03-05 10:15:00.000 GMT by José Díaz (board)');
    expect(html).toContain(`npm run verify -- --expect ${stamp}`);
    const page = /@page\{[\s\S]*?\}\}/.exec(html)?.[0] ?? '';
    expect(page).toContain(`@bottom-left{content:${cssString(`Stamp ${stamp} · issued 2014-03-05 10:15:00.000 GMT`)}`);
    expect(page).toContain('counter(page) " of " counter(pages)');
    expect(html).toMatch(/@media print\{[\s\S]*section\{break-before:page\}/);
  });

  it('holds the sections in the pack order, each one a section of its own', () => {
    const headings = [...html.matchAll(/<section id="(\w+)"><h2>([^<]+)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual([
      ['overview', 'The cross-plan board'],
      ['plans', 'Each plan&#39;s board'],
      ['exceptions', 'Exceptions, worst first'],
      ['changes', 'Changes since the previous pack'],
      ['measures', 'Outcome measures'],
      ['trends', 'Trends'],
      ['boardActions', 'The board&#39;s action log'],
    ]);
  });

  it('writes every status in words beside its colour', () => {
    for (const status of COUNTED_STATUSES) expect(html).toContain(`<span class="chip s-${status}">${status} ${STATUS_LABELS[status].replace(/'/g, '&#39;')}</span>`);
    const chips = [...html.matchAll(/<span class="chip s-([\w-]+)">([^<]*)<\/span>/g)];
    expect(chips.length).toBeGreaterThan(20);
    for (const [, , words] of chips) expect(words.trim().length).toBeGreaterThan(2);
  });

  it('lists the exceptions worst first and the board actions overdue first, in the order the pack holds them', () => {
    const text = textOf(html);
    const positions = (titles: string[]) => titles.map((t) => text.indexOf(t, text.indexOf('Exceptions, worst first')));
    const exceptionTitles = pack.exceptions.actions.map((a) => a.title);
    const found = positions(exceptionTitles);
    expect(found.every((p) => p > 0)).toBe(true);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
    const log = text.slice(text.indexOf("The board's action log"));
    const order = pack.boardActions.map((a) => log.indexOf(a.text));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(log).toContain('Open, overdue');
  });

  it('shows each change with who, when, from, to and why', () => {
    const text = textOf(html);
    for (const plan of pack.changes) {
      for (const movement of plan.actions) {
        for (const change of movement.changes) {
          expect(text).toContain(`${change.actor.name} (${change.actor.role})`);
          if (change.reason) expect(text).toContain(change.reason);
        }
      }
    }
    expect(text).toContain('since the previous pack (issued 2014-01-29 16:00:00.000 GMT)');
  });

  it('draws each trend inline with its description and a data table beside it', () => {
    const trends = html.slice(html.indexOf('<section id="trends">'), html.indexOf('<section id="boardActions">'));
    for (const trend of pack.trends) {
      const at = trends.indexOf(`${trend.title.replace(/'/g, '&#39;')}: RAG by month`);
      expect(at).toBeGreaterThan(0);
      const block = trends.slice(at, trends.indexOf('</div></div></div>', at));
      expect(block).toMatch(/<figure><svg[\s\S]*<\/svg><figcaption>/);
      expect(block).not.toContain('<?xml');
      expect(textOf(block)).toContain(trend.description);
      expect(block.match(/<tr><td>\d{4}-\d{2}<\/td>/g)).toHaveLength(trend.points.length);
    }
  });

  it('escapes everything from users and the log', () => {
    const page = renderPackHtml(hostilePack());
    expect(htmlProblem(page)).toBeUndefined();
    expect(page).not.toMatch(/<script|<img|<\/style><script/);
    expect(page).toContain('Board &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    // A control character is shown as its picture, never written as it is.
    expect(page).toContain('O&#39;Hara\u2407');
    // The title in the page's footer is a CSS string that cannot end the style element.
    expect(page.match(/<\/style>/g)).toHaveLength(1);
  });

  it('is the same bytes for the same pack, but for the generation time', () => {
    expect(renderPackHtml(meetingPackFixture())).toBe(html);
    const later = renderPackHtml(meetingPackFixture({ generatedAt: '2015-06-01T12:00:00.000Z' }));
    expect(later).not.toBe(html);
    expect(later.replace('Generated: 2015-06-01 13:00:00.000 BST', 'Generated: 2014-03-12 09:00:00.000 GMT')).toBe(html);
  });
});
