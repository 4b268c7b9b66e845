import type { ActionStatus } from '../shared/status';
import type { ActionEvent } from './action.events';

export interface ExistingAction {
  exists: true;
  id: string;
  planId: string;
  workstreamId: string;
  ref?: string;
  title: string;
  owners: string[];
  enablingTeams: string[];
  targetDate?: string;
  targetDateText?: string;
  measures?: string;
  links: string[];
  status: ActionStatus;
}

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
      return { ...state, targetDate: event.data.to, targetDateText: undefined };
    case 'ActionOwnersReassigned':
      return { ...state, owners: event.data.to };
    case 'ActionCompleted':
      return { ...state, status: 'B' };
    case 'ActionReopened':
      return { ...state, status: event.data.rag };
    case 'ActionWithdrawn':
      return { ...state, status: 'withdrawn' };
    default:
      return state;
  }
}
