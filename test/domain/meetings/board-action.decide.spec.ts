import {
  BoardActionAlreadyExistsError,
  BoardActionClosedError,
  boardActionDecider,
  BoardActionFieldRequiredError,
  BoardActionNotFoundError,
  BoardActionResponseRequiredError,
  evolveMeeting,
  initialMeetingState,
  InvalidMeetingDayError,
  isBoardActionOverdueOn,
  MeetingNotFoundError,
  ReasonRequiredError,
  type BoardActionEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from '../decider-spec';

const given = deciderSpec(boardActionDecider);
const meeting = evolveMeeting(initialMeetingState(), {
  type: 'MeetingScheduled',
  data: { meetingId: 'CSIB-2014-01-21', boardId: 'CSIB', date: '2014-01-21', title: 'Improvement Board, January', papersDueOn: '2014-01-14' },
});
const ids = { boardActionId: 'CSIB-2014-01-21.1', meetingId: 'CSIB-2014-01-21', boardId: 'CSIB' };
const AGREED = 'It was agreed that the accurate figure would be circulated with the minutes';
const agreed: BoardActionEvent = { type: 'BoardActionAgreed', data: { ...ids, agendaItem: '4. Performance report', text: AGREED, owner: 'SS', dueOn: '2014-02-18' } };
const closed: BoardActionEvent = { type: 'BoardActionClosed', data: { ...ids, reason: 'Accepted at the February board' } };

describe("the board's action log", () => {
  describe('agreeing', () => {
    it('records what the meeting agreed, naming its board; agenda item and owner trimmed, the minutes kept as written', () => {
      given([])
        .when({ type: 'AgreeBoardAction', data: { boardActionId: ids.boardActionId, meetingId: ids.meetingId, agendaItem: ' 4. Performance report ', text: AGREED, owner: ' SS ', dueOn: '2014-02-18' }, meeting })
        .then(agreed);
    });

    it('refuses one already agreed, an unknown meeting, a due day that is not a date, and each blank field', () => {
      const agree = (data: object, m = meeting) => ({
        type: 'AgreeBoardAction' as const,
        data: { boardActionId: ids.boardActionId, meetingId: ids.meetingId, agendaItem: '4', text: AGREED, owner: 'SS', dueOn: '2014-02-18', ...data },
        meeting: m,
      });
      given([agreed]).when(agree({})).thenThrows(BoardActionAlreadyExistsError);
      given([]).when(agree({}, initialMeetingState())).thenThrows(MeetingNotFoundError);
      given([]).when(agree({ dueOn: '2014-02-30' })).thenThrows(InvalidMeetingDayError, /the day it is due/);
      given([]).when(agree({ agendaItem: ' ' })).thenThrows(BoardActionFieldRequiredError, /agenda item/);
      given([]).when(agree({ text: '' })).thenThrows(BoardActionFieldRequiredError, /what was agreed/);
      given([]).when(agree({ owner: '  ' })).thenThrows(BoardActionFieldRequiredError, /who is to do it/);
    });
  });

  describe('responding and closing', () => {
    it('records each response, and the closure with its reason', () => {
      given([agreed]).when({ type: 'RespondToBoardAction', data: { boardActionId: ids.boardActionId, text: 'Circulated on 24 January' } })
        .then({ type: 'BoardActionResponded', data: { ...ids, text: 'Circulated on 24 January' } });
      given([agreed, { type: 'BoardActionResponded', data: { ...ids, text: 'Circulated' } }])
        .when({ type: 'CloseBoardAction', data: { boardActionId: ids.boardActionId, reason: 'Accepted at the February board' } })
        .then(closed);
    });

    it('refuses an unknown board action, a blank response or reason, and anything once closed (409)', () => {
      given([]).when({ type: 'RespondToBoardAction', data: { boardActionId: 'NOPE', text: 'x' } }).thenThrows(BoardActionNotFoundError, /"NOPE"/);
      given([agreed]).when({ type: 'RespondToBoardAction', data: { boardActionId: ids.boardActionId, text: ' ' } }).thenThrows(BoardActionResponseRequiredError);
      given([agreed]).when({ type: 'CloseBoardAction', data: { boardActionId: ids.boardActionId, reason: '' } }).thenThrows(ReasonRequiredError);
      given([agreed, closed]).when({ type: 'RespondToBoardAction', data: { boardActionId: ids.boardActionId, text: 'Late news' } }).thenThrows(BoardActionClosedError, /is closed/);
      given([agreed, closed]).when({ type: 'CloseBoardAction', data: { boardActionId: ids.boardActionId, reason: 'Again' } }).thenThrows(BoardActionClosedError);
    });
  });

  it('is overdue when open and its due day has passed on the day judged, never once closed', () => {
    expect(isBoardActionOverdueOn({ dueOn: '2014-02-18', closed: false }, '2014-02-18')).toBe(false);
    expect(isBoardActionOverdueOn({ dueOn: '2014-02-18', closed: false }, '2014-02-19')).toBe(true);
    expect(isBoardActionOverdueOn({ dueOn: '2014-02-18', closed: true }, '2014-03-01')).toBe(false);
  });
});
