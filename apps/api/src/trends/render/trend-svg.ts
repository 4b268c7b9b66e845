import { type CountedStatus, shortMonthLabel, monthLabel, type TrendPoint, type TrendView } from '@rag-ledger/contract';
import { escapeMarkup as escapeXml } from '../../common/escape-markup';
import { shortened } from '../../measures/render/measure-chart';

export const TREND_CHART_SIZE = { width: 720, height: 400 };
const W = TREND_CHART_SIZE.width;
const H = TREND_CHART_SIZE.height;
export const TREND_PLOT_MARGINS = { top: 60, right: 24, bottom: 96, left: 56 };
const M = TREND_PLOT_MARGINS;
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

/** Bottom to top: completed work at the base, Red and not started above, where the eye goes. */
export const STACK: readonly CountedStatus[] = ['B', 'G', 'A', 'R', 'W'];

/** The words the legend and the bars' titles use, the board's colours, and a pattern for each, so colour is never the only cue. */
export const BANDS: Record<CountedStatus, { word: string; fill: string; ink: string; pattern: (ink: string) => string }> = {
  B: { word: 'Complete (Blue)', fill: '#0d47a1', ink: '#ffffff', pattern: (ink) => `<path d="M0 2 H8 M0 6 H8" stroke="${ink}" stroke-width="1"/>` },
  G: { word: 'Green', fill: '#1b5e20', ink: '#ffffff', pattern: () => '' },
  A: { word: 'Amber', fill: '#ffb300', ink: '#0b0c0c', pattern: (ink) => `<path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke="${ink}" stroke-width="1"/>` },
  R: { word: 'Red', fill: '#b71c1c', ink: '#ffffff', pattern: (ink) => `<path d="M0 0 L8 8 M8 0 L0 8" stroke="${ink}" stroke-width="1"/>` },
  W: { word: 'Not started', fill: '#ffffff', ink: '#505a5f', pattern: (ink) => `<circle cx="4" cy="4" r="1.2" fill="${ink}"/>` },
};

/** A round top for the count axis: 1, 2 or 5 times a power of ten, in steps of a fifth of it. */
export function axisTop(max: number): { top: number; step: number } {
  if (max <= 5) return { top: 5, step: 1 };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 5, 10].map((k) => k * magnitude).find((t) => t >= max)!;
  return { top, step: top / 5 };
}

/** Ids unique to the chart, so several charts inlined in one page (a pack) keep their own labels and patterns. */
const idPrefix = (trend: TrendView) => `trend-${(trend.planId ?? 'all').replace(/[^A-Za-z0-9_-]/g, '_')}`;

const pointText = (p: TrendPoint) =>
  `${monthLabel(p.month)}: ${STACK.map((s) => `${BANDS[s].word} ${p.counts[s]}`).join(', ')}; overdue ${p.overdue}`;

/**
 * The trend as a self-contained SVG: a bar per month stacked by status (each band its colour
 * and a pattern, and its count written in it where there is room), a line with diamond
 * markers for the overdue count on the same scale, axes with the months, a legend, and the
 * description as the picture's <desc>. The same trend always gives the same bytes.
 */
export function renderTrendSvg(trend: TrendView): string {
  const id = idPrefix(trend);
  const n = trend.points.length;
  const { top, step } = axisTop(Math.max(1, ...trend.points.map((p) => Math.max(p.total, p.overdue))));
  const slot = n === 0 ? PLOT_W : PLOT_W / n;
  const barW = Math.min(48, slot * 0.7);
  const cx = (i: number) => M.left + slot * (i + 0.5);
  const y = (v: number) => M.top + PLOT_H - (v * PLOT_H) / top;
  const f = (v: number) => v.toFixed(1);

  const patterns = STACK.map((s) => {
    const b = BANDS[s];
    return `<pattern id="${id}-${s}" patternUnits="userSpaceOnUse" width="8" height="8"><rect width="8" height="8" fill="${b.fill}"/>${b.pattern(b.ink)}</pattern>`;
  }).join('');
  const grid = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step)
    .map((v) => `<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#ddd"/><text x="${M.left - 8}" y="${f(y(v) + 4)}" text-anchor="end" font-size="12">${v}</text>`)
    .join('\n');
  // Every month has its bar; past twelve months only every other one is labelled (every third past 24), so labels never overlap.
  const every = Math.max(1, Math.ceil(n / 12));
  const xLabels = trend.points
    .map((p, i) => (i % every === 0 ? `<text x="${f(cx(i))}" y="${H - M.bottom + 18}" text-anchor="middle" font-size="10">${escapeXml(shortMonthLabel(p.month))}</text>` : ''))
    .filter(Boolean)
    .join('\n');
  const bars = trend.points
    .map((p, i) => {
      let base = 0;
      const bands = STACK.filter((s) => p.counts[s] > 0).map((s) => {
        const [y0, y1] = [y(base), y(base + p.counts[s])];
        base += p.counts[s];
        const b = BANDS[s];
        const x = cx(i) - barW / 2;
        const label = y0 - y1 >= 14 && barW >= 18
          ? `<text x="${f(cx(i))}" y="${f((y0 + y1) / 2 + 4)}" text-anchor="middle" font-size="11" font-weight="bold" fill="${s === 'A' || s === 'W' ? '#0b0c0c' : '#ffffff'}" paint-order="stroke" stroke="${b.fill}" stroke-width="3">${p.counts[s]}</text>`
          : '';
        return `<rect class="band" data-status="${s}" data-month="${p.month}" data-count="${p.counts[s]}" x="${f(x)}" y="${f(y1)}" width="${f(barW)}" height="${f(y0 - y1)}" fill="url(#${id}-${s})" stroke="#0b0c0c" stroke-width="0.75"><title>${escapeXml(`${monthLabel(p.month)}: ${b.word} ${p.counts[s]}`)}</title></rect>${label}`;
      });
      return `<g class="month" data-month="${p.month}"><title>${escapeXml(pointText(p))}</title>${bands.join('')}</g>`;
    })
    .join('\n');
  const overduePath = trend.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(cx(i))} ${f(y(p.overdue))}`).join(' ');
  const overdue = n === 0 ? '' : `<g class="overdue"><path d="${overduePath}" fill="none" stroke="#0b0c0c" stroke-width="2.5" stroke-dasharray="6 3"/>${trend.points
    .map((p, i) => `<path class="overdue-marker" data-month="${p.month}" data-count="${p.overdue}" d="M${f(cx(i))} ${f(y(p.overdue) - 6)} l6 6 l-6 6 l-6 -6 z" fill="#ffffff" stroke="#0b0c0c" stroke-width="2"><title>${escapeXml(`${monthLabel(p.month)}: ${p.overdue} overdue`)}</title></path>`)
    .join('')}</g>`;
  const legendItems = [
    ...STACK.map((s) => `<rect width="16" height="12" y="-10" fill="url(#${id}-${s})" stroke="#0b0c0c" stroke-width="0.75"/><text x="22" y="0" font-size="12">${BANDS[s].word}</text>`),
    '<path d="M0 -4 H28" stroke="#0b0c0c" stroke-width="2.5" stroke-dasharray="6 3"/><path d="M14 -10 l6 6 l-6 6 l-6 -6 z" fill="#ffffff" stroke="#0b0c0c" stroke-width="2"/><text x="34" y="0" font-size="12">Overdue (line)</text>',
  ];
  const legend = legendItems.map((item, k) => `<g class="legend-item" transform="translate(${M.left + (k % 3) * 210},${H - 44 + Math.floor(k / 3) * 20})">${item}</g>`).join('\n');
  const empty = n === 0 ? `<text x="${W / 2}" y="${M.top + PLOT_H / 2}" text-anchor="middle" font-size="14">No months to show</text>` : '';
  const heading = `${trend.title}: actions by status, month by month`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif">
<title id="${id}-title">${escapeXml(heading)}</title>
<desc id="${id}-desc">${escapeXml(trend.description)}</desc>
<defs>${patterns}</defs>
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${M.left}" y="24" font-size="15" font-weight="bold">${escapeXml(shortened(trend.title, 70))}</text>
<text x="${M.left}" y="44" font-size="12">Actions by status at each month's end (bars), and overdue actions (dashed line)</text>
${grid}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#333"/>
<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" stroke="#333"/>
<text transform="translate(16,${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12">Actions</text>
${xLabels}
${bars}
${overdue}
${empty}
${legend}
</svg>
`;
}
