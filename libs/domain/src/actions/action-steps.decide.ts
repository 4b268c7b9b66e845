import { isIsoDate } from '../shared/dates';
import { NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { InvalidStepIdError, InvalidTargetDateError, StepAlreadyDoneError, StepAlreadyExistsError, StepNotDoneError, StepNotFoundError, StepTextRequiredError } from './action.errors';
import type { ActionStepAdded, ActionStepCompleted, ActionStepDetails, ActionStepReopened, ActionStepRevised } from './action.events';
import type { ExistingAction, StepState } from './action.state';

/**
 * The commands on an action's steps. Plain data; `stepId` on AddActionStep is optional: the
 * next free `<actionId>.s<n>` is taken (n counting the steps the action has), so the same
 * command on the same state always names the same step.
 */
export type ActionStepCommand =
  | {
      type: 'AddActionStep';
      data: { actionId: string; stepId?: string; text: string; owners?: string[]; enablingTeams?: string[]; targetDate?: string; targetDateText?: string; statusNote?: string };
    }
  | { type: 'CompleteActionStep'; data: { actionId: string; stepId: string; note?: string } }
  | { type: 'ReopenActionStep'; data: { actionId: string; stepId: string; reason: string } }
  | { type: 'ReviseActionStep'; data: { actionId: string; stepId: string; changes: Partial<ActionStepDetails>; reason: string } };

export type ActionStepEvent = ActionStepAdded | ActionStepCompleted | ActionStepReopened | ActionStepRevised;

/** A step id goes into URLs (`/api/actions/:id/steps/:stepId/...`): plain characters only. */
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The rules of steps, for an action whose status allows changing its steps (the caller checks
 * the contract's table: nothing changes a withdrawn action's steps). Completing the last open
 * step does not complete the action: that is a decision of its own, with its own event.
 */
export function decideActionStep(command: ActionStepCommand, state: ExistingAction): ActionStepEvent {
  const ids = { actionId: state.id, planId: state.planId };
  if (command.type === 'AddActionStep') {
    const d = command.data;
    const stepId = d.stepId ?? nextStepId(state);
    if (!STEP_ID.test(stepId)) throw new InvalidStepIdError(stepId);
    if (state.steps.some((step) => step.id === stepId)) throw new StepAlreadyExistsError(state.id, stepId);
    const details = stepDetails(d);
    return { type: 'ActionStepAdded', data: withoutUndefined({ ...ids, stepId, ...details }) };
  }
  const step = requireStep(state, command.data.stepId);
  switch (command.type) {
    case 'CompleteActionStep':
      if (step.status === 'done') throw new StepAlreadyDoneError(step.id);
      return { type: 'ActionStepCompleted', data: withoutUndefined({ ...ids, stepId: step.id, note: command.data.note }) };
    case 'ReopenActionStep':
      if (step.status !== 'done') throw new StepNotDoneError(step.id);
      return { type: 'ActionStepReopened', data: { ...ids, stepId: step.id, reason: requireReason(command.data.reason, 'reopening the step') } };
    case 'ReviseActionStep': {
      const proposed = command.data.changes;
      if (proposed.text !== undefined && proposed.text.trim() === '') throw new StepTextRequiredError();
      if (proposed.targetDate !== undefined && !isIsoDate(proposed.targetDate)) throw new InvalidTargetDateError(proposed.targetDate);
      const changes = changedFields(
        withoutUndefined({ ...proposed, owners: proposed.owners && cleanList(proposed.owners), enablingTeams: proposed.enablingTeams && cleanList(proposed.enablingTeams) }),
        step,
      );
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`step "${step.id}"`);
      return { type: 'ActionStepRevised', data: { ...ids, stepId: step.id, changes, reason: requireReason(command.data.reason, 'revising the step') } };
    }
  }
}

function requireStep(state: ExistingAction, stepId: string): StepState {
  const step = state.steps.find((s) => s.id === stepId);
  if (!step) throw new StepNotFoundError(state.id, stepId);
  return step;
}

function stepDetails(d: Extract<ActionStepCommand, { type: 'AddActionStep' }>['data']): ActionStepDetails {
  if (typeof d.text !== 'string' || d.text.trim() === '') throw new StepTextRequiredError();
  if (d.targetDate !== undefined && !isIsoDate(d.targetDate)) throw new InvalidTargetDateError(d.targetDate);
  return withoutUndefined({
    text: d.text,
    owners: cleanList(d.owners ?? []),
    enablingTeams: cleanList(d.enablingTeams ?? []),
    targetDate: d.targetDate,
    targetDateText: d.targetDateText,
    statusNote: d.statusNote,
  });
}

/** The first `<actionId>.s<n>` no step has, from n = the number of steps + 1. */
export function nextStepId(state: Pick<ExistingAction, 'id' | 'steps'>): string {
  const taken = new Set(state.steps.map((s) => s.id));
  for (let n = state.steps.length + 1; ; n++) {
    const id = `${state.id}.s${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Names as typed, trimmed, without blanks or repeats. */
const cleanList = (names: string[]): string[] => [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
