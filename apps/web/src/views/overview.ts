import { apiGet } from '../api.js';
import { COUNTED_STATUSES, type Counts, type ImprovementBoard, mayReadHistory, STATUS_LABELS } from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { formatInstant } from '../format.js';
import { html } from '../html.js';
import { href } from '../router.js';
import { asOfBanner, asOfControls, chip, liveRefresher, printStamp, setPrintStamp, stackedBar, versionText, type View, type ViewContext, wireAsOf } from './common.js';
import { mountTrend, trendSection } from './trend.js';

const KINDS: Record<string, string> = {
  strategic: 'Strategic', safeguarding: 'Safeguarding', lac: 'Looked-after children', 'early-help': 'Early help', education: 'Education', other: 'Other',
};

/** The Improvement Board: every plan with its RAG bar, overdue and exceptions. */
export async function overviewView(ctx: ViewContext): Promise<View> {
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const load = async (minPosition?: number) => (await apiGet<ImprovementBoard>('/api/board', { asOf, minPosition })).body;
  const board = await load();
  if (!ctx.isCurrent()) return {};

  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Improvement Board</h1>
      <p class="lead">Every plan with its actions by status. Choose a plan to see its board.</p>
      <div id="banner"></div>
      ${printStamp('Improvement Board overview', board.stamp)}
    </div>
    <div class="toolbar no-print">
      ${asOfControls(ctx.caller, ctx.route, asOf)}
      <p class="links"><a href="${href(['exceptions'], { asOf })}">Exceptions across all plans</a> · <a href="${href(['meetings'])}">Meetings and their packs</a></p>
    </div>
    <div id="plans"></div>
    ${trendSection()}`);
  wireAsOf(ctx.root, ctx.route);
  // Across every plan, the twelve months up to the board shown.
  const trend = mountTrend(ctx.root, { path: '/api/trends', asOf, what: 'all plans' });
  void trend.refresh();

  const render = (data: ImprovementBoard) => {
    setHtml(ctx.root.querySelector('#banner')!, asOfBanner(asOf));
    setPrintStamp(ctx.root, 'Improvement Board overview', data.stamp);
    const totals = data.plans.reduce(
      (sum, p) => {
        for (const s of COUNTED_STATUSES) sum.counts[s] += p.counts[s];
        sum.total += p.total;
        sum.overdue += p.overdue;
        sum.exceptions += p.exceptions;
        return sum;
      },
      { counts: { W: 0, G: 0, A: 0, R: 0, B: 0 } as Counts, total: 0, overdue: 0, exceptions: 0 },
    );
    setHtml(ctx.root.querySelector('#plans')!, data.plans.length === 0
      ? html`<p class="empty">No plans ${asOf ? 'existed on that date' : 'yet'}. An administrator imports or creates them.</p>`
      : html`<table class="overview">
          <caption class="visually-hidden">Plans with the number of actions in each status${asOf ? `, as at ${asOf}` : ''}</caption>
          <thead><tr>
            <th scope="col">Plan</th>
            <th scope="col" class="col-bar">Actions by status</th>
            ${COUNTED_STATUSES.map((s) => html`<th scope="col" class="num">${chip(s, { short: true })}<span class="visually-hidden"> ${STATUS_LABELS[s]}</span></th>`)}
            <th scope="col" class="num">Total</th>
            <th scope="col" class="num">Overdue</th>
            <th scope="col" class="num">Exceptions</th>
          </tr></thead>
          <tbody>${data.plans.map((p) => html`<tr data-plan-id="${p.id}">
            <th scope="row" class="plan-name">
              <a href="${href(['plans', p.id], { asOf })}">${p.title}</a>
              <span class="meta">${p.id} · ${KINDS[p.kind] ?? p.kind}${p.version ? ` · ${versionText(p.version)}` : ''}${p.board ? ` · ${p.board}` : ''}</span>
            </th>
            <td class="col-bar">${stackedBar(p.counts, p.total)}</td>
            ${COUNTED_STATUSES.map((s) => html`<td class="num">${p.counts[s]}</td>`)}
            <td class="num">${p.total}</td>
            <td class="num">${p.overdue > 0 ? html`<span class="overdue">${p.overdue}</span>` : '0'}</td>
            <td class="num"><a href="${href(['exceptions'], { planId: p.id, asOf })}" aria-label="${`${p.exceptions} exceptions in ${p.id}`}">${p.exceptions}</a></td>
          </tr>`)}</tbody>
          <tfoot><tr>
            <th scope="row">All plans</th>
            <td class="col-bar">${stackedBar(totals.counts, totals.total)}</td>
            ${COUNTED_STATUSES.map((s) => html`<td class="num">${totals.counts[s]}</td>`)}
            <td class="num">${totals.total}</td>
            <td class="num">${totals.overdue}</td>
            <td class="num">${totals.exceptions}</td>
          </tr></tfoot>
        </table>
        <p class="as-at">${asOf ? '' : html`Figures as at <time datetime="${data.asOf}">${formatInstant(data.asOf)}</time>; <span class="live-only">they update live.</span>`}</p>`);
  };
  render(board);

  return {
    destroy: () => trend.destroy(),
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          const fresh = await load(batch.position);
          if (!ctx.isCurrent()) return;
          render(fresh);
          void trend.refresh(batch.position);
          if (!batch.resync) announce('The Improvement Board was updated.');
        }),
  };
}
