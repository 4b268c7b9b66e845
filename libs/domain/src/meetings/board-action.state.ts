import type { BoardActionDetails, BoardActionEvent } from './board-action.events';

export type ExistingBoardAction = BoardActionDetails & {
  exists: true;
  id: string;
  meetingId: string;
  boardId: string;
  responses: number;
  closed: boolean;
};

export type BoardActionState = { exists: false } | ExistingBoardAction;

export const initialBoardActionState = (): BoardActionState => ({ exists: false });

export function evolveBoardAction(state: BoardActionState, event: BoardActionEvent): BoardActionState {
  if (event.type === 'BoardActionAgreed') {
    const { boardActionId, ...rest } = event.data;
    return { exists: true, id: boardActionId, ...rest, responses: 0, closed: false };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'BoardActionResponded':
      return { ...state, responses: state.responses + 1 };
    case 'BoardActionClosed':
      return { ...state, closed: true };
    default:
      return state;
  }
}

/** Open and its due day has passed on the day (YYYY-MM-DD): overdue, as an action past its target date. */
export const isBoardActionOverdueOn = (action: { dueOn: string; closed: boolean }, day: string): boolean => !action.closed && action.dueOn < day;
