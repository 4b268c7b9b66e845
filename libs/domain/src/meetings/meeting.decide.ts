import { isIsoDate } from '../shared/dates';
import { NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import type { BoardState } from './board.state';
import type { MeetingDetails, MeetingEvent, OwnerReminded, PackIssued, ReminderChannel } from './meeting.events';
import type { MeetingState } from './meeting.state';
import {
  BoardNotFoundError,
  InvalidMeetingDayError,
  InvalidPackStampError,
  MeetingAlreadyExistsError,
  MeetingNotFoundError,
  MeetingTitleRequiredError,
  PackAlreadyIssuedError,
  PapersDueAfterMeetingError,
} from './meetings.errors';

/**
 * Commands are plain data. Scheduling carries the board's state (it must exist). Issuing
 * carries the stamp the handler read from the log at the moment of issue: the position of the
 * log's last event, its chain head, and the previous issued pack of the board.
 */
export type MeetingCommand =
  | { type: 'ScheduleMeeting'; data: { meetingId: string; boardId: string } & MeetingDetails; board: BoardState }
  | { type: 'RescheduleMeeting'; data: { meetingId: string; changes: Partial<MeetingDetails>; reason: string } }
  | { type: 'IssuePack'; data: Omit<PackIssued['data'], 'boardId'> }
  | { type: 'RecordReminders'; data: { meetingId: string; channel: ReminderChannel; reminded: OwnerReminded[] } };

export function decideMeeting(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  if (command.type === 'ScheduleMeeting') {
    const d = command.data;
    if (state.exists) throw new MeetingAlreadyExistsError(d.meetingId);
    if (!command.board.exists) throw new BoardNotFoundError(d.boardId);
    return [{ type: 'MeetingScheduled', data: { meetingId: d.meetingId, boardId: d.boardId, ...requireDetails(d) } }];
  }
  if (!state.exists) throw new MeetingNotFoundError(command.data.meetingId);
  const ids = { meetingId: state.id, boardId: state.boardId };
  switch (command.type) {
    case 'RescheduleMeeting': {
      const c = command.data.changes;
      const proposed = withoutUndefined({ date: c.date, title: c.title === undefined ? undefined : requireTitle(c.title), papersDueOn: c.papersDueOn });
      requireDetails({ date: proposed.date ?? state.date, papersDueOn: proposed.papersDueOn ?? state.papersDueOn, title: proposed.title ?? state.title });
      const changes = changedFields(proposed, state);
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`meeting "${state.id}"`);
      return [{ type: 'MeetingRescheduled', data: { ...ids, changes, reason: requireReason(command.data.reason, 'rescheduling the meeting') } }];
    }
    case 'IssuePack': {
      if (state.pack) throw new PackAlreadyIssuedError(state.id, state.pack.issuedAt);
      const d = command.data;
      if (!Number.isInteger(d.position) || d.position < 1) throw new InvalidPackStampError('the log holds nothing to draw it from');
      if (d.previous && d.previous.position > d.position) throw new InvalidPackStampError(`the previous pack (meeting "${d.previous.meetingId}") is later in the log`);
      return [{ type: 'PackIssued', data: { ...d, ...ids } }];
    }
    case 'RecordReminders': {
      // Never twice for the same meeting: an owner already reminded is left out; nobody left, nothing happened.
      const fresh = command.data.reminded.filter((r, i, all) => !state.reminded.includes(r.owner) && all.findIndex((o) => o.owner === r.owner) === i);
      if (fresh.length === 0) return [];
      return [{ type: 'RemindersSent', data: { ...ids, channel: command.data.channel, reminded: fresh } }];
    }
  }
}

function requireTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') throw new MeetingTitleRequiredError();
  return title.trim();
}

function requireDetails(d: MeetingDetails): MeetingDetails {
  if (!isIsoDate(d.date)) throw new InvalidMeetingDayError('date', d.date);
  if (!isIsoDate(d.papersDueOn)) throw new InvalidMeetingDayError('papersDueOn', d.papersDueOn);
  if (d.papersDueOn > d.date) throw new PapersDueAfterMeetingError(d.papersDueOn, d.date);
  return { date: d.date, title: requireTitle(d.title), papersDueOn: d.papersDueOn };
}
