/**
 * An action's steps in a plan owner's words: "3 of 5 steps done", a step's history, and the
 * bodies of the step forms. Imports only the contract: unit-tested under Node too.
 */
import type { HistoryEntry, StepView } from './contract.js';

/** The events of an action's stream that are about one of its steps (their data names the step). */
export const STEP_EVENT_TYPES = ['ActionStepAdded', 'ActionStepCompleted', 'ActionStepReopened', 'ActionStepRevised'] as const;

export const isStepEvent = (type: string): boolean => (STEP_EVENT_TYPES as readonly string[]).includes(type);

/** "3 of 5 steps done" on a plan board row; '' for an action without steps (nothing is shown). */
export function stepsProgressText(done: number | undefined, total: number | undefined): string {
  if (!total || total <= 0) return '';
  return `${done ?? 0} of ${total} ${total === 1 ? 'step' : 'steps'} done`;
}

/** A step's status in words, never a colour alone: "Done" or "Open" (an open step past its date is marked Overdue beside it, as actions are). */
export const stepStatusText = (step: Pick<StepView, 'status'>): string => (step.status === 'done' ? 'Done' : 'Open');

/** The history of one step, oldest first: the action's step events that name it. */
export const stepHistory = (history: readonly HistoryEntry[], stepId: string): HistoryEntry[] =>
  history.filter((e) => isStepEvent(e.type) && e.data?.stepId === stepId);

const CHANGE_WORDS: Record<string, string> = {
  text: 'text', owners: 'owners', enablingTeams: 'enabling teams', targetDate: 'target date', targetDateText: 'date as printed', statusNote: 'status note',
};

const listText = (value: unknown): string => (Array.isArray(value) ? value.join(', ') || 'nobody' : String(value ?? ''));

/**
 * A step event in words. `step` (optional) prefixes the step's number for the action's whole
 * timeline ("Step 2 completed"); a step's own history leaves it out ("Completed").
 */
export function describeStepEntry(entry: Pick<HistoryEntry, 'type' | 'data'>, formatDay: (day: string) => string, step?: string): string {
  const d = entry.data ?? {};
  const subject = step ? `Step ${step}` : 'Step';
  const day = (value: unknown) => (typeof value === 'string' && value ? formatDay(value) : 'none');
  switch (entry.type) {
    case 'ActionStepAdded': {
      const due = d.targetDate ? `, due ${day(d.targetDate)}` : d.targetDateText ? `, due “${String(d.targetDateText)}”` : '';
      return `${subject} added: ${String(d.text ?? '')}${due}`;
    }
    case 'ActionStepCompleted':
      return `${subject} completed`;
    case 'ActionStepReopened':
      return `${subject} reopened`;
    case 'ActionStepRevised': {
      const changes = (d.changes ?? {}) as Record<string, unknown>;
      const parts = Object.entries(changes).map(([field, value]) => {
        const name = CHANGE_WORDS[field] ?? field;
        if (field === 'targetDate') return `${name} ${day(value)}`;
        if (field === 'owners' || field === 'enablingTeams') return `${name} ${listText(value)}`;
        return `${name} “${String(value ?? '')}”`;
      });
      return `${subject} revised${parts.length ? `: ${parts.join('; ')}` : ''}`;
    }
    default:
      return entry.type;
  }
}

/** The number a step is known by on the page: its place in the action's list (1-based), from its id. */
export function stepNumberOf(steps: readonly Pick<StepView, 'id'>[], stepId: string): string | undefined {
  const index = steps.findIndex((s) => s.id === stepId);
  return index < 0 ? undefined : String(index + 1);
}

/** A typed list of owners ("AB, CM;  DF") as the API takes it: initials in order, once each. */
export function ownersFromText(text: string): string[] {
  return [...new Set(text.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== ''))];
}

export type StepFormKind = 'add-step' | 'complete-step' | 'reopen-step' | 'revise-step';

/** The command route of each step form, under POST /api/actions/:id/. */
export function stepRoute(kind: StepFormKind, stepId: string | undefined): string {
  if (kind === 'add-step') return 'steps';
  const verb = kind === 'complete-step' ? 'complete' : kind === 'reopen-step' ? 'reopen' : 'revise';
  return `steps/${encodeURIComponent(stepId ?? '')}/${verb}`;
}

/** What the step forms hold, trimmed. */
export interface StepFormValues {
  text?: string;
  owners?: string;
  targetDate?: string;
  targetDateText?: string;
  note?: string;
  reason?: string;
}

/**
 * The body a step form sends, or a message saying what is missing. `step` is the step a
 * revise form is for: only what differs from it is sent (the API records what changed).
 */
export function stepBodyOf(kind: StepFormKind, values: StepFormValues, step?: Pick<StepView, 'text' | 'owners' | 'targetDate' | 'targetDateText'>): Record<string, unknown> | string {
  const v = (name: keyof StepFormValues) => (values[name] ?? '').trim();
  switch (kind) {
    case 'add-step': {
      if (!v('text')) return 'Write what the step is: its text is required.';
      const owners = ownersFromText(v('owners'));
      return {
        text: v('text'),
        ...(owners.length ? { owners } : {}),
        ...(v('targetDate') ? { targetDate: v('targetDate') } : {}),
        ...(v('targetDateText') ? { targetDateText: v('targetDateText') } : {}),
      };
    }
    case 'complete-step':
      return v('note') ? { note: v('note') } : {};
    case 'reopen-step':
      if (!v('reason')) return 'Give the reason for reopening the step: it is required.';
      return { reason: v('reason') };
    case 'revise-step': {
      const changes: Record<string, unknown> = {};
      if (v('text') && v('text') !== step?.text) changes.text = v('text');
      const owners = ownersFromText(v('owners'));
      if (values.owners !== undefined && v('owners') !== '' && owners.join(',') !== (step?.owners ?? []).join(',')) changes.owners = owners;
      if (v('targetDate') && v('targetDate') !== (step?.targetDate ?? '')) changes.targetDate = v('targetDate');
      if (v('targetDateText') && v('targetDateText') !== (step?.targetDateText ?? '')) changes.targetDateText = v('targetDateText');
      if (Object.keys(changes).length === 0) return 'Change the text, the owners or the date first: nothing differs from the step as it is.';
      if (!v('reason')) return 'Give the reason for revising the step: it is required.';
      return { ...changes, reason: v('reason') };
    }
  }
}

/** The words a saved step form is confirmed with. */
export function stepSavedMessage(kind: StepFormKind, stepNumber: string | undefined): string {
  const step = stepNumber ? `step ${stepNumber}` : 'the step';
  switch (kind) {
    case 'add-step':
      return `${stepNumber ? `step ${stepNumber}` : 'a step'} added`;
    case 'complete-step':
      return `${step} is done`;
    case 'reopen-step':
      return `${step} reopened`;
    case 'revise-step':
      return `${step} revised`;
  }
}
