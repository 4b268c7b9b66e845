import type { CanvasElement, Content } from 'pdfmake/interfaces';
import { STATUS_LABELS, type CountedStatus, type TrendView } from '@rag-ledger/contract';
import { winAnsiText } from './pdf-text';

/**
 * A trend as a vector picture in the PDF, drawn with pdfmake's own canvas from the trend's data
 * (not from the SVG chart, so the PDF does not depend on an SVG renderer's output): a stacked
 * bar per month of the RAG distribution, and the overdue count as a dashed line with dots.
 * Colour is never the only cue: the legend names each band in words, and the pack prints the
 * trend's description and its data table beside it.
 */
const FILL: Record<CountedStatus, string> = { B: '#1f5fa8', G: '#2e7d32', A: '#f2a900', R: '#c62828', W: '#ffffff' };
/** Bottom to top: done work at the foot, not started at the top. */
const STACK: readonly CountedStatus[] = ['B', 'G', 'A', 'R', 'W'];

export function pdfTrendChart(trend: TrendView, width: number): Content {
  const height = 120;
  const points = trend.points;
  const top = Math.max(1, ...points.map((p) => Math.max(p.total, p.overdue)));
  const slot = width / Math.max(1, points.length);
  const bar = slot * 0.7;
  const y = (n: number) => height - (n / top) * height;
  const shapes: CanvasElement[] = [{ type: 'line', x1: 0, y1: height, x2: width, y2: height, lineWidth: 0.5, lineColor: '#444444' }];
  points.forEach((p, i) => {
    let base = 0;
    for (const status of STACK) {
      const n = p.counts[status];
      if (n <= 0) continue;
      shapes.push({ type: 'rect', x: i * slot + (slot - bar) / 2, y: y(base + n), w: bar, h: (n / top) * height, color: FILL[status], lineColor: '#444444', lineWidth: 0.4 });
      base += n;
    }
  });
  const line = points.map((p, i) => ({ x: i * slot + slot / 2, y: y(p.overdue) }));
  if (line.length > 1) shapes.push({ type: 'polyline', points: line, lineWidth: 1.2, lineColor: '#000000', dash: { length: 3, space: 2 } });
  for (const dot of line) shapes.push({ type: 'ellipse', x: dot.x, y: dot.y, r1: 2, r2: 2, color: '#000000' });
  return {
    unbreakable: true,
    margin: [0, 4, 0, 4],
    stack: [
      { text: winAnsiText(`Scale: 0 to ${top} actions`), fontSize: 7, color: '#444444' },
      { canvas: shapes },
      { columns: points.map((p) => ({ width: slot, text: p.month, fontSize: 6, alignment: 'center' as const })), columnGap: 0 },
      {
        fontSize: 7,
        margin: [0, 2, 0, 0],
        text: winAnsiText(`Bands from the bottom: ${STACK.map((s) => `${s} ${STATUS_LABELS[s]}`).join('; ')}. Dashed line with dots: overdue actions.`),
      },
    ],
  };
}

