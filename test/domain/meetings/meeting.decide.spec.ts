import {
  BoardNotFoundError,
  evolveBoard,
  initialBoardState,
  InvalidMeetingDayError,
  InvalidPackStampError,
  MeetingAlreadyExistsError,
  meetingDecider,
  MeetingNotFoundError,
  MeetingTitleRequiredError,
  NothingToReviseError,
  PackAlreadyIssuedError,
  PapersDueAfterMeetingError,
  ReasonRequiredError,
  type MeetingEvent,
  type OwnerReminded,
  type PackIssued,
} from '@rag-ledger/domain';
import { deciderSpec } from '../decider-spec';

const given = deciderSpec(meetingDecider);
const board = evolveBoard(initialBoardState(), {
  type: 'BoardEstablished',
  data: { boardId: 'CSIB', name: 'Improvement Board', kind: 'improvement', planIds: ['SIP'], members: [] },
});
const ids = { meetingId: 'CSIB-2014-01-21', boardId: 'CSIB' };
const scheduled: MeetingEvent = { type: 'MeetingScheduled', data: { ...ids, date: '2014-01-21', title: 'Improvement Board, January', papersDueOn: '2014-01-14' } };
const stamp: Omit<PackIssued['data'], 'boardId'> = {
  meetingId: ids.meetingId, position: 1042, head: 'a'.repeat(64), issuedAt: '2014-01-14T16:00:00.000Z', planIds: ['SIP'], measureIds: ['SIP.M.1'],
  previous: { meetingId: 'CSIB-2013-12-17', position: 990, issuedAt: '2013-12-10T16:00:00.000Z' },
};
const issued: MeetingEvent = { type: 'PackIssued', data: { ...stamp, boardId: 'CSIB' } };
const digest = (owner: string): OwnerReminded => ({ owner, email: `${owner.toLowerCase()}@norfolk.gov.uk`, overdue: ['SIP.1'], dueBeforeMeeting: [], noUpdateSincePreviousPack: [] });

describe('a meeting of a board', () => {
  describe('scheduling', () => {
    it("records the meeting of an existing board, naming it, the title trimmed", () => {
      given([])
        .when({ type: 'ScheduleMeeting', data: { ...ids, date: '2014-01-21', title: ' Improvement Board, January ', papersDueOn: '2014-01-14' }, board })
        .then(scheduled);
    });

    it('papers may be due on the day of the meeting itself', () => {
      given([])
        .when({ type: 'ScheduleMeeting', data: { ...ids, date: '2014-01-21', title: 'Extraordinary', papersDueOn: '2014-01-21' }, board })
        .then({ type: 'MeetingScheduled', data: { ...ids, date: '2014-01-21', title: 'Extraordinary', papersDueOn: '2014-01-21' } });
    });

    it('refuses a meeting already scheduled, an unknown board, a day that is not a calendar date, a blank title, and papers due after the meeting', () => {
      const schedule = (data: object, b = board) => ({ type: 'ScheduleMeeting' as const, data: { ...ids, date: '2014-01-21', title: 'January', papersDueOn: '2014-01-14', ...data }, board: b });
      given([scheduled]).when(schedule({})).thenThrows(MeetingAlreadyExistsError);
      given([]).when(schedule({}, initialBoardState())).thenThrows(BoardNotFoundError, /"CSIB"/);
      given([]).when(schedule({ date: '2014-02-30' })).thenThrows(InvalidMeetingDayError, /the meeting's day/);
      given([]).when(schedule({ papersDueOn: '14/01/2014' })).thenThrows(InvalidMeetingDayError, /the day papers are due/);
      given([]).when(schedule({ title: ' ' })).thenThrows(MeetingTitleRequiredError);
      given([]).when(schedule({ papersDueOn: '2014-01-22' })).thenThrows(PapersDueAfterMeetingError, /Papers due on 2014-01-22 would be after the meeting on 2014-01-21/);
    });
  });

  describe('rescheduling', () => {
    it('records only what changed, with the reason', () => {
      given([scheduled])
        .when({ type: 'RescheduleMeeting', data: { meetingId: ids.meetingId, changes: { date: '2014-01-28', papersDueOn: '2014-01-14' }, reason: "The Chair's diary" } })
        .then({ type: 'MeetingRescheduled', data: { ...ids, changes: { date: '2014-01-28' }, reason: "The Chair's diary" } });
    });

    it('judges the papers against the meeting as it would be after the change', () => {
      const reschedule = (changes: object, reason = 'Moved') => ({ type: 'RescheduleMeeting' as const, data: { meetingId: ids.meetingId, changes, reason } });
      given([scheduled]).when(reschedule({ date: '2014-01-10' })).thenThrows(PapersDueAfterMeetingError);
      given([scheduled]).when(reschedule({ papersDueOn: '2014-01-22' })).thenThrows(PapersDueAfterMeetingError);
      given([]).when(reschedule({ date: '2014-01-28' })).thenThrows(MeetingNotFoundError);
      given([scheduled]).when(reschedule({ date: '2014-01-21' })).thenThrows(NothingToReviseError);
      given([scheduled]).when(reschedule({ date: '2014-01-28' }, '')).thenThrows(ReasonRequiredError);
      given([scheduled]).when(reschedule({ title: ' ' })).thenThrows(MeetingTitleRequiredError);
    });
  });

  describe('issuing the pack', () => {
    it('records the stamp the handler read, naming the board', () => {
      given([scheduled]).when({ type: 'IssuePack', data: stamp }).then(issued);
    });

    it('issues once only: a second issue is PackAlreadyIssuedError (409) saying when it was issued', () => {
      given([scheduled, issued]).when({ type: 'IssuePack', data: { ...stamp, position: 2000 } }).thenThrows(PackAlreadyIssuedError, /issued at 2014-01-14T16:00:00.000Z and cannot be issued again/);
    });

    it('refuses an unknown meeting, an empty log, and a previous pack later in the log than this one', () => {
      given([]).when({ type: 'IssuePack', data: stamp }).thenThrows(MeetingNotFoundError);
      given([scheduled]).when({ type: 'IssuePack', data: { ...stamp, position: 0 } }).thenThrows(InvalidPackStampError, /nothing to draw it from/);
      given([scheduled]).when({ type: 'IssuePack', data: { ...stamp, position: 980 } }).thenThrows(InvalidPackStampError, /meeting "CSIB-2013-12-17"\) is later in the log/);
    });

    it('the first pack of a board has no previous one', () => {
      given([scheduled]).when({ type: 'IssuePack', data: { ...stamp, previous: null } }).then({ type: 'PackIssued', data: { ...stamp, previous: null, boardId: 'CSIB' } });
    });
  });

  describe('recording reminders', () => {
    it('lists who was reminded of what, each owner once', () => {
      given([scheduled])
        .when({ type: 'RecordReminders', data: { meetingId: ids.meetingId, channel: 'smtp', reminded: [digest('SS'), digest('AB'), digest('SS')] } })
        .then({ type: 'RemindersSent', data: { ...ids, channel: 'smtp', reminded: [digest('SS'), digest('AB')] } });
    });

    it('leaves out the owners already reminded for the meeting; with nobody left, nothing happened', () => {
      const first: MeetingEvent = { type: 'RemindersSent', data: { ...ids, channel: 'file', reminded: [digest('SS')] } };
      given([scheduled, first])
        .when({ type: 'RecordReminders', data: { meetingId: ids.meetingId, channel: 'smtp', reminded: [digest('SS'), digest('CM')] } })
        .then({ type: 'RemindersSent', data: { ...ids, channel: 'smtp', reminded: [digest('CM')] } });
      given([scheduled, first]).when({ type: 'RecordReminders', data: { meetingId: ids.meetingId, channel: 'smtp', reminded: [digest('SS')] } }).then([]);
      given([scheduled]).when({ type: 'RecordReminders', data: { meetingId: ids.meetingId, channel: 'smtp', reminded: [] } }).then([]);
    });

    it('refuses reminders for an unknown meeting', () => {
      given([]).when({ type: 'RecordReminders', data: { meetingId: ids.meetingId, channel: 'smtp', reminded: [digest('SS')] } }).thenThrows(MeetingNotFoundError);
    });
  });
});
