import { apiGet } from '../api.js';
import { type Exceptions, mayReadHistory, type MilestoneView } from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { milestoneDateText } from '../milestones-text.js';
import { href } from '../router.js';
import { asOfBanner, asOfControls, chip, ownersCell, crumbs, liveRefresher, overdueMark, printStamp, setPrintStamp, type View, type ViewContext, wireAsOf } from './common.js';

/**
 * Red, then Amber, then overdue actions, worst first, with the last reason given, and the
 * milestones due and not assessed beside them: the board pack's exception report.
 */
export async function exceptionsView(ctx: ViewContext): Promise<View> {
  const planId = ctx.route.params.planId || undefined;
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const load = async (minPosition?: number) => (await apiGet<Exceptions>('/api/exceptions', { planId, asOf, minPosition })).body;
  const [data, plans] = await Promise.all([load(), apiGet<Array<{ id: string; title: string }>>('/api/plans').then((r) => r.body)]);
  if (!ctx.isCurrent()) return {};
  const planTitle = plans.find((p) => p.id === planId)?.title;
  const printWhat = `Exceptions${planId ? ` in ${planId}` : ''}`;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['Improvement Board', href([], { asOf })], ...(planId ? [[planId, href(['plans', planId], { asOf })] as [string, string]] : []), ['Exceptions', null]])}
      <h1 tabindex="-1">Exceptions${planTitle ? html`: ${planTitle}` : ' across all plans'}</h1>
      <p class="lead">Red, then Amber, then overdue actions, with the reason last given; then the milestones due and not assessed.</p>
      <div id="banner"></div>
      ${printStamp(printWhat, data.stamp)}
    </div>
    <div class="toolbar no-print">
      <form class="inline" data-form="plan">
        <label for="x-plan">Plan</label>
        <select id="x-plan" name="planId">
          <option value="">All plans</option>
          ${plans.map((p) => html`<option value="${p.id}" ${p.id === planId ? html`selected` : ''}>${p.id}: ${p.title}</option>`)}
        </select>
        <button type="submit">Show</button>
      </form>
      ${asOfControls(ctx.caller, ctx.route, asOf)}
      <p class="links"><button type="button" class="secondary" data-action="print">Print</button></p>
    </div>
    <div id="list"></div>
    <section id="milestone-exceptions" aria-labelledby="milestone-exceptions-heading"></section>`);
  wireAsOf(ctx.root, ctx.route);
  ctx.root.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
  const planForm = ctx.root.querySelector<HTMLFormElement>('form[data-form="plan"]')!;
  planForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (planForm.elements.namedItem('planId') as HTMLSelectElement).value;
    location.hash = href(['exceptions'], { planId: value, asOf });
  });

  const render = (d: Exceptions) => {
    setHtml(ctx.root.querySelector('#banner')!, asOfBanner(asOf));
    setPrintStamp(ctx.root, printWhat, d.stamp);
    setHtml(ctx.root.querySelector('#list')!, d.actions.length === 0
      ? html`<p class="empty">No exceptions: nothing is Red, Amber or overdue.</p>`
      : html`<p class="filter-status">${plural(d.actions.length, 'exception')}${asOf ? '' : html`, as at <time datetime="${d.asOf}">${formatInstant(d.asOf)}</time>`}.</p>
        <table class="board exceptions">
          <thead><tr>
            ${planId ? '' : html`<th scope="col">Plan</th>`}
            <th scope="col" class="col-ref">Ref</th><th scope="col">Action</th><th scope="col" class="col-owners">Owners</th>
            <th scope="col" class="col-date">Target date</th><th scope="col" class="col-status">Status</th><th scope="col" class="col-overdue">Overdue</th>
            <th scope="col">Last reason given</th>
          </tr></thead>
          <tbody>${d.actions.map((a) => html`<tr data-action-id="${a.id}">
            ${planId ? '' : html`<td>${a.planId}</td>`}
            <td class="col-ref">${a.ref ?? ''}</td>
            <td><a href="${href(['actions', a.id], { asOf })}">${a.title}</a></td>
            <td class="col-owners">${ownersCell(a)}</td>
            <td class="col-date">${a.targetDate ? formatDay(a.targetDate) : html`<span class="muted">none</span>`}</td>
            <td class="col-status">${chip(a.status)}</td>
            <td class="col-overdue">${overdueMark(a.overdue)}</td>
            <td class="prewrap">${a.lastReason ?? ''}</td>
          </tr>`)}</tbody>
        </table>`);
    setHtml(ctx.root.querySelector('#milestone-exceptions')!, milestoneExceptions(d.milestones ?? [], planId, asOf));
  };
  render(data);

  return {
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          if (!batch.resync && planId && !batch.events.some((e) => e.planId === planId)) return;
          const fresh = await load(batch.position);
          if (!ctx.isCurrent()) return;
          render(fresh);
          if (!batch.resync) announce('The exceptions were updated.');
        }),
  };
}

/** The milestones due and not assessed: the date as printed, the statement, what it refers to, since when it is due. */
function milestoneExceptions(milestones: MilestoneView[], planId: string | undefined, asOf: string | undefined): SafeHtml {
  return html`<h2 id="milestone-exceptions-heading">Milestones due and not assessed <span class="ws-counts">${plural(milestones.length, 'milestone')}</span></h2>
    ${milestones.length === 0
      ? html`<p class="empty">No milestone is due and not assessed.</p>`
      : html`<table class="board exceptions milestones">
        <thead><tr>
          ${planId ? '' : html`<th scope="col">Plan</th>`}
          <th scope="col" class="col-date">Due</th><th scope="col">Milestone</th><th scope="col" class="col-refs">Refers to</th><th scope="col" class="col-outcome">Assessment</th>
        </tr></thead>
        <tbody>${milestones.map((m) => html`<tr data-milestone-id="${m.id}" class="is-overdue">
          ${planId ? '' : html`<td>${m.planId}</td>`}
          <td class="col-date"><time datetime="${m.date}">${milestoneDateText(m, formatDay)}</time>${m.dateText?.trim() ? html`<span class="meta">${formatDay(m.date)}</span>` : ''}</td>
          <td class="milestone-text"><a href="${href(['plans', m.planId], { asOf })}"><span class="prewrap">${m.text}</span></a>${m.workstreamId ? html`<span class="meta">work-stream ${m.workstreamId}</span>` : ''}</td>
          <td class="col-refs">${m.refs.length ? m.refs.join(', ') : html`<span class="muted">none</span>`}</td>
          <td class="col-outcome"><span class="outcome outcome-due"><span aria-hidden="true">⚠ </span>Due, not assessed</span></td>
        </tr>`)}</tbody>
      </table>`}`;
}
