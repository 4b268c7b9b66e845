import { type ApiError, apiGet, apiGetBlob } from '../api.js';
import { type HistoryEntry, mayReadHistory, type MeasureDetails, measureStream, type MeasurePoint, type PlanInfo, type Role, ROLE_NAMES, STATUS_LABELS, whyOf } from '../contract.js';
import { announce, flash, setHtml } from '../dom.js';
import { formatDay, formatInstant, happenedBy } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import {
  COMPARATOR_NAMES, describeMeasureEntry, directionText, formatMeasureValue, judgementOf, overrideText, polarityText, revisionText, UNIT_NAMES,
} from '../measures.js';
import { href } from '../router.js';
import { chartImage } from './chart-image.js';
import { asOfBanner, asOfControls, chip, crumbs, liveRefresher, printStamp, type View, type ViewContext, wireAsOf } from './common.js';

/**
 * An outcome measure: its judgement (computed RAG with its explanation, and any override
 * beside it), its details, the chart, the series as a table, and its history.
 */
export async function measureView(ctx: ViewContext): Promise<View> {
  const measureId = ctx.route.path[1];
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const path = `/api/measures/${encodeURIComponent(measureId)}`;

  const load = async (minPosition?: number) => {
    const [measure, history] = await Promise.all([
      apiGet<MeasureDetails>(path, { asOf, minPosition }),
      apiGet<HistoryEntry[]>(`${path}/history`, { minPosition }),
    ]);
    return { measure: measure.body, history: history.body };
  };
  let { measure, history } = await load();
  const plan = await apiGet<PlanInfo>(`/api/plans/${encodeURIComponent(measure.planId)}`).then((r) => r.body, () => undefined);
  if (!ctx.isCurrent()) return {};

  let chartUrl: string | undefined;
  let chartRequest = 0;
  let destroyed = false;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['Improvement Board', href([], { asOf })], [measure.planId, href(['plans', measure.planId], { asOf })], [measure.name, null]])}
      <h1 tabindex="-1" id="measure-title"></h1>
      <p class="meta" id="measure-meta"></p>
      <div id="banner"></div>
      ${printStamp(`Outcome measure ${measure.id}`)}
    </div>
    <div class="toolbar no-print">
      ${asOfControls(ctx.caller, ctx.route, asOf, 'measure')}
      <p class="links">
        <a href="${href(['plans', measure.planId], { asOf })}">Back to the plan board</a>
        <button type="button" class="secondary" data-action="print">Print</button>
      </p>
    </div>
    <div class="measure-layout">
      <section id="judgement" class="card" aria-labelledby="judgement-heading"></section>
      <section id="chart" class="card measure-chart" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Chart</h2>
        <figure>
          <div class="chart-frame" id="chart-frame"><p class="loading">Drawing the chart…</p></div>
          <figcaption>Values (solid line, round markers; hollow when provisional) against targets (dashed, square markers) and the national comparator (dotted, diamonds). Every figure is in the table below.</figcaption>
        </figure>
      </section>
    </div>
    <section id="series" class="card" aria-labelledby="series-heading"></section>
    <section id="history" class="card" aria-labelledby="history-heading"></section>`);
  wireAsOf(ctx.root, ctx.route);
  ctx.root.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());

  const renderDetails = () => {
    const ws = measure.workstreamId ? plan?.workstreams.find((w) => w.id === measure.workstreamId) : undefined;
    ctx.root.querySelector('#measure-title')!.textContent = measure.name;
    setHtml(ctx.root.querySelector('#measure-meta')!, html`${measure.id} · ${plan?.title ?? measure.planId}${
      measure.workstreamId ? ` · work-stream: ${ws ? `${ws.title} (${ws.id})` : measure.workstreamId}` : ' · whole plan'}`);
    setHtml(ctx.root.querySelector('#banner')!, asOfBanner(asOf, 'measure'));
    const u = measure.unit;
    setHtml(ctx.root.querySelector('#judgement')!, html`
      <h2 id="judgement-heading">Judgement</h2>
      <dl class="details">
        <dt>RAG (computed)</dt>
        <dd id="measure-rag">${measure.rag ? chip(measure.rag) : html`<span class="chip chip-none">No RAG</span>`}
          <span class="explanation">${measure.explanation}</span>
          <span class="muted rule">Rule: <code>${measure.rule}</code></span></dd>
        <dt>Override</dt>
        <dd id="measure-override">${measure.override
          ? html`${chip(measure.override.rag)} <span class="explanation">${overrideText(measure.override)}</span>
              <span class="muted override-by">${ROLE_NAMES[measure.override.by.role as Role] ?? measure.override.by.role}, <time datetime="${measure.override.at}">${formatInstant(measure.override.at)}</time></span>`
          : html`<span class="muted">none: the computed RAG stands</span>`}</dd>
        <dt>Direction of travel</dt>
        <dd><span class="direction direction-${measure.direction ?? 'unknown'}">${directionText(measure.direction)}</span></dd>
      </dl>
      <h2>Details</h2>
      <dl class="details">
        <dt>Unit</dt><dd>${UNIT_NAMES[u] ?? u}</dd>
        <dt>Better when</dt><dd>${polarityText(measure.polarity)}</dd>
        <dt>Baseline</dt><dd>${measure.baseline ? `${formatMeasureValue(measure.baseline.value, u)} in ${measure.baseline.period}` : html`<span class="muted">none</span>`}</dd>
        <dt>Amber tolerance</dt><dd>up to ${formatMeasureValue(measure.amberTolerance, u)} worse than target is Amber; more is Red</dd>
        <dt>Plan</dt><dd><a href="${href(['plans', measure.planId], { asOf })}">${plan?.title ?? measure.planId}</a></dd>
        <dt>Last change</dt><dd><time datetime="${measure.lastChangedAt}">${formatInstant(measure.lastChangedAt)}</time></dd>
        <dt>Id and revision</dt><dd><code>${measure.id}</code> · revision ${measure.revision}</dd>
      </dl>`);
    setHtml(ctx.root.querySelector('#series')!, seriesTable(measure));
  };

  const renderHistory = () => {
    const shown = asOf ? history.filter((e) => happenedBy(e.at, asOf)) : history;
    setHtml(ctx.root.querySelector('#history')!, html`
      <h2 id="history-heading">History <span class="muted">(newest first${asOf ? `, up to ${formatDay(asOf)}` : ''})</span></h2>
      <ol class="timeline" id="timeline">${[...shown].reverse().map((e) => timelineEntry(e, measure))}</ol>`);
  };

  /** Fetches the chart with the token and shows it from a blob: URL; the figures are in the table either way. */
  const renderChart = async (minPosition?: number) => {
    const mine = ++chartRequest;
    const frame = ctx.root.querySelector<HTMLElement>('#chart-frame')!;
    try {
      const blob = await apiGetBlob(`${path}/chart.svg`, { asOf, minPosition }, 'image/svg+xml');
      if (destroyed || mine !== chartRequest) return;
      const { img, url } = await chartImage(blob, { alt: `Chart of ${measure.name}: ${measure.explanation}. The figures are in the series table below.`, width: 720, height: 360 });
      if (destroyed || mine !== chartRequest) {
        URL.revokeObjectURL(url);
        return;
      }
      frame.replaceChildren(img);
      if (chartUrl) URL.revokeObjectURL(chartUrl);
      chartUrl = url;
    } catch (error) {
      if (destroyed || mine !== chartRequest) return;
      if ((error as ApiError).status === 401) return;
      setHtml(frame, html`<p class="note">The chart could not be drawn (${(error as ApiError).message || 'no answer'}). Every figure is in the table below.</p>`);
    }
  };

  renderDetails();
  renderHistory();
  void renderChart();

  return {
    destroy: () => {
      destroyed = true;
      if (chartUrl) URL.revokeObjectURL(chartUrl);
      chartUrl = undefined;
    },
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          if (!batch.resync && !batch.events.some((e) => e.streamId === measureStream(measure.id))) return;
          const before = measure.revision;
          const fresh = await load(batch.position);
          if (!ctx.isCurrent()) return;
          measure = fresh.measure;
          history = fresh.history;
          renderDetails();
          renderHistory();
          void renderChart(batch.position);
          if (measure.revision === before) return;
          flash([...ctx.root.querySelectorAll<HTMLElement>('#judgement, #timeline .entry:first-child')]);
          const last = history[history.length - 1];
          announce(
            `This measure was just updated${last ? ` by ${last.actor.name}` : ''}. ` +
              `RAG: ${measure.rag ? `${measure.rag}, ${STATUS_LABELS[measure.rag]}` : 'none'}${measure.override ? `, overridden to ${measure.override.rag}` : ''}.`,
          );
        }),
  };
}

/** The series: one row per period, every figure the chart draws and the ones it does not. */
function seriesTable(m: MeasureDetails): SafeHtml {
  const fmt = (v: number | null) => (v === null ? html`<span class="muted">–</span>` : html`${formatMeasureValue(v, m.unit)}`);
  const row = (p: MeasurePoint) => {
    const revision = revisionText(p, m.unit);
    return html`<tr data-period="${p.period}">
      <th scope="row">${p.period}</th>
      <td class="num">${p.value === null ? html`<span class="muted">none</span>` : html`<strong>${formatMeasureValue(p.value, m.unit)}</strong>`}</td>
      <td>${p.value === null ? '' : p.provisional ? html`<span class="tag">provisional</span>` : 'final'}</td>
      <td class="revision">${revision ? html`<span class="prewrap">${revision}</span>` : html`<span class="muted">–</span>`}</td>
      <td class="num">${fmt(p.target)}</td>
      <td class="num">${fmt(p.national)}</td>
      <td class="num">${fmt(p.statisticalNeighbours)}</td>
      <td class="num">${fmt(p.regional)}</td>
      <td class="source">${p.source ?? html`<span class="muted">–</span>`}</td>
    </tr>`;
  };
  return html`<h2 id="series-heading">Series <span class="muted">(oldest first)</span></h2>
    ${m.series.length === 0
      ? html`<p class="empty">No targets, values or comparators recorded yet.</p>`
      : html`<div class="table-scroll"><table class="series">
      <thead><tr>
        <th scope="col">Period</th>
        <th scope="col" class="num">Value</th>
        <th scope="col">Provisional or final</th>
        <th scope="col">Revised</th>
        <th scope="col" class="num">Target</th>
        <th scope="col" class="num">${COMPARATOR_NAMES.national}</th>
        <th scope="col" class="num">${COMPARATOR_NAMES.statisticalNeighbours}</th>
        <th scope="col" class="num">${COMPARATOR_NAMES.regional}</th>
        <th scope="col">Source</th>
      </tr></thead>
      <tbody>${m.series.map(row)}</tbody>
    </table></div>`}
    ${m.baseline && !m.series.some((p) => p.period === m.baseline!.period && p.value !== null)
      ? html`<p class="meta">Baseline: ${formatMeasureValue(m.baseline.value, m.unit)} in ${m.baseline.period}.</p>`
      : ''}`;
}

function timelineEntry(e: HistoryEntry, m: MeasureDetails): SafeHtml {
  const why = whyOf(e);
  const parts = describeMeasureEntry(e, m.unit).map((p) => (typeof p === 'string' ? html`${p}` : chip(p.status)));
  const judgement = judgementOf(e);
  const role = ROLE_NAMES[e.actor.role as Role] ?? e.actor.role;
  return html`<li class="entry" data-type="${e.type}" data-revision="${e.revision}">
    <p class="entry-head"><time datetime="${e.at}">${formatInstant(e.at)}</time> · <span class="actor">${e.actor.name}</span> <span class="muted">(${role})</span></p>
    <p class="entry-what">${parts}</p>
    ${judgement
      ? html`<p class="entry-judgement"><span class="why-label">${e.type === 'MeasureRagOverridden' ? 'Computed RAG at the time' : 'Judged'}:</span> ${
          judgement.rag ? chip(judgement.rag) : html`<span class="chip chip-none">No RAG</span>`} ${judgement.explanation}</p>`
      : ''}
    ${why ? html`<p class="entry-why"><span class="why-label">${why.label}:</span> <span class="prewrap">${why.text}</span></p>` : ''}
  </li>`;
}
