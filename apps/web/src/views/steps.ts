import { type ActionDetails, type HistoryEntry, ROLE_NAMES, type Role, type StepView } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay, formatInstant, happenedBy } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { describeStepEntry, stepBodyOf, type StepFormKind, type StepFormValues, stepHistory, stepsProgressText, stepStatusText } from '../steps-text.js';
import { overdueMark } from './common.js';

/** Sends a step form's command through the action page (If-Match, refresh, notices): the page owns the revision. */
export type SendStepCommand = (form: HTMLFormElement, kind: StepFormKind, stepId: string | undefined, body: Record<string, unknown>) => Promise<void>;

export interface StepsOptions {
  /** The as-of date shown: the steps as they stood then (from the as-of action), no forms. */
  asOf?: string;
  /** Whether to offer the forms (mayUpdatePlan, and the action not withdrawn). */
  canUpdate: boolean;
  send: SendStepCommand;
}

export interface StepsSection {
  /** Draws the steps of this state of the action; forms being typed in are kept, the rest is drawn again. */
  render(action: ActionDetails, history: readonly HistoryEntry[], options?: { force?: boolean }): void;
}

const domId = (stepId: string): string => stepId.replace(/[^\w-]/g, '_');

/**
 * The Steps section of an action page: the steps in the plan's order (text, owners, date as
 * printed, status, the printed status note, overdue), each with its history (who, when, why),
 * "All steps are done" when they are and the action is not completed, and for those allowed the
 * forms to add a step and to complete, reopen or revise one.
 */
export function stepsSection(container: HTMLElement, options: StepsOptions): StepsSection {
  const typing = () =>
    [...container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('form textarea, form input[type="text"], form input[type="date"]')].some((el) => el.value.trim() !== '' && el.value !== el.defaultValue) ||
    !!container.querySelector('form[aria-busy]');

  const wire = () => {
    container.querySelectorAll<HTMLFormElement>('form[data-step-form]').forEach((form) => {
      if (form.dataset.wired) return;
      form.dataset.wired = 'true';
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(form);
      });
    });
  };

  let current: ActionDetails | undefined;
  const submit = async (form: HTMLFormElement) => {
    const kind = form.dataset.stepForm as StepFormKind;
    const stepId = form.dataset.stepId || undefined;
    const errorArea = form.querySelector<HTMLElement>('.form-error')!;
    errorArea.textContent = '';
    const step = current?.steps?.find((s) => s.id === stepId);
    const body = stepBodyOf(kind, valuesOf(form), step);
    if (typeof body === 'string') {
      errorArea.textContent = body;
      form.querySelector<HTMLElement>('textarea, input')?.focus();
      return;
    }
    await options.send(form, kind, stepId, body);
  };

  const render = (action: ActionDetails, history: readonly HistoryEntry[], renderOptions: { force?: boolean } = {}) => {
    current = action;
    const steps = action.steps ?? [];
    const shownHistory = options.asOf ? history.filter((e) => happenedBy(e.at, options.asOf!)) : history;
    const forms = options.canUpdate && !options.asOf && action.status !== 'withdrawn';
    const progress = stepsProgressText(steps.filter((s) => s.status === 'done').length, steps.length);
    const allDone = action.allStepsDone ?? (steps.length > 0 && steps.every((s) => s.status === 'done'));
    container.hidden = steps.length === 0 && !forms;

    const list = container.querySelector<HTMLElement>('#steps-list');
    if (list && !renderOptions.force && typing()) {
      // Someone is typing in a step's form: draw again what each step shows, keep the forms.
      setHtml(container.querySelector('#steps-summary')!, summary(action, progress, allDone));
      for (const [index, step] of steps.entries()) {
        const item = list.querySelector<HTMLElement>(`li[data-step-id="${CSS.escape(step.id)}"]`);
        if (!item) continue;
        item.dataset.status = step.status;
        setHtml(item.querySelector('.step-main')!, stepMain(step, index));
        setHtml(item.querySelector('.step-history-slot')!, stepHistoryList(step, index, stepHistory(shownHistory, step.id), isOpen(item, '.step-history')));
      }
      return;
    }
    const open = new Set([...container.querySelectorAll<HTMLDetailsElement>('details[data-keep-open][open]')].map((d) => d.dataset.keepOpen ?? ''));
    setHtml(container, html`
      <h2 id="steps-heading" tabindex="-1">Steps ${progress ? html`<span class="muted" id="steps-count">(${progress})</span>` : ''}</h2>
      ${options.asOf ? html`<p class="meta">The steps as they stood at the end of <time datetime="${options.asOf}">${formatDay(options.asOf)}</time>.</p>` : ''}
      <div id="steps-summary">${summary(action, progress, allDone)}</div>
      ${steps.length === 0
        ? html`<p class="empty" id="steps-list-empty">This action has no steps${options.asOf ? ' at that date' : ' yet'}.</p>`
        : html`<ol class="steps" id="steps-list">${steps.map((step, index) => html`<li class="step" id="step-${domId(step.id)}" data-step-id="${step.id}" data-status="${step.status}">
            <div class="step-main">${stepMain(step, index)}</div>
            <div class="step-history-slot">${stepHistoryList(step, index, stepHistory(shownHistory, step.id), open.has(`history-${step.id}`))}</div>
            ${forms ? stepForms(step, index, open.has(`change-${step.id}`)) : ''}
          </li>`)}</ol>`}
      ${forms ? addStepForm(open.has('add-step')) : ''}`);
    wire();
  };

  return { render };
}

const isOpen = (item: HTMLElement, selector: string): boolean => item.querySelector<HTMLDetailsElement>(selector)?.open ?? false;

function summary(action: ActionDetails, progress: string, allDone: boolean): SafeHtml {
  if (!allDone || action.status === 'B' || action.status === 'withdrawn') return html`<p class="visually-hidden" role="status">${progress}</p>`;
  return html`<p class="note steps-all-done" role="status"><strong>All steps are done.</strong> The action is not completed by it: it is completed when someone marks it completed, with the evidence the board expects.</p>`;
}

function stepMain(step: StepView, index: number): SafeHtml {
  const date = step.targetDate
    ? html`<time datetime="${step.targetDate}">${formatDay(step.targetDate)}</time>${step.targetDateText && step.targetDateText !== step.targetDate ? html` <span class="muted">(the plan prints “${step.targetDateText}”)</span>` : ''}`
    : step.targetDateText ? html`“${step.targetDateText}” <span class="muted">(as printed)</span>` : html`<span class="muted">none</span>`;
  return html`<p class="step-text"><span class="visually-hidden">Step ${index + 1}: </span><span class="prewrap">${step.text}</span></p>
    <p class="step-facts">
      <span class="step-status step-${step.status}"><span aria-hidden="true">${step.status === 'done' ? '✓ ' : '○ '}</span>${stepStatusText(step)}</span>
      ${overdueMark(step.overdue)}
      <span class="step-fact"><span class="fact-label">Owners:</span> ${step.owners.length ? step.owners.join(', ') : html`<span class="muted">none</span>`}</span>
      ${step.enablingTeams.length ? html`<span class="step-fact"><span class="fact-label">Enabling teams:</span> ${step.enablingTeams.join(', ')}</span>` : ''}
      <span class="step-fact"><span class="fact-label">Target date:</span> ${date}</span>
    </p>
    ${step.statusNote ? html`<p class="step-note"><span class="fact-label">Status in the plan:</span> <span class="prewrap">${step.statusNote}</span></p>` : ''}`;
}

function stepHistoryList(step: StepView, index: number, entries: HistoryEntry[], open: boolean): SafeHtml {
  if (entries.length === 0) return html``;
  return html`<details class="step-history" data-keep-open="history-${step.id}"${open ? html` open` : ''}>
    <summary>History of step ${index + 1} (${entries.length === 1 ? '1 change' : `${entries.length} changes`})</summary>
    <ol class="timeline">${[...entries].reverse().map((e) => {
      const note = typeof e.data?.note === 'string' && e.data.note ? e.data.note : '';
      const why = note ? { label: 'Note', text: note } : e.reason ? { label: 'Why', text: e.reason } : null;
      const role = ROLE_NAMES[e.actor.role as Role] ?? e.actor.role;
      return html`<li class="entry" data-type="${e.type}" data-revision="${e.revision}">
        <p class="entry-head"><time datetime="${e.at}">${formatInstant(e.at)}</time> · <span class="actor">${e.actor.name}</span> <span class="muted">(${role})</span></p>
        <p class="entry-what">${describeStepEntry(e, formatDay)}</p>
        ${why ? html`<p class="entry-why"><span class="why-label">${why.label}:</span> <span class="prewrap">${why.text}</span></p>` : ''}
      </li>`;
    })}</ol>
  </details>`;
}

function stepForms(step: StepView, index: number, open: boolean): SafeHtml {
  const n = index + 1;
  const id = (form: string, field: string) => `step-${domId(step.id)}-${form}-${field}`;
  const error = html`<p class="form-error" role="alert"></p>`;
  const statusForm = step.status === 'open'
    ? html`<form class="action-form" data-step-form="complete-step" data-step-id="${step.id}" novalidate>
        <fieldset><legend>Mark step ${n} done</legend>
          <label for="${id('complete', 'note')}">Note (optional)</label>
          <textarea id="${id('complete', 'note')}" name="note" rows="2" maxlength="10000"></textarea>
          ${error}<button type="submit">Mark step ${n} done</button>
        </fieldset></form>`
    : html`<form class="action-form" data-step-form="reopen-step" data-step-id="${step.id}" novalidate>
        <fieldset><legend>Reopen step ${n}</legend>
          <label for="${id('reopen', 'reason')}">Reason <span class="required">(required)</span></label>
          <textarea id="${id('reopen', 'reason')}" name="reason" rows="2" maxlength="4000" required></textarea>
          ${error}<button type="submit">Reopen step ${n}</button>
        </fieldset></form>`;
  return html`<details class="step-change no-print" data-keep-open="change-${step.id}"${open ? html` open` : ''}>
    <summary>Update step ${n}</summary>
    ${statusForm}
    <form class="action-form" data-step-form="revise-step" data-step-id="${step.id}" novalidate>
      <fieldset><legend>Revise step ${n}</legend>
        <p class="hint" id="${id('revise', 'hint')}">Change what needs changing; what you leave as it is stays.</p>
        <label for="${id('revise', 'text')}">Text</label>
        <textarea id="${id('revise', 'text')}" name="text" rows="2" maxlength="4000" aria-describedby="${id('revise', 'hint')}">${step.text}</textarea>
        <label for="${id('revise', 'owners')}">Owners <span class="required">(initials, separated by commas)</span></label>
        <input type="text" id="${id('revise', 'owners')}" name="owners" value="${step.owners.join(', ')}" autocomplete="off">
        <label for="${id('revise', 'date')}">Target date</label>
        <input type="date" id="${id('revise', 'date')}" name="targetDate" value="${step.targetDate ?? ''}">
        <label for="${id('revise', 'date-text')}">Date as printed (optional)</label>
        <input type="text" id="${id('revise', 'date-text')}" name="targetDateText" value="${step.targetDateText ?? ''}" autocomplete="off">
        <label for="${id('revise', 'reason')}">Reason <span class="required">(required)</span></label>
        <textarea id="${id('revise', 'reason')}" name="reason" rows="2" maxlength="4000" required></textarea>
        ${error}<button type="submit">Revise step ${n}</button>
      </fieldset></form>
  </details>`;
}

function addStepForm(open: boolean): SafeHtml {
  return html`<details class="step-add no-print" data-keep-open="add-step"${open ? html` open` : ''}>
    <summary>Add a step</summary>
    <form class="action-form" data-step-form="add-step" novalidate>
      <fieldset><legend>Add a step</legend>
        <label for="add-step-text">Text <span class="required">(required)</span></label>
        <textarea id="add-step-text" name="text" rows="2" maxlength="4000" required></textarea>
        <label for="add-step-owners">Owners <span class="required">(optional: initials, separated by commas)</span></label>
        <input type="text" id="add-step-owners" name="owners" autocomplete="off">
        <label for="add-step-date">Target date (optional)</label>
        <input type="date" id="add-step-date" name="targetDate">
        <label for="add-step-date-text">Date as printed (optional, such as “end of October”)</label>
        <input type="text" id="add-step-date-text" name="targetDateText" autocomplete="off">
        <p class="form-error" role="alert"></p><button type="submit">Add step</button>
      </fieldset></form>
  </details>`;
}

/** What a step form holds (the fields it has; a revise form's untouched fields hold the step's own values). */
function valuesOf(form: HTMLFormElement): StepFormValues {
  const values: StepFormValues = {};
  for (const name of ['text', 'owners', 'targetDate', 'targetDateText', 'note', 'reason'] as const) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) values[name] = field.value;
  }
  return values;
}
