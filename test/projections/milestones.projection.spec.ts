import type { Actor } from '@rag-ledger/domain';
import { MilestonesProjection, MilestonesQueries } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

/** The milestones' rows (milestone-rows.ts) and their reads (milestones.queries.ts), given events. */
const milestones = projectionSpec(() => new MilestonesProjection());

const CHAIR: Actor = { id: 'chair', name: 'Independent Chair', role: 'board' };
const base = { milestoneId: 'EDU.M1', planId: 'EDU' };
const set: GivenEvent = {
  type: 'MilestoneSet',
  data: { ...base, workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text: 'Every chair of governors knows', refs: ['2'] },
};
const planLevel: GivenEvent = { type: 'MilestoneSet', data: { milestoneId: 'EDU.M2', planId: 'EDU', date: '2013-09-30', text: 'The board reviews the plan', refs: [], group: 'Board Review' } };
const otherPlan: GivenEvent = { type: 'MilestoneSet', data: { milestoneId: 'SIP.M1', planId: 'SIP', date: '2013-08-31', text: 'The MASH is staffed', refs: [] } };

describe('milestones projection: given events, then rows', () => {
  it('keeps the latest assessment with who made it and when, a revision keeps it, and every version stays', () => {
    const given = milestones.given(
      set,
      { type: 'MilestoneAssessed', data: { ...base, outcome: 'partly-met', reason: 'Two chairs not told' }, actor: CHAIR, at: '2013-10-17T10:00:00.000Z' },
      { type: 'MilestoneAssessed', data: { ...base, outcome: 'met', reason: 'All told' }, actor: CHAIR, at: '2013-11-05T10:00:00.000Z' },
      { type: 'MilestoneRevised', data: { ...base, changes: { date: '2013-10-31', refs: ['2', '3'] }, reason: 'Agreed at board' }, at: '2013-11-06T10:00:00.000Z' },
    );
    const [row] = given.db.prepare('SELECT id, plan_id, workstream_id, date, assessment, last_changed_at, revision, seq FROM milestones').all() as Array<Record<string, unknown>>;
    expect({ ...row, assessment: JSON.parse(row.assessment as string) }).toEqual({
      id: 'EDU.M1', plan_id: 'EDU', workstream_id: 'EDU.P2', date: '2013-10-31',
      assessment: { outcome: 'met', reason: 'All told', at: '2013-11-05T10:00:00.000Z', by: CHAIR },
      last_changed_at: '2013-11-06T10:00:00.000Z', revision: 3, seq: 1,
    });
    given.then('SELECT valid_from, date, json_extract(assessment, \'$.outcome\') AS outcome FROM milestones_versions ORDER BY position', [
      { valid_from: '2013-11-01T09:00:00.000Z', date: '2013-09-30', outcome: null },
      { valid_from: '2013-10-17T10:00:00.000Z', date: '2013-09-30', outcome: 'partly-met' },
      { valid_from: '2013-11-05T10:00:00.000Z', date: '2013-09-30', outcome: 'met' },
      { valid_from: '2013-11-06T10:00:00.000Z', date: '2013-10-31', outcome: 'met' },
    ]);
  });

  it('a revision or an assessment of a milestone it never saw set leaves no row', () => {
    milestones
      .given(
        { type: 'MilestoneRevised', data: { ...base, changes: { date: '2013-10-31' }, reason: 'x' } },
        { type: 'MilestoneAssessed', data: { ...base, outcome: 'met', reason: 'x' } },
      )
      .then('SELECT id FROM milestones', []);
  });

  it('reads a plan’s milestones by date then id, due and unassessed on the read’s day, now and as they stood', () => {
    const given = milestones.given(
      { ...set, at: '2013-09-02T09:00:00.000Z' },
      { ...planLevel, at: '2013-09-02T09:01:00.000Z' },
      { ...otherPlan, at: '2013-09-02T09:02:00.000Z' },
      { type: 'MilestoneAssessed', data: { ...base, outcome: 'not-met', reason: 'None told' }, actor: CHAIR, at: '2013-10-17T10:00:00.000Z' },
    );
    const queries = new MilestonesQueries(given.db);
    const now = { day: '2013-10-20' };
    expect(queries.planMilestones('EDU', now).map((m) => [m.id, m.due, m.unassessed, m.assessment?.outcome ?? null])).toEqual([
      ['EDU.M1', true, false, 'not-met'],
      ['EDU.M2', true, true, null],
    ]);
    expect(queries.getMilestone('EDU.M2', now)).toEqual({
      id: 'EDU.M2', planId: 'EDU', workstreamId: null, date: '2013-09-30', dateText: null, text: 'The board reviews the plan', refs: [], group: 'Board Review',
      assessment: null, due: true, unassessed: true, lastChangedAt: '2013-09-02T09:01:00.000Z', revision: 0,
    });
    // On its own day a milestone is not yet due.
    expect(queries.planMilestones('EDU', { day: '2013-09-30' }).map((m) => m.due)).toEqual([false, false]);
    // As it stood before the assessment: both unassessed, and the other plan's too when none is named.
    const before = { asOf: '2013-10-01T12:00:00.000Z', day: '2013-10-01' };
    expect(queries.unassessed('EDU', before).map((m) => m.id)).toEqual(['EDU.M1', 'EDU.M2']);
    expect(queries.unassessed(undefined, before).map((m) => m.id)).toEqual(['SIP.M1', 'EDU.M1', 'EDU.M2']);
    expect(queries.unassessed(undefined, now).map((m) => m.id)).toEqual(['SIP.M1', 'EDU.M2']);
    expect(queries.getMilestone('EDU.M1', { asOf: '2013-10-31T09:00:00.000Z', day: '2013-10-31' })?.assessment).toEqual({ outcome: 'not-met', reason: 'None told', at: '2013-10-17T10:00:00.000Z', by: CHAIR });
    expect(queries.getMilestone('EDU.M1', { asOf: '2013-10-31T09:00:00.000Z', day: '2013-10-31' })).toMatchObject({ revision: 1 });
    expect(queries.planMilestones('EDU', { asOf: '2013-10-31T08:00:00.000Z', day: '2013-10-31' })).toHaveLength(2);
    expect(queries.planMilestones('EDU', { asOf: '2013-09-02T09:00:30.000Z', day: '2013-09-02' }).map((m) => m.id)).toEqual(['EDU.M1']);
    expect(queries.planMilestones('EDU', { asOf: '2013-09-01T09:00:00.000Z', day: '2013-09-01' })).toEqual([]);
    expect(queries.countOfPlan('EDU')).toBe(2);
    given.db.close();
  });
});
