import { apiGet } from '../api.js';
import { type MyAction, type MyActionDue, type MyActionsView } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay, plural } from '../format.js';
import { html } from '../html.js';
import { href } from '../router.js';
import { chip, liveRefresher, stepsBadge, type View, type ViewContext } from './common.js';

/** The groups of "My actions", in the order the API sorts them. */
const GROUPS: Array<{ due: MyActionDue; title: string; empty: string }> = [
  { due: 'overdue', title: 'Overdue', empty: 'None of your actions is overdue.' },
  { due: 'within-30-days', title: 'Due within 30 days', empty: 'None of your actions is due in the next 30 days.' },
  { due: 'later', title: 'Due later, or no date', empty: '' },
  { due: 'closed', title: 'Completed or withdrawn', empty: '' },
];

/**
 * "My actions" (#/me): the first page an owner sees. Across every plan, the actions whose
 * printed owners are the person's initials, overdue first, then due within 30 days, then
 * the rest, each with its plan and status.
 */
export async function myActionsView(ctx: ViewContext): Promise<View> {
  const load = async (minPosition?: number) => (await apiGet<MyActionsView>('/api/me/actions', { minPosition })).body;
  let mine = await load();
  if (!ctx.isCurrent()) return {};

  const render = (data: MyActionsView) => {
    const person = data.person;
    setHtml(ctx.root, html`
      <div class="page-head">
        <h1 tabindex="-1">My actions</h1>
        <p class="lead">${person
          ? html`The actions the plans give to <strong>${person.initials}</strong> (${person.name}${person.jobTitle ? `, ${person.jobTitle}` : ''}), across every plan: ${plural(data.actions.length, 'action')}.`
          : html`You are not in the directory of people, so no actions are linked to you. An administrator adds people and their initials.`}</p>
      </div>
      ${data.actions.length === 0 && person ? html`<p class="empty">No action in any plan names your initials as an owner. <a href="#/">Go to the Improvement Board</a>.</p>` : ''}
      ${GROUPS.map((group) => {
        const rows = data.actions.filter((a) => a.due === group.due);
        if (rows.length === 0 && (!group.empty || data.actions.length === 0)) return '';
        return html`<section class="my-group" aria-labelledby="group-${group.due}" data-due="${group.due}">
          <h2 id="group-${group.due}">${group.title} <span class="ws-counts">${plural(rows.length, 'action')}</span></h2>
          ${rows.length === 0 ? html`<p class="muted">${group.empty}</p>` : html`<table class="board my-actions">
            <caption class="visually-hidden">${group.title}: your actions with their plan, target date and status</caption>
            <thead><tr><th scope="col" class="col-ref">Ref</th><th scope="col">Action</th><th scope="col">Plan</th><th scope="col" class="col-date">Target date</th><th scope="col" class="col-status">Status</th></tr></thead>
            <tbody>${rows.map((a) => row(a))}</tbody>
          </table>`}
        </section>`;
      })}`);
  };
  render(mine);

  return {
    onLive: liveRefresher(async (batch) => {
      if (!batch.resync && !batch.events.some((e) => e.actionId !== null)) return;
      const fresh = await load(batch.position);
      // Drawn again only when something changed, so the reader's place and focus stay put otherwise.
      if (!ctx.isCurrent() || JSON.stringify(fresh) === JSON.stringify(mine)) return;
      mine = fresh;
      const focusedAction = (document.activeElement?.closest('tr[data-action-id]') as HTMLElement | null)?.dataset.actionId;
      render(fresh);
      if (focusedAction) ctx.root.querySelector<HTMLElement>(`tr[data-action-id="${CSS.escape(focusedAction)}"] a`)?.focus();
    }),
  };
}

function row(a: MyAction): ReturnType<typeof html> {
  return html`<tr data-action-id="${a.id}">
    <td class="col-ref">${a.ref ?? ''}</td>
    <td><a href="${href(['actions', a.id])}">${a.title}</a>${stepsBadge(a)}</td>
    <td><a href="${href(['plans', a.planId])}">${a.planTitle}</a> <span class="muted">(${a.planId})</span></td>
    <td class="col-date">${a.targetDate ? html`<time datetime="${a.targetDate}">${formatDay(a.targetDate)}</time>` : html`<span class="muted">none</span>`}</td>
    <td class="col-status">${chip(a.status)}${a.due === 'overdue' ? html` <span class="overdue"><span aria-hidden="true">⚠ </span>Overdue</span>` : ''}</td>
  </tr>`;
}
