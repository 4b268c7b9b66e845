import { inflateSync } from 'node:zlib';
import type { Counts, TrendPoint, TrendView } from '@rag-ledger/contract';
import { renderTrendPng } from '../../apps/api/src/trends/render/trend-png';
import { TREND_CHART_SIZE, TREND_PLOT_MARGINS } from '../../apps/api/src/trends/render/trend-svg';

/** The raster copy of the trend chart Word keeps beside the SVG (apps/api/src/trends/render/trend-png.ts), decoded back to pixels. */
const point = (month: string, counts: Partial<Counts>, overdue: number): TrendPoint => {
  const full = { W: 0, G: 0, A: 0, R: 0, B: 0, ...counts };
  return { month, asOf: `${month}-28T23:59:59.999Z`, counts: full, total: Object.values(full).reduce((a, b) => a + b, 0), overdue };
};
const trend = (points: TrendPoint[]): TrendView => ({ planId: 'SIP', title: 'Strategic Improvement Plan', from: '2013-09-01', to: '2013-10-31T23:59:59.999Z', points, description: 'A trend.' });

/** The PNG's pixels, for an 8-bit truecolour image written without filters (as the chart's is). */
function decode(png: Buffer): { width: number; height: number; at: (x: number, y: number) => string } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') chunks.push(data);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  expect(rows.length).toBe((width * 3 + 1) * height);
  const at = (x: number, y: number) => {
    const i = y * (width * 3 + 1) + 1 + x * 3;
    return `#${[rows[i], rows[i + 1], rows[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };
  return { width, height, at };
}

describe('the trend chart as a PNG (the raster copy Word keeps beside the SVG)', () => {
  const { width: W, height: H } = TREND_CHART_SIZE;
  const M = TREND_PLOT_MARGINS;
  const plotH = H - M.top - M.bottom;
  const slot = (W - M.left - M.right) / 2;

  it('is the chart size, its bars stacked by status in the board colours, each band as tall as its count', () => {
    // Axis top: 10 (the larger total), so a count of 1 is a tenth of the plot's height.
    const image = decode(renderTrendPng(trend([point('2013-09', { G: 10 }, 0), point('2013-10', { B: 5, R: 5 }, 0)])));
    expect([image.width, image.height]).toEqual([W, H]);
    // Left of each bar's centre, clear of the overdue markers drawn on it.
    const column = (i: number) => Math.round(M.left + slot * (i + 0.5)) - 10;
    const run = (x: number, colour: string) => Array.from({ length: H }, (_, y) => image.at(x, y)).filter((c) => c === colour).length;
    // September: all Green, the full height (less the outline); October: Red above Complete, half each.
    expect(run(column(0), '#1b5e20')).toBeGreaterThanOrEqual(plotH - 2);
    const upper = Array.from({ length: plotH / 2 - 6 }, (_, k) => image.at(column(1), M.top + 3 + k));
    expect(upper.every((c) => c === '#b71c1c' || c === '#ffffff')).toBe(true); // Red, cross-hatched in white
    expect(upper.filter((c) => c === '#b71c1c').length).toBeGreaterThan(upper.length / 2);
    // The Complete band (blue, with its white lines) spans the lower half of the October bar.
    const blue = Array.from({ length: H }, (_, y) => y).filter((y) => image.at(column(1), y) === '#0d47a1');
    expect(Math.abs(blue[blue.length - 1] - blue[0] - plotH / 2)).toBeLessThanOrEqual(4);
    expect(Math.abs(blue[0] - (M.top + plotH / 2))).toBeLessThanOrEqual(3);
    // Outside the bars the plot is white.
    expect(image.at(M.left + 2, M.top + 2)).toBe('#ffffff');
  });

  it('draws the overdue count as a dark line through markers, and gives the same bytes for the same trend', () => {
    const t = trend([point('2013-09', { G: 10 }, 10), point('2013-10', { G: 10 }, 10)]);
    const image = decode(renderTrendPng(t));
    // Overdue 10 of 10: the marker sits on the plot's top edge, above the first bar.
    const x = Math.round(M.left + slot * 0.5);
    expect(image.at(x, M.top - 6)).toBe('#0b0c0c');
    expect(renderTrendPng(t).equals(renderTrendPng(t))).toBe(true);
    expect(renderTrendPng(t).equals(renderTrendPng(trend([point('2013-09', { G: 10 }, 0), point('2013-10', { G: 10 }, 10)])))).toBe(false);
  });
});
