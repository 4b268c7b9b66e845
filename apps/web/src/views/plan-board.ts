import { type ApiError, apiGet } from '../api.js';
import {
  ACTION_STATUSES, streamCategoryOf,   type ActionStatus, type BoardRow, mayAssessMilestone, mayReadHistory, type MeasureBoard, type MeasureBoardRow, type PlanBoard, STATUS_LABELS, statusText,
type PlanningFrameworkView, type WorkstreamBoard,
} from '../contract.js';
import { announce, flash, rowsFor, setHtml } from '../dom.js';
import { evidenceCountBadge } from '../evidence-text.js';
import { type BoardFilter, filterFromParams, filterToParams, isFiltered, matches, ownersOf } from '../filters.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { changedMeasures, directionText, formatMeasureValue, overrideText } from '../measures.js';
import { frameworkSections, frameworkSummaryText } from '../milestones-text.js';
import { href } from '../router.js';
import {
  asOfBanner, asOfControls, chip, ownersCell, crumbs, errorBox, legend, liveRefresher, overdueMark, printStamp, setPrintStamp, stackedBar, stepsBadge, versionText,   type View, type ViewContext,
wireAsOf,
} from './common.js';
import { milestonesSection } from './milestones.js';
import { mountTrend, trendSection } from './trend.js';

const FILTER_STATUSES: readonly ActionStatus[] = ACTION_STATUSES;
const RAG_WORDS = { R: 'Red', A: 'Amber', G: 'Green' } as const;

/** A plan's RAG board: work-streams with their actions, filters, the as-of picker, live updates, print. */
export async function planBoardView(ctx: ViewContext): Promise<View> {
  const planId = ctx.route.path[1];
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  let filter: BoardFilter = filterFromParams(ctx.route.params);
  const load = async (minPosition?: number) => (await apiGet<PlanBoard>(`/api/plans/${encodeURIComponent(planId)}/board`, { asOf, minPosition })).body;
  const loadMeasures = async (minPosition?: number) =>
    (await apiGet<MeasureBoard>(`/api/plans/${encodeURIComponent(planId)}/measures`, { asOf, minPosition })).body.measures;
  /** The measures, or why they could not be read (the actions are still shown). */
  const readMeasures = (minPosition?: number) =>
    loadMeasures(minPosition).then(
      (rows) => ({ rows, error: '' }),
      (error: ApiError) => ({ rows: [] as MeasureBoardRow[], error: error.message || 'the server did not answer' }),
    );
  let [board, { rows: measures, error: measuresError }] = await Promise.all([load(), readMeasures()]);
  if (!ctx.isCurrent()) return {};
  const allRows = () => board.workstreams.flatMap((w) => w.actions);
  const printWhat = () => `${board.plan.title} (${board.plan.id}) board`;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['Improvement Board', href([], { asOf })], [board.plan.id, null]])}
      <h1 tabindex="-1">${board.plan.title}</h1>
      <p class="meta">${board.plan.id}${board.plan.version ? ` · ${versionText(board.plan.version)}` : ''}${board.plan.board ? ` · reviewed by ${board.plan.board}` : ''}</p>
      <div id="plan-framework">${frameworkBlock(board.plan.framework, 'plan', 'The plan’s')}</div>
      <div id="banner"></div>
      <p class="print-only" id="print-filter"></p>
      ${printStamp(printWhat(), board.stamp)}
    </div>
    <div class="toolbar no-print">
      ${asOfControls(ctx.caller, ctx.route, asOf)}
      <p class="links">
        <a href="${href(['exceptions'], { planId, asOf })}">Exceptions in this plan</a>
        ${mayReadHistory(ctx.caller) ? html`<a href="${href(['plans', planId, 'changes'])}">Changes between meetings</a>` : ''}
        <button type="button" class="secondary" data-action="print">Print board pack</button>
      </p>
    </div>
    <section id="summary" class="summary" aria-label="Summary"></section>
    <section id="measures" class="measures" aria-labelledby="measures-heading" hidden></section>
    <section id="milestones" class="milestones" aria-labelledby="milestones-heading" hidden></section>
    <form class="filters no-print" role="search" aria-label="Filter the actions" data-form="filters">
      <div class="field">
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          <option value="">Any status</option>
          ${FILTER_STATUSES.map((s) => html`<option value="${s}">${statusText(s)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="f-owner">Owner</label>
        <select id="f-owner" name="owner"></select>
      </div>
      <div class="field check">
        <input type="checkbox" id="f-overdue" name="overdue">
        <label for="f-overdue">Overdue only</label>
      </div>
      <div class="field grow">
        <label for="f-q">Search</label>
        <input type="search" id="f-q" name="q" placeholder="Ref, words of the title, owner" autocomplete="off">
      </div>
      <button type="reset" class="secondary">Clear filters</button>
    </form>
    <p id="filter-status" class="filter-status" role="status"></p>
    <div id="workstreams"></div>
    ${trendSection()}`);
  wireAsOf(ctx.root, ctx.route);
  // The plan's last twelve months, up to the board shown.
  const trend = mountTrend(ctx.root, { path: `/api/plans/${encodeURIComponent(planId)}/trends`, asOf, what: planId });
  void trend.refresh();
  ctx.root.querySelector('[data-action="print"]')?.addEventListener('click', () => window.print());

  const form = ctx.root.querySelector<HTMLFormElement>('form[data-form="filters"]')!;
  const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
  const renderOwners = () => {
    const select = field<HTMLSelectElement>('owner');
    const owners = ownersOf(allRows());
    if (filter.owner && !owners.includes(filter.owner)) owners.unshift(filter.owner);
    const wanted = ['', ...owners].join('\n');
    const current = [...select.options].map((o) => o.value).join('\n');
    if (wanted !== current) setHtml(select, html`<option value="">Anyone</option>${owners.map((o) => html`<option value="${o}">${o}</option>`)}`);
    select.value = filter.owner;
  };
  const readForm = (): BoardFilter => ({
    status: field<HTMLSelectElement>('status').value as BoardFilter['status'],
    owner: field<HTMLSelectElement>('owner').value,
    overdue: field<HTMLInputElement>('overdue').checked,
    q: field<HTMLInputElement>('q').value,
  });
  const writeForm = () => {
    field<HTMLSelectElement>('status').value = filter.status;
    field<HTMLInputElement>('overdue').checked = filter.overdue;
    field<HTMLInputElement>('q').value = filter.q;
    renderOwners();
  };

  const renderSummary = () => {
    setHtml(ctx.root.querySelector('#banner')!, asOfBanner(asOf));
    setHtml(ctx.root.querySelector('#plan-framework')!, frameworkBlock(board.plan.framework, 'plan', 'The plan’s'));
    setPrintStamp(ctx.root, printWhat(), board.stamp);
    setHtml(ctx.root.querySelector('#summary')!, html`
      <h2 class="visually-hidden">Summary</h2>
      ${stackedBar(board.counts, board.total)}
      ${legend(board.counts)}
      <p class="figures">
        <span><strong>${board.total}</strong> actions</span>
        <span><strong class="${board.overdue > 0 ? 'overdue' : ''}">${board.overdue}</strong> overdue</span>
        <span><strong>${board.exceptions}</strong> exceptions (Red, Amber or overdue)</span>
        ${board.withdrawn > 0 ? html`<span><strong>${board.withdrawn}</strong> withdrawn</span>` : ''}
        ${asOf ? '' : html`<span class="as-at">as at <time datetime="${board.asOf}">${formatInstant(board.asOf)}</time><span class="live-only">, updating live</span></span>`}
      </p>`);
  };

  const renderMeasures = () => {
    const section = ctx.root.querySelector<HTMLElement>('#measures')!;
    section.hidden = measures.length === 0 && !measuresError;
    setHtml(section, measuresError
      ? html`<h2 id="measures-heading">Outcome measures</h2>${errorBox(`The outcome measures could not be read: ${measuresError}`)}`
      : measures.length === 0 ? html`` : measuresSection(measures, board.workstreams, asOf));
  };

  const renderRows = () => {
    const shown = board.workstreams.map((w) => ({ w, rows: w.actions.filter((a) => matches(a, filter)) }));
    const count = shown.reduce((n, s) => n + s.rows.length, 0);
    const total = allRows().length;
    ctx.root.querySelector('#filter-status')!.textContent = isFiltered(filter)
      ? `Showing ${count} of ${plural(total, 'action')}.`
      : `Showing all ${plural(total, 'action')}.`;
    ctx.root.querySelector('#print-filter')!.textContent = isFiltered(filter) ? `Filtered: ${describeFilter(filter)} (${count} of ${total} actions).` : '';
    const visible = shown.filter((s) => s.rows.length > 0 || !isFiltered(filter));
    setHtml(ctx.root.querySelector('#workstreams')!, visible.length === 0
      ? html`<p class="empty">No action matches these filters.</p>`
      : html`${visible.map(({ w, rows }) => workstreamSection(w, rows, asOf))}`);
  };

  const syncUrl = () => {
    const params = { ...(asOf ? { asOf } : {}), ...filterToParams(filter) };
    history.replaceState(null, '', href(['plans', planId], params));
  };

  writeForm();
  renderSummary();
  renderMeasures();
  renderRows();
  const milestones = await milestonesSection(ctx.root.querySelector<HTMLElement>('#milestones')!, {
    planId,
    planTitle: board.plan.title,
    asOf,
    canAssess: mayAssessMilestone(ctx.caller, planId),
    workstreams: () => board.workstreams,
    isCurrent: ctx.isCurrent,
  });
  if (!ctx.isCurrent()) {
    trend.destroy();
    return {};
  }

  const onFilter = () => {
    const next = readForm();
    if (JSON.stringify(next) === JSON.stringify(filter)) return;
    filter = next;
    renderRows();
    syncUrl();
  };
  form.addEventListener('input', onFilter);
  form.addEventListener('change', onFilter);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('reset', () => {
    window.setTimeout(() => {
      filter = { status: '', owner: '', overdue: false, q: '' };
      writeForm();
      renderRows();
      syncUrl();
    });
  });

  // A board pack prints the frameworks in full: open the collapsed ones while printing, and close
  // them again after.
  let openedForPrint: HTMLDetailsElement[] = [];
  const beforePrint = () => {
    openedForPrint = [...ctx.root.querySelectorAll<HTMLDetailsElement>('details.framework-details:not([open])')];
    openedForPrint.forEach((d) => (d.open = true));
  };
  const afterPrint = () => {
    openedForPrint.forEach((d) => (d.open = false));
    openedForPrint = [];
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  return {
    destroy: () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      trend.destroy();
    },
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          // Measure events carry their plan too; their streams are measure-<id>.
          const mine = batch.events.filter((e) => e.planId === planId);
          const measureEvents = mine.filter((e) => streamCategoryOf(e.streamId) === 'measure').length;
          const milestonesTouched = batch.resync || mine.some((e) => streamCategoryOf(e.streamId) === 'milestone');
          // Milestone events change the board too: its work-streams count those due and not assessed.
          const actionsTouched = batch.resync || mine.length > measureEvents;
          const measuresTouched = batch.resync || measureEvents > 0;
          if (milestonesTouched) void milestones.refresh(batch.position).catch(() => undefined);
          if (!actionsTouched && !measuresTouched) return;
          const before = new Map(allRows().map((r) => [r.id, r]));
          const measuresBefore = measures;
          const [fresh, freshMeasures] = await Promise.all([
            actionsTouched ? load(batch.position) : undefined,
            measuresTouched ? loadMeasures(batch.position) : undefined,
          ]);
          if (!ctx.isCurrent()) return;
          if (fresh) {
            board = fresh;
            void trend.refresh(batch.position);
            renderOwners();
            renderSummary();
            renderRows();
          }
          if (freshMeasures) {
            measures = freshMeasures;
            measuresError = '';
            renderMeasures();
          }
          const changed = fresh
            ? allRows().filter((r) => {
                const old = before.get(r.id);
                return !old || old.status !== r.status || old.overdue !== r.overdue || old.targetDate !== r.targetDate || old.lastChangedAt !== r.lastChangedAt || old.evidenceCount !== r.evidenceCount || old.stepsDone !== r.stepsDone || old.stepsTotal !== r.stepsTotal;
              })
            : [];
          const changedM = freshMeasures ? changedMeasures(measuresBefore, measures) : [];
          if (changed.length === 0 && changedM.length === 0) return;
          flash(rowsFor(ctx.root, new Set(changed.map((r) => r.id))));
          flash([...ctx.root.querySelectorAll<HTMLElement>('[data-measure-id]')].filter((el) => changedM.some((m) => m.id === el.dataset.measureId)));
          const messages: string[] = [];
          const statusChanges = changed.filter((r) => before.get(r.id) && before.get(r.id)!.status !== r.status);
          if (statusChanges.length > 0) messages.push(`Board updated: ${statusChanges.map((r) => `${r.ref ?? r.id} is now ${r.status}, ${STATUS_LABELS[r.status]}`).join('; ')}.`);
          else if (changed.length > 0) messages.push(`Board updated: ${plural(changed.length, 'action')} changed.`);
          if (changedM.length > 0) {
            messages.push(`Outcome measures updated: ${changedM.map((m) => `${m.name}: ${m.rag ? `${m.rag}, ${STATUS_LABELS[m.rag]}` : 'no RAG'}${m.override ? `, overridden to ${m.override.rag}` : ''}`).join('; ')}.`);
          }
          announce(messages.join(' '));
        }),
  };
}

function describeFilter(f: BoardFilter): string {
  const parts: string[] = [];
  if (f.status) parts.push(`status ${statusText(f.status)}`);
  if (f.owner) parts.push(`owner ${f.owner}`);
  if (f.overdue) parts.push('overdue only');
  if (f.q.trim()) parts.push(`search "${f.q.trim()}"`);
  return parts.join(', ');
}

function workstreamSection(w: WorkstreamBoard, rows: BoardRow[], asOf: string | undefined): SafeHtml {
  const headingId = `ws-${w.id.replace(/[^\w-]/g, '_')}`;
  return html`<section class="workstream" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${w.title} <span class="ws-counts">${w.id} · ${plural(w.total, 'action')}${w.overdue ? ` · ${w.overdue} overdue` : ''}</span></h2>
    ${w.accountable || w.responsible ? html`<p class="meta">${w.accountable ? `Accountable: ${w.accountable}` : ''}${w.accountable && w.responsible ? ' · ' : ''}${w.responsible ? `Responsible: ${w.responsible}` : ''}</p>` : ''}
    ${w.unassessedMilestones ? html`<p class="meta overdue"><span aria-hidden="true">⚠ </span>${plural(w.unassessedMilestones, 'milestone')} due and not assessed (see Milestones above)</p>` : ''}
    ${frameworkBlock(w.framework, w.id, '')}
    ${rows.length === 0
      ? html`<p class="empty">No actions.</p>`
      : html`<table class="board">
        <thead><tr>
          <th scope="col" class="col-ref">Ref</th>
          <th scope="col">Action</th>
          <th scope="col" class="col-owners">Owners</th>
          <th scope="col" class="col-date">Target date</th>
          <th scope="col" class="col-status">Status</th>
          <th scope="col" class="col-overdue">Overdue</th>
          <th scope="col" class="col-date">Last change</th>
        </tr></thead>
        <tbody>${rows.map((a) => html`<tr data-action-id="${a.id}" data-status="${a.status}" class="${a.overdue ? 'is-overdue' : ''}">
          <td class="col-ref">${a.ref ?? ''}</td>
          <td><a href="${href(['actions', a.id], { asOf })}">${a.title}</a>${evidenceBadge(a)}${stepsBadge(a)}</td>
          <td class="col-owners">${ownersCell(a)}</td>
          <td class="col-date">${a.targetDate ? html`<time datetime="${a.targetDate}">${formatDay(a.targetDate)}</time>` : html`<span class="muted">none</span>`}</td>
          <td class="col-status">${chip(a.status)}</td>
          <td class="col-overdue">${overdueMark(a.overdue)}</td>
          <td class="col-date"><time datetime="${a.lastChangedAt}">${formatInstant(a.lastChangedAt)}</time></td>
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}

/** "2 files" beside an action's title, read out as "2 evidence files"; nothing when it has none. */
function evidenceBadge(row: BoardRow): SafeHtml {
  const badge = evidenceCountBadge(row.evidenceCount);
  return badge ? html` <span class="tag evidence-count" title="${badge.label}"><span aria-hidden="true">${badge.text}</span><span class="visually-hidden">${badge.label}</span></span>` : html``;
}

/**
 * What a plan or a work-stream prints around its actions, compact: the lead on a line, and the
 * success criteria ("What will success look like?"), standards, assumptions and risks in a
 * <details> that prints open. Nothing when it prints none. The plan's (`whose` given) heads its
 * lists at the level of the board's sections, a work-stream's under its own heading.
 */
function frameworkBlock(f: PlanningFrameworkView | undefined, key: string, whose: string): SafeHtml {
  const sections = frameworkSections(f);
  if (sections.length === 0) return html``;
  const lead = sections.find((s) => s.key === 'lead');
  const lists = sections.filter((s) => s.key !== 'lead');
  const domKey = key.replace(/[^\w-]/g, '_');
  return html`<div class="framework" data-framework="${key}">
    ${lead ? html`<p class="meta framework-lead"><span class="fact-label">Lead:</span> ${lead.items[0]}</p>` : ''}
    ${lists.length ? html`<details class="framework-details">
      <summary>${whose ? `${whose} success criteria` : 'Success criteria'}, standards, assumptions and risks <span class="muted">(${frameworkSummaryText(f)})</span></summary>
      ${lists.map((s) => html`${whose
        ? html`<h2 class="framework-heading" id="fw-${domKey}-${s.key}">${s.label}</h2>`
        : html`<h3 class="framework-heading" id="fw-${domKey}-${s.key}">${s.label}</h3>`}
        <ul class="framework-list" aria-labelledby="fw-${domKey}-${s.key}" data-framework-section="${s.key}">${s.items.map((item) => html`<li class="prewrap">${item}</li>`)}</ul>`)}
    </details>` : ''}
  </div>`;
}

/** The plan's outcome measures: latest figure, target, national, computed RAG with its explanation, any override, direction of travel. */
function measuresSection(rows: MeasureBoardRow[], workstreams: WorkstreamBoard[], asOf: string | undefined): SafeHtml {
  const count = (rag: string) => rows.filter((m) => m.rag === rag).length;
  const counts = (['R', 'A', 'G'] as const).filter((r) => count(r) > 0).map((r) => `${count(r)} ${RAG_WORDS[r]}`);
  const overridden = rows.filter((m) => m.override).length;
  const wsTitle = (id: string | null) => (id ? workstreams.find((w) => w.id === id)?.title ?? id : null);
  const none = html`<span class="muted">none</span>`;
  return html`<h2 id="measures-heading">Outcome measures <span class="ws-counts">${plural(rows.length, 'measure')}${counts.length ? ` · ${counts.join(' · ')}` : ''}${overridden ? ` · ${overridden} overridden` : ''}</span></h2>
    <p class="meta">Each measure is judged on its latest period with a value, against that period's target. A manual override is shown beside the computed RAG, never in its place.</p>
    <table class="measures">
      <thead><tr>
        <th scope="col">Measure</th>
        <th scope="col" class="col-figure">Latest value</th>
        <th scope="col" class="col-figure">Target</th>
        <th scope="col" class="col-figure">National</th>
        <th scope="col" class="col-judgement">RAG (computed)</th>
        <th scope="col" class="col-override">Override</th>
        <th scope="col" class="col-direction">Direction of travel</th>
      </tr></thead>
      <tbody>${rows.map((m) => {
        const fmt = (v: number | null) => (v === null ? none : html`${formatMeasureValue(v, m.unit)}`);
        const ws = wsTitle(m.workstreamId);
        return html`<tr data-measure-id="${m.id}" data-rag="${m.rag ?? ''}">
          <td class="measure-name"><a href="${href(['measures', m.id], { asOf })}">${m.name}</a><span class="meta">${m.id} · ${ws ? `work-stream: ${ws}` : 'whole plan'}</span></td>
          <td class="col-figure">${m.value === null
            ? html`<span class="muted">none yet</span>`
            : html`<strong>${formatMeasureValue(m.value, m.unit)}</strong> <span class="period">in ${m.period}</span>${m.provisional ? html` <span class="tag">provisional</span>` : ''}`}</td>
          <td class="col-figure">${fmt(m.target)}</td>
          <td class="col-figure">${fmt(m.national)}</td>
          <td class="col-judgement">${m.rag ? chip(m.rag) : html`<span class="chip chip-none">No RAG</span>`}<span class="explanation">${m.explanation}</span></td>
          <td class="col-override">${m.override ? html`${chip(m.override.rag)}<span class="explanation">${overrideText(m.override)}</span>` : none}</td>
          <td class="col-direction"><span class="direction direction-${m.direction ?? 'unknown'}">${directionText(m.direction)}</span></td>
        </tr>`;
      })}</tbody>
    </table>`;
}
