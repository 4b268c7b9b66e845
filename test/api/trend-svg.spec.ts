import { XMLParser } from 'fast-xml-parser';
import type { Counts, TrendPoint, TrendView } from '@rag-ledger/contract';
import { renderTrendSvg } from '../../apps/api/src/trends/render/trend-svg';
import { xmlProblem } from '../support/well-formed';

/** The trend chart (apps/api/src/trends/render/trend-svg.ts), read back as XML. */
const point = (month: string, counts: Partial<Counts>, overdue: number): TrendPoint => {
  const full = { W: 0, G: 0, A: 0, R: 0, B: 0, ...counts };
  return { month, asOf: `${month}-28T23:59:59.999Z`, counts: full, total: Object.values(full).reduce((a, b) => a + b, 0), overdue };
};

const trend = (over: Partial<TrendView> = {}): TrendView => ({
  planId: 'SIP',
  title: 'Strategic Improvement Plan',
  from: '2013-09-01',
  to: '2013-12-15T12:00:00.000Z',
  points: [
    point('2013-09', { W: 10, G: 4, A: 3, R: 6 }, 2),
    point('2013-10', { W: 6, G: 8, A: 4, R: 4, B: 1 }, 5),
    point('2013-11', { W: 2, G: 12, A: 2, R: 2, B: 5 }, 3),
    point('2013-12', { G: 10, A: 1, R: 1, B: 11 }, 0),
  ],
  description: 'In Strategic Improvement Plan, Red actions fell from 6 in September 2013 to 1 in December 2013.',
  ...over,
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['g', 'rect', 'path', 'text', 'pattern', 'line'].includes(name) });

interface Node {
  [key: string]: unknown;
}
/** Every element named `name` anywhere under `node`. */
function all(node: unknown, name: string): Node[] {
  if (node === null || typeof node !== 'object') return [];
  const found: Node[] = [];
  for (const [key, value] of Object.entries(node as Node)) {
    const values = Array.isArray(value) ? value : [value];
    if (key === name) found.push(...(values.filter((v) => typeof v === 'object') as Node[]));
    for (const v of values) found.push(...all(v, name));
  }
  return found;
}
const textOf = (node: Node | string): string => (typeof node === 'string' ? node : String(node['#text'] ?? ''));

describe('the trend chart as SVG', () => {
  const svg = renderTrendSvg(trend());
  const doc = parser.parse(svg) as { svg: Node };

  it('is well-formed, labelled by its title and description, and byte-identical for the same trend', () => {
    expect(xmlProblem(svg)).toBeUndefined();
    expect(doc.svg).toMatchObject({ role: 'img', 'aria-labelledby': 'trend-SIP-title trend-SIP-desc' });
    expect(doc.svg.title).toMatchObject({ id: 'trend-SIP-title', '#text': 'Strategic Improvement Plan: actions by status, month by month' });
    expect(doc.svg.desc).toMatchObject({ id: 'trend-SIP-desc', '#text': trend().description });
    expect(renderTrendSvg(trend())).toBe(svg);
  });

  it("draws each month's bands with heights proportional to the counts, stacked without gaps, and the overdue markers on the same scale", () => {
    const bands = all(doc.svg, 'rect').filter((r) => r.class === 'band');
    // One band per status with actions in it, each month.
    expect(bands).toHaveLength(4 + 5 + 5 + 4);
    const perAction = Number(bands[0].height) / Number(bands[0]['data-count']);
    expect(perAction).toBeGreaterThan(0);
    for (const p of trend().points) {
      const mine = bands.filter((b) => b['data-month'] === p.month);
      for (const b of mine) {
        expect(Number(b['data-count'])).toBe(p.counts[b['data-status'] as keyof Counts]);
        expect(Number(b.height)).toBeCloseTo(perAction * Number(b['data-count']), 0);
      }
      // Bottom to top: Complete, Green, Amber, Red, Not started; each band sits on the one below.
      expect(mine.map((b) => b['data-status'])).toEqual(['B', 'G', 'A', 'R', 'W'].filter((s) => p.counts[s as keyof Counts] > 0));
      for (let k = 1; k < mine.length; k++) expect(Number(mine[k].y) + Number(mine[k].height)).toBeCloseTo(Number(mine[k - 1].y), 0);
      const bottom = Number(mine[0].y) + Number(mine[0].height);
      const bar = bottom - Number(mine[mine.length - 1].y);
      expect(bar).toBeCloseTo(perAction * p.total, 0);
      const marker = all(doc.svg, 'path').find((m) => m.class === 'overdue-marker' && m['data-month'] === p.month)!;
      // The diamond's top is 6 above the value.
      const markerY = Number(/^M[\d.]+ ([\d.]+)/.exec(String(marker.d))![1]) + 6;
      expect(bottom - markerY).toBeCloseTo(perAction * p.overdue, 0);
    }
  });

  it('gives every status a pattern as well as a colour, and names them in the legend with the overdue line; months on the axis', () => {
    const patterns = all(doc.svg, 'pattern').map((p) => p.id);
    expect(patterns).toEqual(['trend-SIP-B', 'trend-SIP-G', 'trend-SIP-A', 'trend-SIP-R', 'trend-SIP-W']);
    const legend = all(doc.svg, 'g').filter((g) => g.class === 'legend-item').map((g) => all(g, 'text').map(textOf).join(''));
    expect(legend).toEqual(['Complete (Blue)', 'Green', 'Amber', 'Red', 'Not started', 'Overdue (line)']);
    const texts = all(doc.svg, 'text').map(textOf);
    for (const month of ['Sep 2013', 'Oct 2013', 'Nov 2013', 'Dec 2013']) expect(texts).toContain(month);
    // A band tall enough carries its count as text, so the figure does not rest on colour either.
    expect(texts).toContain('12');
    const monthTitles = all(doc.svg, 'g').filter((g) => g.class === 'month').map((g) => textOf(g.title as Node));
    expect(monthTitles[0]).toBe('September 2013: Complete (Blue) 0, Green 4, Amber 3, Red 6, Not started 10; overdue 2');
  });

  it('escapes a plan title with < & " and keeps ids safe for any plan id', () => {
    const nasty = renderTrendSvg(trend({ planId: 'A&B "1"', title: 'Early <Help> & "Family" Support', description: 'In Early <Help> & "Family" Support, nothing moved.' }));
    expect(xmlProblem(nasty)).toBeUndefined();
    const parsed = parser.parse(nasty) as { svg: Node };
    expect(parsed.svg['aria-labelledby']).toBe('trend-A_B__1_-title trend-A_B__1_-desc');
    expect(nasty).toContain('<title id="trend-A_B__1_-title">Early &lt;Help&gt; &amp; &quot;Family&quot; Support: actions by status, month by month</title>');
    expect(nasty).toContain('<desc id="trend-A_B__1_-desc">In Early &lt;Help&gt; &amp; &quot;Family&quot; Support, nothing moved.</desc>');
    expect(nasty).not.toContain('<Help>');
  });

  it('across plans uses its own ids, and a trend with no months says so', () => {
    const across = renderTrendSvg(trend({ planId: null, title: 'All plans', points: [] }));
    expect(xmlProblem(across)).toBeUndefined();
    expect(across).toContain('aria-labelledby="trend-all-title trend-all-desc"');
    expect(across).toContain('>No months to show</text>');
    expect(across).not.toContain('class="band"');
  });
});
