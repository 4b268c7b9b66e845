import { type ApiError, apiGet, apiPost } from '../api.js';
import { MILESTONE_OUTCOME_LABELS, MILESTONE_OUTCOMES, type MilestoneList, type MilestoneView } from '../contract.js';
import { announce, flash, setHtml } from '../dom.js';
import { evidenceCountBadge } from '../evidence-text.js';
import { formatDay, formatInstant } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import {
  assessmentBodyOf, groupMilestones, milestoneCountsText, milestoneDateText, milestoneStateClass, milestoneStateText,
} from '../milestones-text.js';
import { errorBox } from './common.js';

export interface MilestonesOptions {
  planId: string;
  planTitle: string;
  /** The as-of date shown: the milestones and their assessments as they stood then, no forms. */
  asOf?: string;
  /** mayAssessMilestone: the plan's owners, admins and board members (the API decides). */
  canAssess: boolean;
  /** The plan's work-streams in its order, to group the milestones under. */
  workstreams: () => ReadonlyArray<{ id: string; title: string }>;
  isCurrent: () => boolean;
}

export interface MilestonesSection {
  /** Reads the milestones again (with minPosition after a change) and shows them, unless a reason is being typed. */
  refresh(minPosition?: number): Promise<void>;
}

const domId = (milestoneId: string): string => milestoneId.replace(/[^\w-]/g, '_');

/**
 * The Milestones section of a plan board: the plan's milestones by work-stream (date as printed,
 * the statement, the refs it cites, the latest assessment or "Not assessed", due ones not assessed
 * marked as exceptions are), and for those allowed an Assess form on each (outcome and reason).
 */
export async function milestonesSection(container: HTMLElement, options: MilestonesOptions): Promise<MilestonesSection> {
  const path = `/api/plans/${encodeURIComponent(options.planId)}/milestones`;
  const forms = options.canAssess && !options.asOf;
  let milestones: MilestoneView[] = [];
  let loadError = '';

  const load = async (minPosition?: number) => {
    try {
      milestones = (await apiGet<MilestoneList>(path, { asOf: options.asOf, minPosition })).body.milestones;
      loadError = '';
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) throw error;
      loadError = e.message || 'the server did not answer';
    }
  };

  const typing = () => [...container.querySelectorAll<HTMLTextAreaElement>('form textarea')].some((t) => t.value.trim() !== '') || !!container.querySelector('form[aria-busy]');

  setHtml(container, html`<h2 id="milestones-heading" tabindex="-1">Milestones <span class="ws-counts" id="milestones-count"></span></h2>
    <p class="meta">Each milestone is assessed at a board meeting or when it is due: met, partly met or not met, with the reason. A milestone due and not assessed is an exception, as an overdue action is.</p>
    <div id="milestones-notice" class="notice-area" aria-live="polite"></div>
    <div id="milestones-body"></div>`);

  const render = () => {
    container.hidden = milestones.length === 0 && !loadError;
    const body = container.querySelector<HTMLElement>('#milestones-body')!;
    container.querySelector('#milestones-count')!.textContent = loadError ? '' : milestoneCountsText(milestones);
    if (loadError) {
      setHtml(body, errorBox(`The milestones could not be read: ${loadError}`));
      return;
    }
    const open = new Set([...container.querySelectorAll<HTMLDetailsElement>('details[data-milestone-id][open]')].map((d) => d.dataset.milestoneId ?? ''));
    const groups = groupMilestones(milestones, options.workstreams(), 'The whole plan');
    setHtml(body, html`${groups.map((g) => {
        const headingId = `ms-${domId(g.workstreamId ?? 'plan')}`;
        return html`<section class="milestone-group" aria-labelledby="${headingId}" data-workstream-id="${g.workstreamId ?? ''}">
          <h3 id="${headingId}">${g.title}${g.workstreamId ? html` <span class="ws-counts">${g.workstreamId}</span>` : ''}</h3>
          <table class="board milestones">
            <thead><tr>
              <th scope="col" class="col-date">Date</th>
              <th scope="col">Milestone</th>
              <th scope="col" class="col-refs">Refers to</th>
              <th scope="col" class="col-outcome">Assessment</th>
            </tr></thead>
            <tbody>${g.milestones.map((m) => milestoneRow(m, forms, open.has(m.id)))}</tbody>
          </table>
        </section>`;
      })}`);
    container.querySelectorAll<HTMLFormElement>('form[data-form="assess-milestone"]').forEach((form) =>
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void assess(form);
      }),
    );
  };

  const refresh = async (minPosition?: number) => {
    const before = new Map(milestones.map((m) => [m.id, JSON.stringify([m.assessment, m.unassessed, m.text, m.date])]));
    await load(minPosition);
    if (!options.isCurrent() || typing()) return;
    render();
    const changed = [...container.querySelectorAll<HTMLElement>('tr[data-milestone-id]')].filter((row) => {
      const m = milestones.find((x) => x.id === row.dataset.milestoneId);
      return m && before.has(m.id) && before.get(m.id) !== JSON.stringify([m.assessment, m.unassessed, m.text, m.date]);
    });
    flash(changed);
  };

  /** Posts an assessment, then reads the list again at the position the command answered and draws it. */
  const assess = async (form: HTMLFormElement) => {
    const milestoneId = form.dataset.milestoneId ?? '';
    const errorArea = form.querySelector<HTMLElement>('.form-error')!;
    errorArea.textContent = '';
    const outcome = (form.elements.namedItem('outcome') as RadioNodeList | null)?.value ?? '';
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement | null)?.value ?? '';
    const body = assessmentBodyOf({ outcome, reason });
    if (typeof body === 'string') {
      errorArea.textContent = body;
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await apiPost<{ position: number }>(`/api/milestones/${encodeURIComponent(milestoneId)}/assessment`, body);
      await load(result.body.position);
      if (!options.isCurrent()) return;
      render();
      const m = milestones.find((x) => x.id === milestoneId);
      const message = `Saved: milestone “${m ? shortText(m.text) : milestoneId}” assessed as ${MILESTONE_OUTCOME_LABELS[body.outcome]}.`;
      setHtml(container.querySelector('#milestones-notice')!, html`<div class="notice notice-success" tabindex="-1"><p>${message}</p></div>`);
      // The form just used was drawn again: keep the keyboard's place at the message.
      container.querySelector<HTMLElement>('#milestones-notice .notice')?.focus();
      announce(message);
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 401) return;
      errorArea.textContent = e.status === 403 ? `Not allowed: ${e.message} Nothing was saved.` : e.message || 'The assessment could not be saved.';
    } finally {
      if (form.isConnected) {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    }
  };

  await load();
  if (options.isCurrent()) render();
  return { refresh };
}

/** "2 files" beside a milestone's statement, read out as "2 evidence files"; nothing when it has none. */
function evidenceBadge(count: number): SafeHtml {
  const badge = evidenceCountBadge(count);
  return badge ? html` <span class="tag evidence-count" title="${badge.label}"><span aria-hidden="true">${badge.text}</span><span class="visually-hidden">${badge.label}</span></span>` : html``;
}

const shortText = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

function milestoneRow(m: MilestoneView, forms: boolean, open: boolean): SafeHtml {
  const id = (field: string) => `assess-${domId(m.id)}-${field}`;
  const state = milestoneStateText(m);
  return html`<tr data-milestone-id="${m.id}" data-outcome="${m.assessment?.outcome ?? (m.unassessed ? 'due' : 'none')}" class="${m.unassessed ? 'is-overdue' : ''}">
    <td class="col-date"><time datetime="${m.date}">${milestoneDateText(m, formatDay)}</time>${m.dateText && m.dateText.trim() ? html`<span class="meta">${formatDay(m.date)}</span>` : ''}</td>
    <td class="milestone-text"><span class="prewrap">${m.text}</span>${evidenceBadge(m.evidenceCount)}${m.group ? html`<span class="meta">${m.group}</span>` : ''}</td>
    <td class="col-refs">${m.refs.length ? m.refs.join(', ') : html`<span class="muted">none</span>`}</td>
    <td class="col-outcome">
      <span class="outcome ${milestoneStateClass(m)}">${m.unassessed ? html`<span aria-hidden="true">⚠ </span>` : ''}${state}</span>
      ${m.assessment ? html`<span class="explanation"><span class="prewrap">${m.assessment.reason}</span> <span class="muted">(${m.assessment.by.name}, ${formatInstant(m.assessment.at)})</span></span>` : ''}
      ${forms ? html`<details class="assess no-print" data-milestone-id="${m.id}"${open ? html` open` : ''}>
          <summary>${m.assessment ? 'Assess again' : 'Assess'}<span class="visually-hidden">: ${shortText(m.text)}</span></summary>
          <form class="action-form" data-form="assess-milestone" data-milestone-id="${m.id}" novalidate>
            <fieldset><legend class="visually-hidden">Assess the milestone</legend>
              <fieldset class="choices"><legend>Outcome</legend>${MILESTONE_OUTCOMES.map((o) => html`<label class="choice"><input type="radio" name="outcome" value="${o}" required> ${MILESTONE_OUTCOME_LABELS[o]}</label>`)}</fieldset>
              <label for="${id('reason')}">Reason <span class="required">(required)</span></label>
              <textarea id="${id('reason')}" name="reason" rows="2" maxlength="4000" required></textarea>
              <p class="form-error" role="alert"></p><button type="submit">Save assessment</button>
            </fieldset>
          </form>
        </details>` : ''}
    </td>
  </tr>`;
}
