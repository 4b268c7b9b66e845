import { type ApiError, apiGet, apiGetBlob } from '../api.js';
import { COUNTED_STATUSES, monthLabel, STATUS_LABELS, type TrendView } from '../contract.js';
import { demoStatus } from '../demo-status.js';
import { setHtml } from '../dom.js';
import { html, type SafeHtml } from '../html.js';
import { chartImage } from './chart-image.js';

/**
 * A trend on a page (the overview across plans, a plan's board): the chart the API draws
 * (GET .../trends.svg, fetched with the session as the measure chart is), its description as
 * text beside it, and the figures month by month in a table, opened for printing.
 */
export interface TrendOptions {
  /** GET path of the trend's data; the chart is the same path with `.svg`. */
  path: string;
  /** The board's as-of instant, if the page shows a past board: the trend ends there. */
  asOf?: string;
  /** What the chart is of, for its text alternative: "all plans", "SIP". */
  what: string;
}

/** The section's frame, filled by mountTrend. */
export function trendSection(): SafeHtml {
  return html`<section id="trend" class="card trend" aria-labelledby="trend-heading">
    <h2 id="trend-heading">Trend, month by month</h2>
    <div class="trend-layout">
      <figure>
        <div class="chart-frame" id="trend-chart"><p class="loading">Drawing the chart…</p></div>
        <figcaption>Bars: the actions in each status at each month’s end, each status with its own pattern; dashed line with diamonds: overdue actions.</figcaption>
      </figure>
      <p class="trend-description" id="trend-description" aria-live="off"></p>
    </div>
    <details class="trend-figures" id="trend-figures">
      <summary>The figures month by month</summary>
      <div id="trend-table"></div>
    </details>
  </section>`;
}

/** The table of the trend: a row per month, a column per status, total and overdue. */
export function trendTable(trend: TrendView): SafeHtml {
  return html`<table class="trend-table">
    <caption class="visually-hidden">${trend.title}: actions in each status and overdue, month by month</caption>
    <thead><tr>
      <th scope="col">Month</th>
      ${COUNTED_STATUSES.map((s) => html`<th scope="col" class="num">${s}<span class="visually-hidden"> ${STATUS_LABELS[s]}</span></th>`)}
      <th scope="col" class="num">Total</th>
      <th scope="col" class="num">Overdue</th>
    </tr></thead>
    <tbody>${trend.points.map((p) => html`<tr data-month="${p.month}">
      <th scope="row">${monthLabel(p.month)}</th>
      ${COUNTED_STATUSES.map((s) => html`<td class="num">${p.counts[s]}</td>`)}
      <td class="num">${p.total}</td>
      <td class="num">${p.overdue}</td>
    </tr>`)}</tbody>
  </table>`;
}

/**
 * Fills the section: the data first (description and table), then the picture. `refresh` reads
 * both again (a live update); `destroy` frees the picture and stops listening for printing.
 */
export function mountTrend(root: HTMLElement, options: TrendOptions): { refresh(minPosition?: number): Promise<void>; destroy(): void } {
  let chartUrl: string | undefined;
  let request = 0;
  let destroyed = false;
  // A past board's trend ends at its instant; today's ends now, or where the demo history ends
  // (its 18 months are of 2013-2015: twelve months up to today would show none of them).
  const params = async (minPosition?: number) => ({ to: options.asOf ?? (await demoStatus()).endsAt ?? undefined, minPosition });
  const details = () => root.querySelector<HTMLDetailsElement>('#trend-figures');
  // A closed <details> prints closed: the figures open for printing, and close again after.
  let openedForPrint = false;
  const beforePrint = () => {
    const d = details();
    if (d && !d.open) {
      d.open = true;
      openedForPrint = true;
    }
  };
  const afterPrint = () => {
    const d = details();
    if (d && openedForPrint) d.open = false;
    openedForPrint = false;
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  const refresh = async (minPosition?: number) => {
    const mine = ++request;
    const frame = root.querySelector<HTMLElement>('#trend-chart');
    const description = root.querySelector<HTMLElement>('#trend-description');
    const table = root.querySelector<HTMLElement>('#trend-table');
    if (!frame || !description || !table) return;
    try {
      const trend = (await apiGet<TrendView>(options.path, await params(minPosition))).body;
      if (destroyed || mine !== request) return;
      description.textContent = trend.description;
      setHtml(table, trendTable(trend));
      const blob = await apiGetBlob(`${options.path}.svg`, await params(minPosition), 'image/svg+xml');
      if (destroyed || mine !== request) return;
      const { img, url } = await chartImage(blob, {
        alt: `Chart of the trend of ${options.what}, month by month; it is described beside the chart, and every figure is in the table below.`,
        width: 720,
        height: 400,
      });
      if (destroyed || mine !== request) {
        URL.revokeObjectURL(url);
        return;
      }
      frame.replaceChildren(img);
      if (chartUrl) URL.revokeObjectURL(chartUrl);
      chartUrl = url;
    } catch (error) {
      if (destroyed || mine !== request) return;
      if ((error as ApiError).status === 401) return;
      setHtml(frame, html`<p class="note">The trend could not be drawn (${(error as ApiError).message || 'no answer'}).</p>`);
    }
  };

  return {
    refresh,
    destroy: () => {
      destroyed = true;
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      if (chartUrl) URL.revokeObjectURL(chartUrl);
      chartUrl = undefined;
    },
  };
}
