import { type FormKind, formsFor } from '../action-forms.js';
import { ApiError, apiGet, apiPost } from '../api.js';
import {
  type ActionDetails, type ActionLink, describeEntry, type HistoryEntry, mayAttachEvidence, mayReadHistory, mayUpdatePlan, type PlanInfo, type Rag, RAG_COLOURS, type Role,
ROLE_NAMES, STATUS_LABELS, statusText, type StepView, whyOf,
} from '../contract.js';
import { announce, setHtml } from '../dom.js';
import { touchesEvidence } from '../evidence-text.js';
import { formatDay, formatInstant, happenedBy } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { linkDetail, linkedFromText, linkedToOf, linkPath } from '../links-text.js';
import { href } from '../router.js';
import { describeStepEntry, isStepEvent, stepNumberOf, stepRoute, stepSavedMessage } from '../steps-text.js';
import { asOfBanner, chip, crumbs, liveRefresher, overdueMark, ownersCell, type View, type ViewContext } from './common.js';
import { evidenceSection } from './evidence.js';
import { stepsSection } from './steps.js';


/** The command route of each form: POST /api/actions/:id/<route>. */
const ROUTES: Record<FormKind, string> = { start: 'start', rag: 'rag', note: 'notes', 'target-date': 'target-date', complete: 'complete', reopen: 'reopen' };


/** The 409 message: plain words, who changed it first, and what to do. */
const conflictMessage = (others: string[]): string =>
  `Someone else updated this action since you opened it${others.length ? ` (${others.join(', ')})` : ''}, so your change was not saved. ` +
  'Their change is shown on this page now. Check it, then submit again if your change still applies.';

const CHANGE_NAMES: Record<string, string> = {
  ActionAdded: 'added', ActionStarted: 'started', ActionRagChanged: 'RAG changed', ActionProgressNoted: 'progress noted',
  ActionTargetDateRevised: 'target date revised', ActionOwnersReassigned: 'owners reassigned', ActionCompleted: 'completed',
  ActionReopened: 'reopened', ActionWithdrawn: 'withdrawn', ActionDetailsRevised: 'details revised',
  ActionStepAdded: 'step added', ActionStepCompleted: 'step done', ActionStepReopened: 'step reopened', ActionStepRevised: 'step revised',
};

/** An action: its details, the forms to update it, and its history (who, when, what, why). */
export async function actionView(ctx: ViewContext): Promise<View> {
  const actionId = ctx.route.path[1];
  const asOf = mayReadHistory(ctx.caller) ? ctx.route.params.asOf || undefined : undefined;
  const path = `/api/actions/${encodeURIComponent(actionId)}`;

  const load = async (minPosition?: number) => {
    const [action, history] = await Promise.all([
      apiGet<ActionDetails>(path, { asOf, minPosition }),
      apiGet<HistoryEntry[]>(`${path}/history`, { minPosition }),
    ]);
    return { action: action.body, history: history.body };
  };
  let { action, history } = await load();
  const plan = await apiGet<PlanInfo>(`/api/plans/${encodeURIComponent(action.planId)}`).then((r) => r.body, () => undefined);
  if (!ctx.isCurrent()) return {};

  const canUpdate = !asOf && mayUpdatePlan(ctx.caller, action.planId);
  /** The revision the forms were opened at: If-Match sends it, so a stale form gets 409. */
  let formRevision = action.revision;
  let shownForms = '';
  let submitting = false;
  /** The file name of a document of this action, once the Evidence section has read them. */
  let fileNameOf: (documentId: string) => string | undefined = () => undefined;

  setHtml(ctx.root, html`
    <div class="page-head">
      ${crumbs([['Improvement Board', href([], { asOf })], [action.planId, href(['plans', action.planId], { asOf })], [action.ref ?? action.id, null]])}
      <h1 tabindex="-1" id="action-title"></h1>
      <div id="banner"></div>
    </div>
    <div id="notice" class="notice-area" aria-live="polite"></div>
    <div class="action-layout${canUpdate ? ' has-forms' : ''}">
      <div class="action-main">
        <section id="details" class="card" aria-labelledby="details-heading"></section>
        <section id="steps" class="card" aria-labelledby="steps-heading" hidden></section>
        <section id="evidence" class="card" aria-labelledby="evidence-heading"></section>
        <section id="history" class="card" aria-labelledby="history-heading"></section>
      </div>
      ${canUpdate ? html`<section id="update" class="card no-print" aria-labelledby="update-heading">
        <h2 id="update-heading">Update this action</h2>
        <div id="forms"></div>
      </section>` : ''}
    </div>`);

  const notice = (kind: 'info' | 'success' | 'conflict' | 'error', message: string) => {
    const area = ctx.root.querySelector('#notice')!;
    setHtml(area, kind === 'conflict' || kind === 'error'
      ? html`<div class="notice notice-${kind}" role="alert"><p>${message}</p></div>`
      : html`<div class="notice notice-${kind}" tabindex="-1"><p>${message}</p></div>`);
  };

  const renderDetails = () => {
    const title = ctx.root.querySelector('#action-title')!;
    setHtml(title, html`${action.ref ? html`<span class="ref">${action.ref}</span> ` : ''}${action.title}`);
    setHtml(ctx.root.querySelector('#banner')!, asOfBanner(asOf, 'state'));
    const ws = plan?.workstreams.find((w) => w.id === action.workstreamId);
    setHtml(ctx.root.querySelector('#details')!, html`
      <h2 id="details-heading">Details</h2>
      <dl class="details">
        <dt>Status</dt><dd id="action-status">${chip(action.status)} ${overdueMark(action.overdue)}</dd>
        <dt>Plan</dt><dd><a href="${href(['plans', action.planId], { asOf })}">${plan?.title ?? action.planId}</a></dd>
        <dt>Work-stream</dt><dd>${ws ? `${ws.title} (${ws.id})` : action.workstreamId}</dd>
        <dt>Owners</dt><dd id="action-owners">${ownersCell(action)}</dd>
        ${action.enablingTeams.length ? html`<dt>Enabling teams</dt><dd>${action.enablingTeams.join(', ')}</dd>` : ''}
        <dt>Target date</dt><dd>${action.targetDate ? html`<time datetime="${action.targetDate}">${formatDay(action.targetDate)}</time>` : html`<span class="muted">none</span>`}${
          action.targetDateText && action.targetDateText !== action.targetDate ? html` <span class="muted">(the plan prints “${action.targetDateText}”)</span>` : ''}</dd>
        ${action.measures ? html`<dt>How measured</dt><dd class="prewrap">${action.measures}</dd>` : ''}
        ${linksRow('Linked to', 'linked-to', linkedToOf(action), asOf)}
        ${linksRow('Linked from', 'linked-from', action.linkedFrom ?? [], asOf)}
        <dt>Last change</dt><dd><time datetime="${action.lastChangedAt}">${formatInstant(action.lastChangedAt)}</time>${CHANGE_NAMES[action.lastChange] ? ` (${CHANGE_NAMES[action.lastChange]})` : ''}</dd>
        ${action.lastReason ? html`<dt>Last reason given</dt><dd class="prewrap">${action.lastReason}</dd>` : ''}
        <dt>Id and revision</dt><dd><code>${action.id}</code> · revision ${action.revision}</dd>
      </dl>`);
  };

  const renderHistory = () => {
    const shown = asOf ? history.filter((e) => happenedBy(e.at, asOf)) : history;
    setHtml(ctx.root.querySelector('#history')!, html`
      <h2 id="history-heading">History <span class="muted">(newest first${asOf ? `, up to ${formatDay(asOf)}` : ''})</span></h2>
      <ol class="timeline" id="timeline">${[...shown].reverse().map((e) => timelineEntry(withFileName(e, fileNameOf), action.steps ?? []))}</ol>`);
  };

  const formsArea = () => ctx.root.querySelector<HTMLElement>('#forms');
  /** Whether something is typed in a form (the update forms, or a step's): a live change then keeps the version the forms were opened at. */
  const dirty = () =>
    [...ctx.root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#forms textarea, #forms input[type="date"], #steps form textarea, #steps form input')].some(
      (el) => el.value.trim() !== '' && el.value !== el.defaultValue,
    );

  const renderForms = () => {
    const area = formsArea();
    if (!area) return;
    shownForms = `${action.status}`;
    const kinds = formsFor(action.status);
    setHtml(area, kinds.length === 0
      ? html`<p class="note">A withdrawn action cannot be updated.</p>`
      : html`${kinds.map((kind) => actionForm(kind, action))}`);
    area.querySelectorAll<HTMLFormElement>('form[data-kind]').forEach((form) => form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    }));
  };

  /** Draws the Steps section (set once the section is made, below). */
  let renderSteps: (force?: boolean) => void = () => undefined;

  const refresh = async (minPosition?: number, options: { stepsForce?: boolean } = {}) => {
    const fresh = await load(minPosition);
    if (!ctx.isCurrent()) return false;
    action = fresh.action;
    history = fresh.history;
    renderDetails();
    renderHistory();
    renderSteps(options.stepsForce);
    return true;
  };

  const submit = async (form: HTMLFormElement) => {
    const kind = form.dataset.kind as FormKind;
    const errorArea = form.querySelector<HTMLElement>('.form-error')!;
    errorArea.textContent = '';
    const body = bodyOf(kind, form);
    if (typeof body === 'string') {
      errorArea.textContent = body;
      return;
    }
    await command(form, ROUTES[kind], body, () => savedMessage(kind, action), () => formsFor(action.status).includes(kind));
  };

  /**
   * Sends one of the page's commands with If-Match (the revision the forms were opened at), reads
   * the action again at the position it answered, and says what happened. `stillOffered`: after a
   * 409, whether the form may stay as typed (else the forms are drawn again for the new status).
   */
  const command = async (form: HTMLFormElement, route: string, body: unknown, saved: () => string, stillOffered: () => boolean) => {
    const errorArea = form.querySelector<HTMLElement>('.form-error')!;
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submitting = true;
    try {
      const result = await apiPost(`${path}/${route}`, body, formRevision);
      await refresh(result.body.position, { stepsForce: true });
      formRevision = action.revision;
      renderForms();
      notice('success', `Saved: ${saved()}.`);
      // The form just used was drawn again: keep the keyboard's place at the message instead of the page's top.
      ctx.root.querySelector<HTMLElement>('#notice .notice')?.focus();
      announce(`Saved: ${saved()}. The action is now ${statusText(action.status)}.`);
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 409) {
        const opened = formRevision;
        await refresh().catch(() => undefined);
        formRevision = action.revision;
        const others = history.filter((h) => h.revision > opened).map((h) => `${h.actor.name}, ${formatInstant(h.at)}`);
        notice('conflict', conflictMessage([...new Set(others)]));
        // Keep what was typed, unless the new status no longer offers this form.
        if (!stillOffered()) renderForms();
      } else if (e.status === 401) {
        return;
      } else if (e.status === 403) {
        // A right revoked since the page opened takes effect now: say so, in the server's words.
        errorArea.textContent = `Not allowed: ${e.message} Nothing was saved.`;
      } else {
        errorArea.textContent = e.message || 'The change could not be saved.';
      }
    } finally {
      submitting = false;
      if (form.isConnected) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    }
  };

  const steps = stepsSection(ctx.root.querySelector<HTMLElement>('#steps')!, {
    asOf,
    canUpdate,
    send: (form, kind, stepId, body) =>
      command(form, stepRoute(kind, stepId), body, () => stepSavedMessage(kind, stepId ? stepNumberOf(action.steps ?? [], stepId) : String((action.steps ?? []).length)), () => form.isConnected),
  });
  renderSteps = (force) => steps.render(action, history, { force });

  renderDetails();
  renderHistory();
  renderSteps();
  renderForms();
  const evidence = await evidenceSection(
    ctx.root.querySelector<HTMLElement>('#evidence')!,
    action,
    { asOf, canAttach: !asOf && mayAttachEvidence(ctx.caller, action.planId, ctx.session.person.id, action.ownerPeople), canErase: ctx.caller.roles.includes('admin') },
    ctx.isCurrent,
  );
  fileNameOf = evidence.fileNameOf;
  renderHistory();
  // The evidence is read on its own: a document attached or withdrawn does not change the action's revision.
  const evidenceRefresher = liveRefresher(async (batch) => {
    if (touchesEvidence(batch, action)) await evidence.refresh(batch.position);
  });

  return {
    onLive: asOf
      ? undefined
      : liveRefresher(async (batch) => {
          evidenceRefresher(batch);
          if (!batch.resync && !batch.events.some((e) => e.actionId === action.id || (e.actionId === null && e.planId === action.planId))) return;
          const before = action.revision;
          if (!(await refresh(batch.position))) return;
          if (submitting || action.revision === before || action.revision === formRevision) return;
          const last = history[history.length - 1];
          const who = last ? `${last.actor.name} (${formatInstant(last.at)})` : 'someone else';
          if (!dirty() && !ctx.root.querySelector('form[aria-busy]')) {
            formRevision = action.revision;
            if (shownForms !== action.status) renderForms();
            notice('info', `This action was just updated by ${who}. The page shows the new state.`);
          } else {
            notice('info', `This action was just updated by ${who} while you were typing. Check their change below before you save: your form still refers to the version you opened, so saving will be refused rather than overwrite it.`);
          }
          announce(`This action was updated by ${who}. It is now ${statusText(action.status)}.`);
        }),
  };
}

/** A withdrawal or erasure names only the document: give the timeline its file name. */
function withFileName(e: HistoryEntry, fileNameOf: (documentId: string) => string | undefined): HistoryEntry {
  const documentId = e.data?.documentId;
  if (!e.type.startsWith('Evidence') || typeof documentId !== 'string' || e.data.fileName) return e;
  const fileName = fileNameOf(documentId);
  return fileName ? { ...e, data: { ...e.data, fileName } } : e;
}

/**
 * "Linked to": each link as printed, to the action's page or the plan's board it names, or as
 * printed when the tracker holds nothing by that name. "Linked from": the actions whose links
 * name this one, each with the link as it prints it. Nothing when there is none.
 */
function linksRow(label: string, id: string, links: ActionLink[], asOf: string | undefined): SafeHtml {
  if (links.length === 0) return html``;
  const from = id === 'linked-from';
  return html`<dt>${label}</dt><dd><ul class="links-list" id="${id}">${links.map((link) => {
    const path = linkPath(link);
    const { label: text, detail } = from ? linkedFromText(link) : { label: link.text, detail: linkDetail(link) };
    return html`<li data-link-text="${link.text}">${path
      ? html`<a href="${href(path, { asOf })}">${text}</a> <span class="muted">(${detail})</span>`
      : html`<span class="unresolved">${text}</span> <span class="muted">(${detail})</span>`}</li>`;
  })}</ul></dd>`;
}

function timelineEntry(e: HistoryEntry, steps: readonly StepView[]): SafeHtml {
  if (isStepEvent(e.type)) return stepTimelineEntry(e, steps);
  const why = whyOf(e);
  const parts = describeEntry(e, formatDay).map((p) => (typeof p === 'string' ? html`${p}` : chip(p.status)));
  const role = ROLE_NAMES[e.actor.role as Role] ?? e.actor.role;
  return html`<li class="entry" data-type="${e.type}" data-revision="${e.revision}">
    <p class="entry-head"><time datetime="${e.at}">${formatInstant(e.at)}</time> · <span class="actor">${e.actor.name}</span> <span class="muted">(${role})</span></p>
    <p class="entry-what">${parts}</p>
    ${why ? html`<p class="entry-why"><span class="why-label">${why.label}:</span> <span class="prewrap">${why.text}</span></p>` : ''}
  </li>`;
}

/** A step's change in the action's timeline: "Step 2 completed", with its note or reason. */
function stepTimelineEntry(e: HistoryEntry, steps: readonly StepView[]): SafeHtml {
  const stepId = typeof e.data?.stepId === 'string' ? e.data.stepId : '';
  const note = typeof e.data?.note === 'string' && e.data.note ? e.data.note : '';
  const why = note ? { label: 'Note', text: note } : e.reason ? { label: 'Why', text: e.reason } : null;
  const role = ROLE_NAMES[e.actor.role as Role] ?? e.actor.role;
  return html`<li class="entry" data-type="${e.type}" data-revision="${e.revision}" data-step-id="${stepId}">
    <p class="entry-head"><time datetime="${e.at}">${formatInstant(e.at)}</time> · <span class="actor">${e.actor.name}</span> <span class="muted">(${role})</span></p>
    <p class="entry-what">${describeStepEntry(e, formatDay, stepNumberOf(steps, stepId) ?? stepId)}</p>
    ${why ? html`<p class="entry-why"><span class="why-label">${why.label}:</span> <span class="prewrap">${why.text}</span></p>` : ''}
  </li>`;
}

const ragChoices = (name: string, options: Rag[], checked?: Rag): SafeHtml =>
  html`${options.map((r) => html`<label class="choice"><input type="radio" name="${name}" value="${r}" required ${r === checked ? html`checked` : ''}> ${chip(r)}</label>`)}`;

function actionForm(kind: FormKind, action: ActionDetails): SafeHtml {
  const id = (field: string) => `${kind}-${field}`;
  const error = html`<p class="form-error" role="alert"></p>`;
  switch (kind) {
    case 'start':
      return html`<form data-kind="start" class="action-form" novalidate>
        <fieldset><legend>Start the action</legend>
          <fieldset class="choices"><legend>Rating to start at</legend>${ragChoices('rag', [...RAG_COLOURS], 'G')}</fieldset>
          <label for="${id('note')}">Note (optional)</label>
          <textarea id="${id('note')}" name="note" rows="2" maxlength="10000"></textarea>
          ${error}<button type="submit">Start</button>
        </fieldset></form>`;
    case 'rag':
      return html`<form data-kind="rag" class="action-form" novalidate>
        <fieldset><legend>Change the RAG rating</legend>
          <fieldset class="choices"><legend>New rating (now ${statusText(action.status)})</legend>${ragChoices('rag', RAG_COLOURS.filter((r) => r !== action.status))}</fieldset>
          <label for="${id('reason')}">Reason <span class="required">(required)</span></label>
          <textarea id="${id('reason')}" name="reason" rows="3" maxlength="4000" required aria-describedby="${id('hint')}"></textarea>
          <p class="hint" id="${id('hint')}">Say why, and for Amber or Red the recovery plan: the board will read it.</p>
          ${error}<button type="submit">Change RAG</button>
        </fieldset></form>`;
    case 'note':
      return html`<form data-kind="note" class="action-form" novalidate>
        <fieldset><legend>Add a progress note</legend>
          <label for="${id('text')}">Note <span class="required">(required)</span></label>
          <textarea id="${id('text')}" name="text" rows="2" maxlength="10000" required></textarea>
          ${error}<button type="submit">Add note</button>
        </fieldset></form>`;
    case 'target-date':
      return html`<form data-kind="target-date" class="action-form" novalidate>
        <fieldset><legend>Revise the target date</legend>
          <label for="${id('date')}">New target date (now ${action.targetDate ? formatDay(action.targetDate) : 'none'})</label>
          <input type="date" id="${id('date')}" name="targetDate" required>
          <label for="${id('reason')}">Reason <span class="required">(required)</span></label>
          <textarea id="${id('reason')}" name="reason" rows="2" maxlength="4000" required></textarea>
          ${error}<button type="submit">Revise target date</button>
        </fieldset></form>`;
    case 'complete':
      return html`<form data-kind="complete" class="action-form" novalidate>
        <fieldset><legend>Complete the action</legend>
          <label for="${id('note')}">Note (optional)</label>
          <textarea id="${id('note')}" name="note" rows="2" maxlength="10000"></textarea>
          ${error}<button type="submit">Mark completed ${chip('B', { short: true })}</button>
        </fieldset></form>`;
    case 'reopen':
      return html`<form data-kind="reopen" class="action-form" novalidate>
        <fieldset><legend>Reopen the action</legend>
          <fieldset class="choices"><legend>Rating to reopen at</legend>${ragChoices('rag', [...RAG_COLOURS])}</fieldset>
          <label for="${id('reason')}">Reason <span class="required">(required)</span></label>
          <textarea id="${id('reason')}" name="reason" rows="2" maxlength="4000" required></textarea>
          ${error}<button type="submit">Reopen</button>
        </fieldset></form>`;
  }
}

/** The command's body, or a message saying what is missing. */
function bodyOf(kind: FormKind, form: HTMLFormElement): Record<string, string> | string {
  const value = (name: string) => {
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) return field.value;
    return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement ? field.value.trim() : '';
  };
  const optional = (name: string) => (value(name) ? { [name]: value(name) } : {});
  switch (kind) {
    case 'start':
      return { rag: value('rag') || 'G', ...optional('note') };
    case 'rag':
      if (!value('rag')) return 'Choose the new rating.';
      if (!value('reason')) return 'Give the reason for the change: it is required.';
      return { rag: value('rag'), reason: value('reason') };
    case 'note':
      if (!value('text')) return 'Write the note first.';
      return { text: value('text') };
    case 'target-date':
      if (!value('targetDate')) return 'Choose the new target date.';
      if (!value('reason')) return 'Give the reason for moving the date: it is required.';
      return { targetDate: value('targetDate'), reason: value('reason') };
    case 'complete':
      return { ...optional('note') };
    case 'reopen':
      if (!value('rag')) return 'Choose the rating to reopen at.';
      if (!value('reason')) return 'Give the reason for reopening: it is required.';
      return { rag: value('rag'), reason: value('reason') };
  }
}

function savedMessage(kind: FormKind, action: ActionDetails): string {
  switch (kind) {
    case 'start':
      return `started at ${action.status} (${STATUS_LABELS[action.status]})`;
    case 'rag':
      return `RAG changed to ${action.status} (${STATUS_LABELS[action.status]})`;
    case 'note':
      return 'note added';
    case 'target-date':
      return `target date is now ${formatDay(action.targetDate)}`;
    case 'complete':
      return 'completed (B)';
    case 'reopen':
      return `reopened at ${action.status} (${STATUS_LABELS[action.status]})`;
  }
}

