import type { BoardDetails, BoardEvent } from './board.events';

export type ExistingBoard = BoardDetails & { exists: true; id: string };
export type BoardState = { exists: false } | ExistingBoard;

export const initialBoardState = (): BoardState => ({ exists: false });

export function evolveBoard(state: BoardState, event: BoardEvent): BoardState {
  switch (event.type) {
    case 'BoardEstablished': {
      const { boardId, ...details } = event.data;
      return { exists: true, id: boardId, ...details };
    }
    case 'BoardRevised':
      return state.exists ? { ...state, ...event.data.changes } : state;
    default:
      return state;
  }
}
