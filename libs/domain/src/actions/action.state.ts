import type { ActionStatus } from '../shared/status';
import type { ActionAdded, ActionEvent } from './action.events';

/** An action as added, with its current status; the details stay as the ActionAdded event named them. */
export type ExistingAction = Omit<ActionAdded['data'], 'actionId'> & {
  exists: true;
  id: string;
  status: ActionStatus;
};

export type ActionState = { exists: false } | ExistingAction;

export const initialActionState = (): ActionState => ({ exists: false });

export function evolveAction(state: ActionState, event: ActionEvent): ActionState {
  if (event.type === 'ActionAdded') {
    const { actionId, ...rest } = event.data;
    return { exists: true, id: actionId, ...rest, status: 'W' };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ActionStarted':
      return { ...state, status: event.data.rag };
    case 'ActionRagChanged':
      return { ...state, status: event.data.to };
    case 'ActionProgressNoted':
      return state;
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
    default:
      return state;
  }
}
