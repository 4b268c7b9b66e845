import type { MeetingDetails, MeetingEvent, PackIssued } from './meeting.events';

export type ExistingMeeting = MeetingDetails & {
  exists: true;
  id: string;
  boardId: string;
  /** Null until the pack is issued (once only). */
  pack: PackIssued['data'] | null;
  /** The owners reminded before it: none is reminded twice for the same meeting. */
  reminded: string[];
};

export type MeetingState = { exists: false } | ExistingMeeting;

export const initialMeetingState = (): MeetingState => ({ exists: false });

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const { meetingId, ...rest } = event.data;
    return { exists: true, id: meetingId, ...rest, pack: null, reminded: [] };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MeetingRescheduled':
      return { ...state, ...event.data.changes };
    case 'PackIssued':
      return { ...state, pack: event.data };
    case 'RemindersSent':
      return { ...state, reminded: [...state.reminded, ...event.data.reminded.map((r) => r.owner)] };
    default:
      return state;
  }
}
