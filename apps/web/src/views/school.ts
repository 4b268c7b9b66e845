import { apiGet, apiPost } from '../api.js';
import {
  type CategorySchemeView,
  mayRecordSchools,
  OFFICER_ROLE_LABELS,
  SCHOOL_PHASE_LABELS,
  SCHOOL_TYPE_LABELS,
  type SchoolAnswer,
  type SchoolRow,
  type SchoolTimelineEntry,
  WARNING_NOTICE_LABELS,
} from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { formatDay, formatInstant } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href } from '../router.js';
import { formBody, type FormField, type SchoolForm, schoolForms } from '../school-forms.js';
import { categoriesText, improvementPlanText, ofstedText, touchesRegister, visitDueText } from '../schools-text.js';
import { asOfBanner, crumbs, liveRefresher, type View, type ViewContext } from './common.js';
import { formError } from './people.js';
import { loadSchemes, ragBadge, refusedText } from './schools.js';

/**
 * One school (#/schools/:urn): its details and state (now, or as at a day), the timeline of
 * every change with who recorded it, when and why, and for officers and admins the forms to
 * record each change, the scheme's codes in the selects, the server's refusal shown beside the
 * form. Follows the live feed like the register.
 */
export async function schoolView(ctx: ViewContext): Promise<View> {
  const urn = ctx.route.path[1];
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(ctx.route.params.asOf ?? '') ? ctx.route.params.asOf : undefined;
  const path = `/api/schools/${encodeURIComponent(urn)}`;
  const load = async (minPosition?: number) => (await apiGet<SchoolAnswer>(path, { asOf, minPosition })).body;
  const [first, schemes] = await Promise.all([load(), loadSchemes()]);
  if (!ctx.isCurrent()) return {};
  let answer = first;
  const canRecord = mayRecordSchools(ctx.caller) && !asOf;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['Schools register', href(['schools'])], [answer.school.name, null]])}
      <h1 tabindex="-1" id="school-name"></h1>
      ${asOfBanner(asOf, 'record')}
      <form class="asof no-print" data-form="school-asof">
        <label for="school-asof">Show the school as it stood at the end of</label>
        <input type="date" id="school-asof" name="asOf" value="${asOf ?? ''}" required>
        <button type="submit">Show</button>
        ${asOf ? html`<a class="button secondary" href="${href(['schools', urn])}">Back to today</a>` : ''}
      </form>
    </div>
    <div id="school-notice" class="notice-area" aria-live="polite"></div>
    <div class="action-layout${canRecord ? ' has-forms' : ''}">
      <div class="action-main">
        <section class="card" id="school-details" aria-labelledby="school-details-heading"></section>
        <section class="card" id="school-timeline" aria-labelledby="school-timeline-heading"></section>
      </div>
      ${canRecord ? html`<section class="card no-print" id="school-record" aria-labelledby="school-record-heading">
        <h2 id="school-record-heading">Record a change</h2>
        <p class="hint">Each change is recorded with who made it, when and why. Days are UK calendar days; a day after today is refused.</p>
        <div id="school-forms"></div>
      </section>` : ''}
    </div>`);

  ctx.root.querySelector<HTMLFormElement>('form[data-form="school-asof"]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name="asOf"]')!.value;
    if (value) location.hash = href(['schools', urn], { asOf: value });
  });

  const notice = ctx.root.querySelector<HTMLElement>('#school-notice')!;
  const render = () => {
    const { school, timeline } = answer;
    setHtml(ctx.root.querySelector('#school-name')!, html`${school.name} <span class="muted">(URN ${school.urn})</span>`);
    setHtml(ctx.root.querySelector('#school-details')!, details(school, schemes, answer.asOf));
    setHtml(ctx.root.querySelector('#school-timeline')!, timelineSection(timeline));
  };
  const formsArea = ctx.root.querySelector<HTMLElement>('#school-forms');
  let forms: SchoolForm[] = [];
  const renderForms = () => {
    if (!formsArea) return;
    const open = new Set([...formsArea.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.form ?? ''));
    forms = schoolForms(answer.school, schemes);
    setHtml(formsArea, html`${forms.map((f, i) => formMarkup(f, open.size === 0 ? i === 0 : open.has(f.id)))}`);
    formsArea.querySelectorAll<HTMLFormElement>('form[data-school-form]').forEach((form) => form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    }));
  };
  const typing = () => !!formsArea && ([...formsArea.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type="text"], input[type="date"], textarea')].some((f) => f.value.trim() !== '') || !!formsArea.querySelector('form[aria-busy]'));

  const submit = async (form: HTMLFormElement) => {
    const spec = forms.find((f) => f.id === form.dataset.schoolForm);
    if (!spec) return;
    const values: Record<string, string> = {};
    for (const field of spec.fields) {
      const element = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
      if (!element) continue;
      values[field.name] = element instanceof HTMLInputElement && element.type === 'checkbox' ? (element.checked ? 'true' : '') : element.value;
    }
    const sent = formBody(spec, values);
    if ('problem' in sent) return formError(form, sent.problem);
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await apiPost<{ urn: string; revision: number; position: number }>(`${path}/${sent.path}`, sent.body);
      answer = await load(result.body.position);
      if (!ctx.isCurrent()) return;
      render();
      form.removeAttribute('aria-busy');
      form.reset();
      renderForms();
      setHtml(notice, html`<div class="notice notice-success" role="status"><p>${spec.done}</p></div>`);
      announce(spec.done);
    } catch (error) {
      // The server's refusal (a rule's 4xx, a field's 400) is shown beside the form, in its words; nothing was recorded.
      formError(form, refusedText(error));
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  };

  render();
  renderForms();

  return {
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          if (!batch.resync && !touchesRegister(batch.events)) return;
          const fresh = await load(batch.position);
          if (!ctx.isCurrent()) return;
          const changed = fresh.revision !== answer.revision;
          answer = fresh;
          render();
          // The forms hold what an officer is typing: drawn again only when they are empty.
          if (changed && !typing()) renderForms();
          if (changed && !batch.resync) announce('This school’s record was updated.');
        }),
  };
}

function details(s: SchoolRow, schemes: CategorySchemeView[], asOf: string): SafeHtml {
  const held = categoriesText(s.categories, schemes);
  const stages = categoriesText(s.stages, schemes);
  const none = html`<span class="muted">none</span>`;
  return html`<h2 id="school-details-heading">The school at the end of ${formatDay(asOf)}</h2>
    <dl class="details" id="school-state">
      <dt>Phase</dt><dd>${SCHOOL_PHASE_LABELS[s.phase] ?? s.phase}</dd>
      <dt>Type</dt><dd>${SCHOOL_TYPE_LABELS[s.type] ?? s.type}</dd>
      <dt>District</dt><dd>${s.district ?? none}</dd>
      <dt>Academy trust or sponsor</dt><dd>${s.trust ?? none}</dd>
      <dt>Opened or converted</dt><dd>${s.openedOn ? formatDay(s.openedOn) : none}</dd>
      ${s.closedOn ? html`<dt>Closed</dt><dd>${formatDay(s.closedOn)}</dd>` : ''}
      <dt>Pupils</dt><dd>${s.pupils ?? none}</dd>
      ${s.predecessorUrn ? html`<dt>Continues</dt><dd><a href="${href(['schools', s.predecessorUrn])}">URN ${s.predecessorUrn}</a> (before conversion)</dd>` : ''}
      ${s.successorUrn ? html`<dt>Continued by</dt><dd><a href="${href(['schools', s.successorUrn])}">URN ${s.successorUrn}</a> (the academy)</dd>` : ''}
      <dt>Category</dt><dd id="school-category">${held.length ? html`<ul class="plain">${held.map((c) => html`<li>${c.scheme}: <strong>${c.code}</strong> ${c.label}</li>`)}</ul>` : none}</dd>
      <dt>Intervention stage</dt><dd>${stages.length ? html`<ul class="plain">${stages.map((c) => html`<li>${c.scheme}: <strong>${c.code}</strong> ${c.label}</li>`)}</ul>` : none}</dd>
      <dt>Ofsted judgement</dt><dd id="school-ofsted">${ofstedText(s.ofsted)}${s.ofsted ? `, published ${formatDay(s.ofsted.publishedOn)} (inspected ${formatDay(s.ofsted.inspectedOn)})` : ''}</dd>
      <dt>Warning notices in force</dt><dd>${s.warningNotices.length ? html`<ul class="plain">${s.warningNotices.map((n) => html`<li>${WARNING_NOTICE_LABELS[n.kind] ?? n.kind}, issued ${formatDay(n.issuedOn)}</li>`)}</ul>` : none}</dd>
      <dt>Officers</dt><dd>${s.officers.length ? html`<ul class="plain">${s.officers.map((o) => html`<li>${o.name}, ${OFFICER_ROLE_LABELS[o.role] ?? o.role}</li>`)}</ul>` : none}</dd>
      <dt>Last visit</dt><dd id="school-last-visit">${s.lastVisit ? html`${formatDay(s.lastVisit.visitedOn)} by ${s.lastVisit.officer} ${ragBadge(s.lastVisit.rag)}` : none}</dd>
      <dt>Next visit</dt><dd id="school-next-visit">${s.visitDue === 'overdue' ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>${visitDueText(s, formatDay)}</span>` : visitDueText(s, formatDay)}</dd>
      <dt>Improvement plan</dt><dd id="school-plan">${s.improvementPlan.overdue ? html`<span class="overdue"><span aria-hidden="true">⚠ </span>${improvementPlanText(s.improvementPlan, formatDay)}</span>` : improvementPlanText(s.improvementPlan, formatDay)}${s.improvementPlan.evaluation ? html`: ${s.improvementPlan.evaluation}` : ''}</dd>
    </dl>`;
}

function timelineSection(timeline: SchoolTimelineEntry[]): SafeHtml {
  return html`<h2 id="school-timeline-heading">Timeline</h2>
    ${timeline.length === 0 ? html`<p class="muted">Nothing recorded yet.</p>` : html`<ol class="timeline" id="timeline" reversed>${[...timeline].reverse().map((e) => html`<li class="entry" data-type="${e.type}" data-position="${e.position}">
      <p class="what"><strong><time datetime="${e.effectiveOn}">${formatDay(e.effectiveOn)}</time></strong>: ${e.summary}</p>
      ${e.reason ? html`<p class="why">Why: ${e.reason}</p>` : ''}
      <p class="meta">Recorded ${formatInstant(e.at)} by ${e.by.name}</p>
    </li>`)}</ol>`}`;
}

function formMarkup(form: SchoolForm, open: boolean): SafeHtml {
  return html`<details class="school-form" data-form="${form.id}"${open ? html` open` : ''}>
    <summary>${form.legend}</summary>
    <form class="action-form" data-school-form="${form.id}" novalidate>
      <fieldset><legend class="visually-hidden">${form.legend}</legend>
        <div class="error-summary" role="alert" tabindex="-1" hidden></div>
        ${form.fields.map((f) => fieldMarkup(form.id, f))}
        <button type="submit">${form.button}</button>
      </fieldset>
    </form>
  </details>`;
}

function fieldMarkup(formId: string, f: FormField): SafeHtml {
  const id = `${formId}-${f.name}`;
  const hintId = f.hint ? `${id}-hint` : '';
  const label = html`<label for="${id}">${f.label}${f.required ? html` <span class="required">(required)</span>` : ''}</label>`;
  const hint = f.hint ? html`<p class="hint" id="${hintId}">${f.hint}</p>` : '';
  const described = hintId ? html` aria-describedby="${hintId}"` : '';
  const required = f.required ? html` required` : '';
  switch (f.kind) {
    case 'checkbox':
      return html`<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="${f.name}" value="true"> ${f.label}</label>`;
    case 'textarea':
      return html`${label}${hint}<textarea id="${id}" name="${f.name}" rows="2"${required}${described}></textarea>`;
    case 'select': {
      const options = f.options ?? [];
      const groups = [...new Set(options.map((o) => o.group).filter((g): g is string => !!g))];
      const plain = options.filter((o) => !o.group).map((o) => html`<option value="${o.value}">${o.label}</option>`);
      const grouped = groups.map((g) => html`<optgroup label="${g}">${options.filter((o) => o.group === g).map((o) => html`<option value="${o.value}">${o.label}</option>`)}</optgroup>`);
      return html`${label}${hint}<select id="${id}" name="${f.name}"${required}${described}>${plain}${grouped}</select>`;
    }
    default:
      return html`${label}${hint}<input type="${f.kind}" id="${id}" name="${f.name}" autocomplete="off"${f.kind === 'date' ? '' : html` class="wide"`}${required}${described}>`;
  }
}
