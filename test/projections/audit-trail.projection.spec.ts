import { AuditTrailProjection, meetingRecordEventTypes, reasonOf, trackerEventTypes } from '@rag-ledger/projections';
import { projectionSpec } from './projection-spec';

const trail = projectionSpec(() => new AuditTrailProjection());
const base = { actionId: 'A1', planId: 'SIP' };

describe('audit trail projection: given events, then rows', () => {
  it('one row per event, with who, when, what and why (the reason, the note it came with, or the note itself)', () => {
    trail
      .given(
        { type: 'ActionStarted', data: { ...base, rag: 'G', note: 'Kick-off held' } },
        { type: 'ActionRagChanged', data: { ...base, from: 'G', to: 'R', reason: 'No facilitators' } },
        { type: 'ActionProgressNoted', data: { ...base, text: 'Interviews next week' } },
        { type: 'ActionCompleted', data: { ...base, from: 'R' } },
        { type: 'MeasureComparatorRecorded', data: { measureId: 'M1', planId: 'SIP', period: '2014', comparator: 'national', value: 80 } },
      )
      .then('SELECT position, stream_id, type, at, actor_id, plan_id, action_id, measure_id, reason, correlation_id FROM audit_trail.audit_events ORDER BY position', [
        { position: 1, stream_id: 'action-A1', type: 'ActionStarted', at: '2013-11-01T09:00:00.000Z', actor_id: 'ab', plan_id: 'SIP', action_id: 'A1', measure_id: null, reason: 'Kick-off held', correlation_id: 'request-0' },
        { position: 2, stream_id: 'action-A1', type: 'ActionRagChanged', at: '2013-11-01T09:01:00.000Z', actor_id: 'ab', plan_id: 'SIP', action_id: 'A1', measure_id: null, reason: 'No facilitators', correlation_id: 'request-1' },
        { position: 3, stream_id: 'action-A1', type: 'ActionProgressNoted', at: '2013-11-01T09:02:00.000Z', actor_id: 'ab', plan_id: 'SIP', action_id: 'A1', measure_id: null, reason: 'Interviews next week', correlation_id: 'request-2' },
        { position: 4, stream_id: 'action-A1', type: 'ActionCompleted', at: '2013-11-01T09:03:00.000Z', actor_id: 'ab', plan_id: 'SIP', action_id: 'A1', measure_id: null, reason: null, correlation_id: 'request-3' },
        { position: 5, stream_id: 'measure-M1', type: 'MeasureComparatorRecorded', at: '2013-11-01T09:04:00.000Z', actor_id: 'ab', plan_id: 'SIP', action_id: null, measure_id: 'M1', reason: null, correlation_id: 'request-4' },
      ]);
  });

  it('reads every event type of the plans, actions and measures, and gives a reason only as text', () => {
    expect(new AuditTrailProjection().handles).toEqual([...trackerEventTypes, ...meetingRecordEventTypes]);
    expect(trackerEventTypes).toHaveLength(43);
    // The boards', meetings' and board actions' own (issue 20): who issued which pack, who agreed what, who was reminded.
    expect(meetingRecordEventTypes).toHaveLength(9);
    const ids = { boardActionId: 'CSIB-2014-01-21.1', meetingId: 'CSIB-2014-01-21', boardId: 'CSIB' };
    expect(reasonOf({ type: 'BoardActionClosed', data: { ...ids, reason: 'Accepted by the board' } })).toBe('Accepted by the board');
    expect(reasonOf({ type: 'BoardActionResponded', data: { ...ids, text: 'Circulated with the minutes' } })).toBe('Circulated with the minutes');
    expect(reasonOf({ type: 'MeetingRescheduled', data: { meetingId: 'M', boardId: 'CSIB', changes: { date: '2014-01-28' }, reason: "The Chair's diary" } })).toBe("The Chair's diary");
    // A school right's reason is the grant's, as for any right (issue 19).
    expect(reasonOf({ type: 'SchoolRightGranted', data: { personId: 'jh', role: 'school', urn: '121212', reason: 'Headteacher of Ashwell Primary' } })).toBe('Headteacher of Ashwell Primary');
    // A prediction's reason is what it rests on (issue 19).
    expect(reasonOf({ type: 'MeasurePredictionRecorded', data: { measureId: 'EDU.M.2.2', planId: 'EDU', period: '2013-12', value: 67, reason: 'LA risk analysis' } })).toBe('LA risk analysis');
    expect(reasonOf({ type: 'MeasurePredictionRecorded', data: { measureId: 'EDU.M.2.2', planId: 'EDU', period: '2013-12', value: 67 } })).toBeNull();
    // An older writer's number where a reason belongs is not a reason.
    expect(reasonOf({ type: 'ActionWithdrawn', data: { ...base, from: 'G', reason: 42 as unknown as string } })).toBeNull();
  });
});
