/**
 * A board's meetings: scheduled with a date and a papers due date; the pack issued for the
 * meeting (frozen at the log position and chain head of its issue); the reminders sent to
 * owners before it. One stream per meeting, `meeting-<meetingId>`; the events name the board.
 */
import type { ReminderChannel } from '@rag-ledger/contract';

export { REMINDER_CHANNELS, type ReminderChannel } from '@rag-ledger/contract';

export interface MeetingDetails {
  /** The day of the meeting, YYYY-MM-DD (a UK calendar day). */
  date: string;
  title: string;
  /** The day papers are due, YYYY-MM-DD, on or before the meeting's day. */
  papersDueOn: string;
}

export interface MeetingScheduled {
  type: 'MeetingScheduled';
  data: { meetingId: string; boardId: string } & MeetingDetails;
}

export interface MeetingRescheduled {
  type: 'MeetingRescheduled';
  data: { meetingId: string; boardId: string; changes: Partial<MeetingDetails>; reason: string };
}

/** The previous issued pack of the same board: this pack's changes are those after its position. */
export interface PreviousPack {
  meetingId: string;
  position: number;
  issuedAt: string;
}

/**
 * The meeting's pack was issued: frozen at this log position (the last event of the log when it
 * was issued) and its chain head. The pack shown for the meeting later is drawn from the log up
 * to this position, so it stays what the meeting saw.
 */
export interface PackIssued {
  type: 'PackIssued';
  data: {
    meetingId: string;
    boardId: string;
    position: number;
    /** The hash-chain head at the position; null on a store that keeps no chain. */
    head: string | null;
    issuedAt: string;
    planIds: string[];
    measureIds: string[];
    previous: PreviousPack | null;
  };
}

/** One owner's digest before the meeting: the actions it named, by why. */
export interface OwnerReminded {
  owner: string;
  email: string | null;
  overdue: string[];
  dueBeforeMeeting: string[];
  noUpdateSincePreviousPack: string[];
  /** With channel 'file': the digest's file, relative to the data directory. */
  file?: string;
}

/** Owners were reminded before the meeting (by e-mail, or by a file when no SMTP server is set): so an auditor can see who was chased, and when. */
export interface RemindersSent {
  type: 'RemindersSent';
  data: { meetingId: string; boardId: string; channel: ReminderChannel; reminded: OwnerReminded[] };
}

export type MeetingEvent = MeetingScheduled | MeetingRescheduled | PackIssued | RemindersSent;
