import type { Decider } from '../shared/decider';
import { boardActionStream, boardStream, meetingStream } from '../shared/streams';
import { decideBoardAction, type BoardActionCommand } from './board-action.decide';
import type { BoardActionEvent } from './board-action.events';
import { evolveBoardAction, initialBoardActionState, type BoardActionState } from './board-action.state';
import { decideBoard, type BoardCommand } from './board.decide';
import type { BoardEvent } from './board.events';
import { evolveBoard, initialBoardState, type BoardState } from './board.state';
import { decideMeeting, type MeetingCommand } from './meeting.decide';
import type { MeetingEvent } from './meeting.events';
import { evolveMeeting, initialMeetingState, type MeetingState } from './meeting.state';

/** One board that meets, in the stream `board-<boardId>`. */
export const boardDecider: Decider<BoardState, BoardCommand, BoardEvent> = {
  decide: decideBoard,
  evolve: evolveBoard,
  initialState: initialBoardState,
  streamOf: boardStream,
};

/** One meeting of a board, in the stream `meeting-<meetingId>`. */
export const meetingDecider: Decider<MeetingState, MeetingCommand, MeetingEvent> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
  streamOf: meetingStream,
};

/** One action of a board's action log, in the stream `boardaction-<boardActionId>`. */
export const boardActionDecider: Decider<BoardActionState, BoardActionCommand, BoardActionEvent> = {
  decide: decideBoardAction,
  evolve: evolveBoardAction,
  initialState: initialBoardActionState,
  streamOf: boardActionStream,
};
