import { ApiError, apiGet } from '../api.js';
import { type Caller, type Changes, describeEntry, EVIDENCE_READERS, type HistoryEntry, holdsAnyRole, mayReadHistory, type Movement } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href } from '../router.js';
import { chip, crumbs, errorBox, overdueMark, printStamp, type View, type ViewContext } from './common.js';

/** What moved in a plan between two board meetings, worst first: for the board pack. */
export async function changesView(ctx: ViewContext): Promise<View> {
  const planId = ctx.route.path[1];
  const from = ctx.route.params.from || undefined;
  const to = ctx.route.params.to || undefined;
  const plan = await apiGet<{ title: string }>(`/api/plans/${encodeURIComponent(planId)}`).then((r) => r.body);
  const head = html`
    ${crumbs([['Improvement Board', href([])], [planId, href(['plans', planId])], ['Changes between meetings', null]])}
    <h1 tabindex="-1">Changes between meetings: ${plan.title}</h1>`;
  if (!mayReadHistory(ctx.caller)) {
    setHtml(ctx.root, html`<div class="page-head">${head}</div>
      <p class="note">The changes between meetings are for board members, auditors and admins. The plan board shows every action as it is now, and each action's page shows its full history.</p>`);
    return {};
  }
  let data: Changes;
  try {
    data = (await apiGet<Changes>(`/api/plans/${encodeURIComponent(planId)}/changes`, { from, to })).body;
  } catch (error) {
    if ((error as ApiError).status !== 400) throw error;
    setHtml(ctx.root, html`<div class="page-head">${head}</div>${periodForm(planId, from, to)}${errorBox((error as ApiError).message)}`);
    wirePeriod(ctx, planId);
    return {};
  }
  if (!ctx.isCurrent()) return {};

  setHtml(ctx.root, html`
    <div class="page-head">${head}
      <p class="lead">Every action whose status, target date or owners changed ${data.from ? html`from ${formatInstant(data.from)}` : 'since the plan began'} to ${formatInstant(data.to)}, worst movements first.</p>
      ${printStamp(`Changes in ${planId}`)}
    </div>
    ${periodForm(planId, from, to)}
    ${packLinks(ctx.caller, planId, from, to)}
    ${data.actions.length === 0
      ? html`<p class="empty">Nothing moved in this period.</p>`
      : html`<p class="filter-status">${plural(data.actions.length, 'action')} moved.</p>
        <table class="board changes">
          <thead><tr><th scope="col" class="col-ref">Ref</th><th scope="col">Action</th><th scope="col" class="col-status">Before</th><th scope="col" class="col-status">After</th><th scope="col">What changed: when, who, why</th></tr></thead>
          <tbody>${data.actions.map((m) => html`<tr data-action-id="${m.actionId}">
            <td class="col-ref">${m.ref ?? ''}</td>
            <td><a href="${href(['actions', m.actionId])}">${m.title}</a></td>
            <td class="col-status">${m.before ? html`${chip(m.before.status)} ${overdueMark(m.before.overdue)}` : html`<span class="muted">new</span>`}</td>
            <td class="col-status">${chip(m.after.status)} ${overdueMark(m.after.overdue)}</td>
            <td><ul class="moves">${m.changes.map((c) => move(c))}</ul></td>
          </tr>`)}</tbody>
        </table>`}`);
  wirePeriod(ctx, planId);
  return {};
}

function move(c: Movement['changes'][number]): SafeHtml {
  const entry: HistoryEntry = {
    position: 0, revision: 0, type: c.type, at: c.at, actor: c.actor, reason: c.reason,
    data: c.type === 'ActionStarted' || c.type === 'ActionReopened' ? { rag: c.to } : { from: c.from, to: c.to },
  };
  const parts = describeEntry(entry, formatDay).map((p) => (typeof p === 'string' ? html`${p}` : chip(p.status)));
  return html`<li><time datetime="${c.at}">${formatInstant(c.at)}</time> · <span class="actor">${c.actor.name}</span>: ${parts}${c.reason ? html`. <span class="why-label">Why:</span> ${c.reason}` : ''}</li>`;
}

/**
 * The evidence pack of the same period, for auditors and admins (the API's EVIDENCE_READERS):
 * the printable report, the CSV, and the ZIP with the pack, every file still held and the
 * manifests. Plain links: the session cookie goes with them, and the API sends each as a file.
 */
function packLinks(caller: Caller, planId: string, from?: string, to?: string): SafeHtml {
  if (!holdsAnyRole(caller, EVIDENCE_READERS)) return html``;
  const pack = (format: string) => {
    const query = new URLSearchParams({ format });
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    return `/api/plans/${encodeURIComponent(planId)}/evidence?${query.toString()}`;
  };
  return html`<section class="pack-links no-print" aria-labelledby="pack-heading">
    <h2 id="pack-heading">Evidence pack for this period</h2>
    <p class="links">
      <a href="${pack('html')}">Evidence pack (printable)</a>
      <a href="${pack('csv')}" download>Evidence pack as CSV</a>
      <a class="button" id="pack-zip" href="${pack('zip')}" download>Download ZIP (pack and files)</a>
    </p>
    <p class="hint">The ZIP holds the printable pack, the CSV, every evidence file still held, and SHA256SUMS with a JSON manifest, so each file can be checked offline.</p>
  </section>`;
}

function periodForm(planId: string, from?: string, to?: string): SafeHtml {
  return html`<form class="toolbar period no-print" data-form="period" data-plan="${planId}">
    <div class="field"><label for="c-from">From (the last meeting)</label><input type="date" id="c-from" name="from" value="${from ?? ''}"></div>
    <div class="field"><label for="c-to">To (leave empty for now)</label><input type="date" id="c-to" name="to" value="${to ?? ''}"></div>
    <button type="submit">Show changes</button>
    <button type="button" class="secondary" data-action="print">Print</button>
  </form>`;
}

function wirePeriod(ctx: ViewContext, planId: string): void {
  const form = ctx.root.querySelector<HTMLFormElement>('form[data-form="period"]');
  ctx.root.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    location.hash = href(['plans', planId, 'changes'], { from: value('from'), to: value('to') });
  });
}

