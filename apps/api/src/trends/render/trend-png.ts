import { crc32, deflateSync } from 'node:zlib';
import type { CountedStatus, TrendView } from '@rag-ledger/contract';
import { axisTop, BANDS, STACK, TREND_CHART_SIZE, TREND_PLOT_MARGINS } from './trend-svg';

/**
 * The trend's bars and overdue line as a PNG, for the one reader that needs pixels: Word, which
 * shows a picture as SVG (the chart itself, renderTrendSvg) only with a raster copy beside it
 * for the versions that cannot draw SVG. Rectangles, lines and the bands' patterns are all the
 * chart is made of, so they are painted here directly rather than through a rendering library;
 * the words (axis labels, legend) are left to the SVG and to the description and data table
 * that accompany every chart. The same trend always gives the same bytes.
 */
export function renderTrendPng(trend: TrendView): Buffer {
  const { width: W, height: H } = TREND_CHART_SIZE;
  const M = TREND_PLOT_MARGINS;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const image = new Canvas(W, H);

  const n = trend.points.length;
  const { top, step } = axisTop(Math.max(1, ...trend.points.map((p) => Math.max(p.total, p.overdue))));
  const slot = n === 0 ? plotW : plotW / n;
  const barW = Math.min(48, slot * 0.7);
  const cx = (i: number) => M.left + slot * (i + 0.5);
  const y = (v: number) => M.top + plotH - (v * plotH) / top;

  for (let v = 0; v <= top; v += step) image.line(M.left, y(v), W - M.right, y(v), GRID);
  image.line(M.left, M.top, M.left, M.top + plotH, AXIS);
  image.line(M.left, M.top + plotH, W - M.right, M.top + plotH, AXIS);

  trend.points.forEach((p, i) => {
    let base = 0;
    for (const status of STACK) {
      const count = p.counts[status];
      if (count <= 0) continue;
      const [y0, y1] = [y(base), y(base + count)];
      base += count;
      image.band(cx(i) - barW / 2, y1, barW, y0 - y1, status);
    }
  });
  // The overdue count: a dashed line through diamond markers, on the bars' scale.
  for (let i = 1; i < n; i++) image.line(cx(i - 1), y(trend.points[i - 1].overdue), cx(i), y(trend.points[i].overdue), INK, 6, 3, 2);
  trend.points.forEach((p, i) => image.diamond(cx(i), y(p.overdue), 6));
  return image.png();
}

type Rgb = readonly [number, number, number];
const INK: Rgb = [0x0b, 0x0c, 0x0c];
const AXIS: Rgb = [0x33, 0x33, 0x33];
const GRID: Rgb = [0xdd, 0xdd, 0xdd];
const WHITE: Rgb = [0xff, 0xff, 0xff];

const rgb = (hex: string): Rgb => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

/** Whether a pixel of the band's 8-pixel tile is ink: the SVG's patterns, as pixels (lines, plain, diagonals, cross-hatch, dots). */
const PATTERN: Record<CountedStatus, (x: number, y: number) => boolean> = {
  B: (_x, y) => y % 8 === 2 || y % 8 === 6,
  G: () => false,
  A: (x, y) => (x + y) % 8 === 0,
  R: (x, y) => x % 8 === y % 8 || (x + y) % 8 === 7,
  W: (x, y) => Math.abs((x % 8) - 4) + Math.abs((y % 8) - 4) <= 1,
};

/** An RGB image painted in whole pixels, encoded as a PNG (8-bit truecolour, no filter). */
class Canvas {
  private readonly pixels: Buffer;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.pixels = Buffer.alloc(width * height * 3, 0xff);
  }

  set(x: number, y: number, colour: Rgb): void {
    const [px, py] = [Math.round(x), Math.round(y)];
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const at = (py * this.width + px) * 3;
    this.pixels[at] = colour[0];
    this.pixels[at + 1] = colour[1];
    this.pixels[at + 2] = colour[2];
  }

  /** A band of a bar: its colour, its pattern in its ink, and a dark outline. */
  band(x: number, y: number, w: number, h: number, status: CountedStatus): void {
    const band = BANDS[status];
    const [fill, ink] = [rgb(band.fill), rgb(band.ink)];
    const [x0, y0, x1, y1] = [Math.round(x), Math.round(y), Math.round(x + w), Math.round(y + h)];
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const edge = px === x0 || px === x1 - 1 || py === y0 || py === y1 - 1;
        this.set(px, py, edge ? INK : PATTERN[status](px, py) ? ink : fill);
      }
    }
  }

  /** A line `thickness` pixels wide; dashed as `dash` on, `gap` off (in pixels along it) when a gap is given. */
  line(xa: number, ya: number, xb: number, yb: number, colour: Rgb, dash = 1, gap = 0, thickness = 1): void {
    const length = Math.max(Math.abs(xb - xa), Math.abs(yb - ya), 1);
    for (let s = 0; s <= length; s++) {
      if (gap > 0 && s % (dash + gap) >= dash) continue;
      const [x, y] = [xa + ((xb - xa) * s) / length, ya + ((yb - ya) * s) / length];
      for (let t = 0; t < thickness; t++) this.set(x, y + t, colour);
    }
  }

  /** A white diamond with a dark edge, `r` pixels from its centre to each point. */
  diamond(cx: number, cy: number, r: number): void {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const d = Math.abs(dx) + Math.abs(dy);
        if (d <= r) this.set(cx + dx, cy + dy, d >= r - 1 ? INK : WHITE);
      }
    }
  }

  png(): Buffer {
    const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      // Each row starts with its filter type: 0, none.
      this.pixels.copy(rows, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
    return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
