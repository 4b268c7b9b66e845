import { isIsoDate } from '../shared/dates';
import { requireReason } from '../shared/errors';
import type { BoardActionDetails, BoardActionEvent } from './board-action.events';
import type { BoardActionState } from './board-action.state';
import type { MeetingState } from './meeting.state';
import {
  BoardActionAlreadyExistsError,
  BoardActionClosedError,
  BoardActionFieldRequiredError,
  BoardActionNotFoundError,
  BoardActionResponseRequiredError,
  InvalidMeetingDayError,
  MeetingNotFoundError,
} from './meetings.errors';

/** Commands are plain data. Agreeing carries the meeting's state: it must exist, and names the board. */
export type BoardActionCommand =
  | { type: 'AgreeBoardAction'; data: { boardActionId: string; meetingId: string } & BoardActionDetails; meeting: MeetingState }
  | { type: 'RespondToBoardAction'; data: { boardActionId: string; text: string } }
  | { type: 'CloseBoardAction'; data: { boardActionId: string; reason: string } };

export function decideBoardAction(command: BoardActionCommand, state: BoardActionState): BoardActionEvent[] {
  if (command.type === 'AgreeBoardAction') {
    const d = command.data;
    if (state.exists) throw new BoardActionAlreadyExistsError(d.boardActionId);
    if (!command.meeting.exists) throw new MeetingNotFoundError(d.meetingId);
    if (!isIsoDate(d.dueOn)) throw new InvalidMeetingDayError('dueOn', d.dueOn);
    return [
      {
        type: 'BoardActionAgreed',
        data: {
          boardActionId: d.boardActionId,
          meetingId: d.meetingId,
          boardId: command.meeting.boardId,
          agendaItem: required(d.agendaItem, 'agendaItem'),
          text: required(d.text, 'text'),
          owner: required(d.owner, 'owner'),
          dueOn: d.dueOn,
        },
      },
    ];
  }
  if (!state.exists) throw new BoardActionNotFoundError(command.data.boardActionId);
  if (state.closed) throw new BoardActionClosedError(state.id);
  const ids = { boardActionId: state.id, meetingId: state.meetingId, boardId: state.boardId };
  switch (command.type) {
    case 'RespondToBoardAction': {
      const text = command.data.text;
      if (typeof text !== 'string' || text.trim() === '') throw new BoardActionResponseRequiredError();
      return [{ type: 'BoardActionResponded', data: { ...ids, text } }];
    }
    case 'CloseBoardAction':
      return [{ type: 'BoardActionClosed', data: { ...ids, reason: requireReason(command.data.reason, 'closing the board action') } }];
  }
}

/** Kept as written (the minutes' words), but not blank. */
function required(value: unknown, field: 'agendaItem' | 'text' | 'owner'): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BoardActionFieldRequiredError(field);
  return field === 'text' ? value : value.trim();
}
