import { formatValue } from '@rag-ledger/domain';
import type { MeasureView } from '@rag-ledger/projections';
import { escapeMarkup as escapeXml } from '../../common/escape-markup';

const W = 720;
const H = 360;
const M = { top: 56, right: 24, bottom: 64, left: 64 };
const COLOURS = { value: '#0d47a1', target: '#1b5e20', national: '#6a1b9a', predicted: '#e65100' };
const RAG_FILL: Record<string, string> = { G: '#1b5e20', A: '#ffb300', R: '#b71c1c' };
const RAG_TEXT: Record<string, string> = { G: '#ffffff', A: '#111111', R: '#ffffff' };
const RAG_WORD: Record<string, string> = { G: 'Green', A: 'Amber', R: 'Red' };

interface Series {
  key: 'value' | 'target' | 'national' | 'predicted';
  label: string;
  dash: string;
  points: Array<{ i: number; v: number; hollow?: boolean }>;
}

/** At most `max` characters (code points, so an emoji is never cut in half), with … when cut. */
export function shortened(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * The measure's values against its targets and the national comparator, period by
 * period, as a self-contained SVG. Lines differ by dash and marker as well as colour,
 * and a text description lists every figure, so the chart does not rely on colour.
 */
export function renderMeasureChart(m: MeasureView): string {
  const periods = m.series.map((p) => p.period);
  if (m.baseline && !periods.includes(m.baseline.period)) periods.unshift(m.baseline.period);
  periods.sort();
  const at = (period: string) => m.series.find((p) => p.period === period);
  const series: Series[] = [
    {
      key: 'value', label: 'Value', dash: '',
      points: periods.flatMap((p, i) => {
        const point = at(p);
        if (point?.value != null) return [{ i, v: point.value, hollow: point.provisional }];
        return m.baseline?.period === p ? [{ i, v: m.baseline.value }] : [];
      }),
    },
    { key: 'target', label: 'Target', dash: '8 5', points: periods.flatMap((p, i) => (at(p)?.target != null ? [{ i, v: at(p)!.target as number }] : [])) },
    { key: 'national', label: 'National', dash: '2 4', points: periods.flatMap((p, i) => (at(p)?.national != null ? [{ i, v: at(p)!.national as number }] : [])) },
    // The council's predictions (the trajectory), drawn only for a measure that has them.
    { key: 'predicted', label: 'Predicted', dash: '10 3 2 3', points: periods.flatMap((p, i) => (at(p)?.predicted != null ? [{ i, v: at(p)!.predicted as number }] : [])) },
  ].filter((s) => s.key !== 'predicted' || s.points.length > 0) as Series[];
  const all = series.flatMap((s) => s.points.map((p) => p.v));
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  if (m.unit === 'percent') {
    lo = Math.max(0, lo);
    hi = Math.min(100, hi);
  }
  const x = (i: number) => M.left + (periods.length <= 1 ? (W - M.left - M.right) / 2 : (i * (W - M.left - M.right)) / (periods.length - 1));
  const y = (v: number) => M.top + ((hi - v) * (H - M.top - M.bottom)) / (hi - lo);
  const fmt = (v: number) => formatValue(v, m.unit);

  const ticks = Array.from({ length: 5 }, (_, k) => lo + (k * (hi - lo)) / 4);
  const grid = ticks
    .map((v) => `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${M.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12">${escapeXml(fmt(Number(v.toFixed(1))))}</text>`)
    .join('\n');
  const xLabels = periods.map((p, i) => `<text x="${x(i).toFixed(1)}" y="${H - M.bottom + 20}" text-anchor="middle" font-size="12">${escapeXml(p)}</text>`).join('\n');
  const marker = (s: Series, p: { i: number; v: number; hollow?: boolean }) => {
    const cx = x(p.i).toFixed(1);
    const cy = y(p.v).toFixed(1);
    const colour = COLOURS[s.key];
    if (s.key === 'target') return `<rect x="${(x(p.i) - 4).toFixed(1)}" y="${(y(p.v) - 4).toFixed(1)}" width="8" height="8" fill="${colour}"><title>Target ${escapeXml(periods[p.i])}: ${escapeXml(fmt(p.v))}</title></rect>`;
    if (s.key === 'predicted') return `<path d="M${cx} ${(y(p.v) - 5).toFixed(1)} l5 9 l-10 0 z" fill="${colour}"><title>Predicted ${escapeXml(periods[p.i])}: ${escapeXml(fmt(p.v))}</title></path>`;
    if (s.key === 'national') return `<path d="M${cx} ${(y(p.v) - 5).toFixed(1)} l5 5 l-5 5 l-5 -5 z" fill="${colour}"><title>National ${escapeXml(periods[p.i])}: ${escapeXml(fmt(p.v))}</title></path>`;
    return `<circle cx="${cx}" cy="${cy}" r="5" fill="${p.hollow ? '#fff' : colour}" stroke="${colour}" stroke-width="2"><title>Value ${escapeXml(periods[p.i])}: ${escapeXml(fmt(p.v))}${p.hollow ? ' (provisional)' : ''}</title></circle>`;
  };
  const lines = series
    .filter((s) => s.points.length > 0)
    .map((s) => {
      const path = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)} ${y(p.v).toFixed(1)}`).join(' ');
      return `<g class="series-${s.key}"><path d="${path}" fill="none" stroke="${COLOURS[s.key]}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>${s.points.map((p) => marker(s, p)).join('')}</g>`;
    })
    .join('\n');
  const legend = series
    .map((s, k) => `<g transform="translate(${M.left + k * 150},${H - 18})"><line x1="0" x2="28" y1="-4" y2="-4" stroke="${COLOURS[s.key]}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="34" y="0" font-size="12">${s.label}</text></g>`)
    .join('\n');
  const shown = m.override?.rag ?? m.rag;
  const rag = shown
    ? `<g transform="translate(${W - M.right - 200},14)"><rect width="200" height="26" rx="4" fill="${RAG_FILL[shown]}" stroke="#111"/><text x="100" y="18" text-anchor="middle" font-size="13" font-weight="bold" fill="${RAG_TEXT[shown]}">${shown} ${RAG_WORD[shown]}${m.override ? ' (overridden)' : ''}</text></g>`
    : '';
  const description = periods
    .map((p) => {
      const point = at(p);
      const parts = [
        point?.value != null ? `value ${fmt(point.value)}${point.provisional ? ' provisional' : ''}` : m.baseline?.period === p ? `baseline ${fmt(m.baseline.value)}` : null,
        point?.target != null ? `target ${fmt(point.target)}` : null,
        point?.national != null ? `national ${fmt(point.national)}` : null,
        point?.predicted != null ? `predicted ${fmt(point.predicted)}` : null,
      ].filter(Boolean);
      return `${p}: ${parts.join(', ') || 'no figures'}`;
    })
    .join('; ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="title desc" font-family="system-ui, sans-serif">
<title id="title">${escapeXml(m.name)}</title>
<desc id="desc">${escapeXml(`${m.explanation}. ${description}.`)}</desc>
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${M.left}" y="24" font-size="15" font-weight="bold">${escapeXml(shortened(m.name, 46))}</text>
<text x="${M.left}" y="44" font-size="12">${escapeXml(m.explanation)}</text>
${rag}
${grid}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>
${xLabels}
${lines}
${legend}
</svg>
`;
}
