import type { ActionStatus } from '../shared/status';
import type { ActionAdded, ActionEvent, ActionStepDetails } from './action.events';

/** A step of an action, as it stands: open or done. */
export type StepState = ActionStepDetails & { id: string; status: StepStatus };
export type StepStatus = 'open' | 'done';

/** An action as added, with its current status and steps (in the order they were added); the details stay as the ActionAdded event named them. */
export type ExistingAction = Omit<ActionAdded['data'], 'actionId'> & {
  exists: true;
  id: string;
  status: ActionStatus;
  steps: StepState[];
  /** The texts of its progress notes, in order (a re-import adds a plan's status note only once). */
  progressNotes: string[];
};

export type ActionState = { exists: false } | ExistingAction;

export const initialActionState = (): ActionState => ({ exists: false });

export function evolveAction(state: ActionState, event: ActionEvent): ActionState {
  if (event.type === 'ActionAdded') {
    const { actionId, ...rest } = event.data;
    return { exists: true, id: actionId, ...rest, status: 'W', steps: [], progressNotes: [] };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ActionStarted':
      return { ...state, status: event.data.rag };
    case 'ActionRagChanged':
      return { ...state, status: event.data.to };
    case 'ActionProgressNoted':
      return { ...state, progressNotes: [...state.progressNotes, event.data.text] };
    case 'ActionTargetDateRevised':
      return { ...state, targetDate: event.data.to, targetDateText: event.data.targetDateText };
    case 'ActionOwnersReassigned':
      return { ...state, owners: event.data.to };
    case 'ActionCompleted':
      return { ...state, status: 'B' };
    case 'ActionReopened':
      return { ...state, status: event.data.rag };
    case 'ActionWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'ActionDetailsRevised':
      return { ...state, ...event.data.changes };
    case 'ActionStepAdded': {
      const { actionId: _, planId: __, stepId, ...details } = event.data;
      return { ...state, steps: [...state.steps, { id: stepId, ...details, status: 'open' }] };
    }
    case 'ActionStepCompleted':
      return withStep(state, event.data.stepId, (step) => ({ ...step, status: 'done' }));
    case 'ActionStepReopened':
      return withStep(state, event.data.stepId, (step) => ({ ...step, status: 'open' }));
    case 'ActionStepRevised':
      return withStep(state, event.data.stepId, (step) => ({ ...step, ...event.data.changes }));
    default:
      return state;
  }
}

function withStep(state: ExistingAction, stepId: string, change: (step: StepState) => StepState): ExistingAction {
  return { ...state, steps: state.steps.map((step) => (step.id === stepId ? change(step) : step)) };
}

/** "3 of 5 steps done": how many of an action's steps are done, of how many. */
export function stepsProgress(steps: ReadonlyArray<{ status: StepStatus }>): { done: number; total: number } {
  return { done: steps.filter((step) => step.status === 'done').length, total: steps.length };
}
