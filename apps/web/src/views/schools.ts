import { type ApiError, apiGet } from '../api.js';
import {
  type Caller,
  type CategorySchemeView,
  maySeeEverySchool,
  SCHOOL_PHASE_LABELS,
  SCHOOL_PHASES,
  SCHOOL_TYPE_LABELS,
  type SchoolRegisterView,
  type SchoolRow,
  WARNING_NOTICE_LABELS,
} from '../contract.js';
import { announce, flash, setHtml } from '../dom.js';
import { formatDay, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href, type Route } from '../router.js';
import {
  categoriesText, improvementPlanText, isRegisterFiltered, ofstedText, registerFilterFromParams, registerFilterToParams, type RegisterFilter, touchesRegister, visitDueText, visitRagText,
} from '../schools-text.js';
import { liveRefresher, type View, type ViewContext } from './common.js';

/** The register's pages, linked from each of them. */
export function schoolsTabs(current: 'register' | 'categorisation' | 'trajectory', caller: Caller): SafeHtml {
  const tabs: Array<[typeof current, string, string]> = [
    ['register', 'Register', href(['schools'])],
    ['categorisation', 'Categorisation table', href(['schools', 'categorisation'])],
    ['trajectory', 'Trajectory to good', href(['schools', 'trajectory'])],
  ];
  // A headteacher or chair sees their own school only: the counts of every school are not theirs to read.
  const shown = caller.roles.some((r) => r !== 'school') ? tabs : tabs.slice(0, 1);
  return html`<nav class="subnav no-print" aria-label="Schools register"><ul>${shown.map(([key, label, link]) =>
    html`<li><a href="${link}"${key === current ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>`;
}

/** The category schemes (codes and labels are not confidential); an empty list when they cannot be read. */
export const loadSchemes = (): Promise<CategorySchemeView[]> => apiGet<CategorySchemeView[]>('/api/category-schemes').then((r) => r.body, () => []);

/**
 * The schools register (#/schools): every school the reader may see, with its category per
 * scheme, Ofsted grade, warning notices in force, officer, last visit and its RAG, next visit
 * due (overdue in words, not colour alone) and whether its improvement plan is overdue; filters
 * and "as at" a day in the hash; it follows the live feed, reading the register again when a
 * batch says it changed.
 */
export async function schoolsView(ctx: ViewContext): Promise<View> {
  const filter = registerFilterFromParams(ctx.route.params);
  const load = async (minPosition?: number) => (await apiGet<SchoolRegisterView>('/api/schools', { ...registerFilterToParams(filter), minPosition })).body;
  const [register, schemes] = await Promise.all([load(), loadSchemes()]);
  if (!ctx.isCurrent()) return {};
  const categorySchemes = schemes.filter((s) => s.kind === 'category');
  const stageSchemes = schemes.filter((s) => s.kind === 'intervention-stage');
  const everySchool = maySeeEverySchool(ctx.caller);

  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Schools register</h1>
      ${schoolsTabs('register', ctx.caller)}
      <p class="meta">${everySchool
        ? 'Every school with its category, Ofsted judgement, warning notices, officer and visits. A school’s category is communicated in confidence.'
        : 'The schools your rights name. A school’s category is communicated in confidence: board members see the counts on the categorisation table.'}</p>
    </div>
    ${filterForm(filter, categorySchemes, stageSchemes)}
    <div id="register-notice" class="notice-area" aria-live="polite"></div>
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">Schools <span class="ws-counts" id="register-count"></span></h2>
      <div id="register-body"></div>
    </section>`);

  const render = (view: SchoolRegisterView) => {
    ctx.root.querySelector('#register-count')!.textContent = `${plural(view.schools.length, 'school')}${filter.asOf ? ` at the end of ${formatDay(view.asOf)}` : ''}`;
    const body = ctx.root.querySelector<HTMLElement>('#register-body')!;
    if (view.schools.length === 0) {
      setHtml(body, html`<p class="muted" id="register-none">${isRegisterFiltered(filter)
        ? 'No school matches these filters.'
        : everySchool ? 'No school is on the register yet: import the national schools list.' : html`Your rights name no school. <a href="${href(['schools', 'categorisation'])}">See the counts on the categorisation table</a>.`}</p>`);
      return;
    }
    setHtml(body, registerTable(view.schools, schemes));
  };
  render(register);
  wireFilters(ctx.root, ctx.route);

  let shown = register;
  return {
    // A past day's register does not change: no live updates for it.
    onLive: filter.asOf
      ? undefined
      : liveRefresher(async (batch) => {
          if (!batch.resync && !touchesRegister(batch.events)) return;
          const before = new Map(shown.schools.map((s) => [s.urn, JSON.stringify(s)]));
          const fresh = await load(batch.position);
          if (!ctx.isCurrent()) return;
          shown = fresh;
          render(fresh);
          const changed = [...ctx.root.querySelectorAll<HTMLElement>('tr[data-urn]')].filter((row) => {
            const school = fresh.schools.find((s) => s.urn === row.dataset.urn);
            return school && before.get(school.urn) !== JSON.stringify(school);
          });
          flash(changed);
          if (!batch.resync && changed.length > 0) announce(`The register was updated: ${plural(changed.length, 'school')} changed.`);
        }),
  };
}

function filterForm(filter: RegisterFilter, categorySchemes: CategorySchemeView[], stageSchemes: CategorySchemeView[]): SafeHtml {
  const option = (value: string, label: string, selected: string) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  const codes = (schemes: CategorySchemeView[]) =>
    schemes.map((s) => html`<optgroup label="${s.name}">${[...s.categories].sort((a, b) => a.order - b.order).map((c) => option(c.code, `${c.code}: ${c.label}`, filter.category === c.code || filter.stage === c.code ? c.code : ''))}</optgroup>`);
  return html`<form class="filters register-filters no-print" data-form="register-filter" aria-label="Filter the register">
    <div class="field"><label for="f-phase">Phase</label>
      <select id="f-phase" name="phase">${option('', 'Any phase', filter.phase)}${SCHOOL_PHASES.map((p) => option(p, SCHOOL_PHASE_LABELS[p], filter.phase))}</select></div>
    <div class="field"><label for="f-district">District</label>
      <input type="text" id="f-district" name="district" value="${filter.district}" autocomplete="off"></div>
    <div class="field"><label for="f-scheme">Scheme</label>
      <select id="f-scheme" name="scheme">${option('', 'Any scheme', filter.scheme)}${categorySchemes.map((s) => option(s.id, s.name, filter.scheme))}</select></div>
    <div class="field"><label for="f-category">Category</label>
      <select id="f-category" name="category">${option('', 'Any category', filter.category)}${codes(categorySchemes)}</select></div>
    <div class="field"><label for="f-stage">Intervention stage</label>
      <select id="f-stage" name="stage">${option('', 'Any stage', filter.stage)}${codes(stageSchemes)}</select></div>
    <div class="field"><label for="f-officer">Officer</label>
      <input type="text" id="f-officer" name="officer" value="${filter.officer}" autocomplete="off"></div>
    <div class="field"><label for="f-visit">Visit</label>
      <select id="f-visit" name="visit">${option('', 'Any', filter.visit)}${option('due', 'Due or overdue', filter.visit)}${option('overdue', 'Overdue', filter.visit)}</select></div>
    <div class="field"><label class="choice"><input type="checkbox" name="plan" value="overdue"${filter.plan ? html` checked` : ''}> Improvement plan overdue</label></div>
    <div class="field"><label for="f-asof">As at the end of</label>
      <input type="date" id="f-asof" name="asOf" value="${filter.asOf}"></div>
    <div class="field"><button type="submit">Show</button>
      ${isRegisterFiltered(filter) || filter.asOf ? html`<a class="button secondary" href="${href(['schools'])}">Clear</a>` : ''}</div>
  </form>`;
}

function wireFilters(root: HTMLElement, route: Route): void {
  const form = root.querySelector<HTMLFormElement>('form[data-form="register-filter"]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const typed = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
    location.hash = href(route.path, registerFilterToParams(registerFilterFromParams(typed)));
  });
}

function registerTable(schools: SchoolRow[], schemes: CategorySchemeView[]): SafeHtml {
  return html`<table class="board register" id="register">
    <caption class="visually-hidden">The schools register: one row a school</caption>
    <thead><tr>
      <th scope="col">URN</th>
      <th scope="col">School</th>
      <th scope="col">Phase</th>
      <th scope="col">Type</th>
      <th scope="col">District</th>
      <th scope="col">Category</th>
      <th scope="col">Ofsted</th>
      <th scope="col">Warning notices</th>
      <th scope="col">Officer</th>
      <th scope="col">Last visit</th>
      <th scope="col">Next visit</th>
      <th scope="col">Improvement plan</th>
    </tr></thead>
    <tbody>${schools.map((s) => schoolRow(s, schemes))}</tbody>
  </table>`;
}

function schoolRow(s: SchoolRow, schemes: CategorySchemeView[]): SafeHtml {
  const held = categoriesText({ ...s.categories, ...s.stages }, schemes);
  const link = href(['schools', s.urn]);
  return html`<tr data-urn="${s.urn}">
    <td class="col-urn">${s.urn}</td>
    <th scope="row" class="col-title"><a href="${link}">${s.name}</a>${s.closedOn ? html` <span class="tag">Closed ${formatDay(s.closedOn)}</span>` : ''}${s.successorUrn ? html` <span class="tag">Now ${s.successorUrn}</span>` : ''}</th>
    <td>${SCHOOL_PHASE_LABELS[s.phase] ?? s.phase}</td>
    <td>${SCHOOL_TYPE_LABELS[s.type] ?? s.type}</td>
    <td>${s.district ?? html`<span class="muted">none</span>`}</td>
    <td class="col-category">${held.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${held.map((c) => html`<li><span class="visually-hidden">${c.scheme}: </span><span class="tag" title="${c.scheme}: ${c.label}">${c.code}</span>${c.label ? html` <span class="muted">${c.label}</span>` : ''}</li>`)}</ul>`}</td>
    <td class="col-ofsted">${ofstedText(s.ofsted)}</td>
    <td class="col-notices">${s.warningNotices.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${s.warningNotices.map((n) => html`<li>${WARNING_NOTICE_LABELS[n.kind] ?? n.kind}, ${formatDay(n.issuedOn)}</li>`)}</ul>`}</td>
    <td class="col-officer">${s.officers.length === 0 ? html`<span class="muted">none</span>` : s.officers.map((o) => o.name).join(', ')}</td>
    <td class="col-visit">${s.lastVisit ? html`${formatDay(s.lastVisit.visitedOn)} ${ragBadge(s.lastVisit.rag)}` : html`<span class="muted">none</span>`}</td>
    <td class="col-next-visit">${s.visitDue === 'overdue' ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>${visitDueText(s, formatDay)}</span>` : visitDueText(s, formatDay)}</td>
    <td class="col-plan">${s.improvementPlan.overdue ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>${improvementPlanText(s.improvementPlan, formatDay)}</span>` : improvementPlanText(s.improvementPlan, formatDay)}</td>
  </tr>`;
}

/** The officer's RAG as a chip with its letter and words (never colour alone). */
export function ragBadge(rag: 'G' | 'A' | 'R' | null): SafeHtml {
  if (!rag) return html`<span class="muted">(no RAG)</span>`;
  return html`<span class="chip chip-${rag} visit-rag" data-rag="${rag}"><span class="chip-letter">${rag}</span><span class="chip-label">${visitRagText(rag)}</span></span>`;
}

/** A refusal in plain words for a school page: what the server said. */
export const refusedText = (error: unknown): string => (error as ApiError).message || 'The server refused it.';
