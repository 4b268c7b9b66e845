import {
  evolveMilestone,
  evolvePlan,
  IdOfAnotherPlanError,
  initialMilestoneState,
  initialPlanState,
  InvalidMilestoneDateError,
  InvalidMilestoneOutcomeError,
  isMilestoneUnassessedOn,
  MilestoneAlreadyExistsError,
  milestoneDecider,
  MilestoneNotFoundError,
  MilestoneTextRequiredError,
  NothingToReviseError,
  PlanNotFoundError,
  ReasonRequiredError,
  WorkstreamNotInPlanError,
  type ExistingMilestone,
  type MilestoneCommand,
  type MilestoneEvent,
  type MilestoneOutcome,
  type PlanEvent,
  type PlanState,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(milestoneDecider);

// ---------------------------------------------------------------------------
// Norfolk school-improvement plan: plan EDU, priority 2 as work-stream EDU.P2
// ---------------------------------------------------------------------------

const planEvents: PlanEvent[] = [
  { type: 'PlanCreated', data: { planId: 'EDU', kind: 'education', title: 'A good school for every Norfolk learner' } },
  { type: 'WorkstreamAdded', data: { planId: 'EDU', workstreamId: 'EDU.P2', title: 'Priority 2: leadership and governance' } },
];
const edu: PlanState = planEvents.reduce(evolvePlan, initialPlanState());

const milestoneId = 'EDU.M1';
const planId = 'EDU';
const ids = { milestoneId, planId };
const text = 'Every Chair of Governors and headteacher knows whether it is a school causing concern';

type SetData = Extract<MilestoneCommand, { type: 'SetMilestone' }>['data'];
const setCommand = (overrides: Partial<SetData> = {}, plan: PlanState = edu, plansPrefixingId?: string[]): MilestoneCommand => ({
  type: 'SetMilestone',
  plan,
  plansPrefixingId,
  data: { ...ids, workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text, refs: ['2'], ...overrides },
});

const set: MilestoneEvent = {
  type: 'MilestoneSet',
  data: { ...ids, workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013', text, refs: ['2'] },
};
const assessed = (outcome: MilestoneOutcome, reason = 'Reviewed at the October board'): MilestoneEvent => ({
  type: 'MilestoneAssessed',
  data: { ...ids, outcome, reason },
});
const revise = (changes: Record<string, unknown>, reason = 'Agreed at the board'): MilestoneCommand => ({
  type: 'ReviseMilestone',
  plan: edu,
  data: { milestoneId, changes, reason },
});
const assess = (outcome: string, reason = 'Reviewed at the October board'): MilestoneCommand => ({
  type: 'AssessMilestone',
  data: { milestoneId, outcome: outcome as MilestoneOutcome, reason },
});

const stateAfter = (events: MilestoneEvent[]) => events.reduce(evolveMilestone, initialMilestoneState()) as ExistingMilestone;

describe('milestone decider', () => {
  describe('SetMilestone', () => {
    it('sets a milestone on a work-stream, with its printed date and refs', () => {
      given([]).when(setCommand()).then(set);
      expect(stateAfter([set])).toMatchObject({ exists: true, id: milestoneId, planId, workstreamId: 'EDU.P2', date: '2013-09-30', refs: ['2'] });
    });

    it('sets a plan-level milestone (no work-stream) under a heading, with no refs when none are given', () => {
      given([])
        .when(setCommand({ workstreamId: undefined, refs: undefined, dateText: undefined, group: 'Board Review' }))
        .then({ type: 'MilestoneSet', data: { ...ids, date: '2013-09-30', text, refs: [], group: 'Board Review' } });
    });

    it('trims the refs and drops blanks and repeats', () => {
      given([])
        .when(setCommand({ refs: [' 2 ', '2', '', '   ', 'EDU.P2.1'] }))
        .then({ type: 'MilestoneSet', data: { ...set.data, refs: ['2', 'EDU.P2.1'] } } as MilestoneEvent);
    });

    it('refuses a plan that does not exist', () => {
      given([]).when(setCommand({}, initialPlanState())).thenThrows(PlanNotFoundError, /"EDU"/);
    });

    it('refuses a work-stream the plan does not have', () => {
      given([]).when(setCommand({ workstreamId: 'EDU.P9' })).thenThrows(WorkstreamNotInPlanError, /"EDU\.P9"/);
    });

    it("refuses an id that belongs to another plan", () => {
      given([])
        .when(setCommand({ milestoneId: 'SG.M1' }, edu, ['SG']))
        .thenThrows(IdOfAnotherPlanError, /milestone id "SG\.M1" belongs to plan SG/);
    });

    it("accepts an id under the plan's own prefix", () => {
      given([])
        .when(setCommand({ milestoneId: 'EDU.M7' }, edu, ['EDU']))
        .then({ type: 'MilestoneSet', data: { ...set.data, milestoneId: 'EDU.M7' } } as MilestoneEvent);
    });

    it.each(['Sept 2013', '2013-09-31', '2013-9-30', ''])('refuses the date %j, which is not a calendar day', (date) => {
      given([]).when(setCommand({ date })).thenThrows(InvalidMilestoneDateError, /YYYY-MM-DD/);
    });

    it.each(['', '   ', '\n'])('refuses a blank statement (%j)', (blank) => {
      given([]).when(setCommand({ text: blank })).thenThrows(MilestoneTextRequiredError, /statement/);
    });

    it('refuses an id that already exists', () => {
      given([set]).when(setCommand()).thenThrows(MilestoneAlreadyExistsError, /"EDU\.M1"/);
    });
  });

  describe('ReviseMilestone', () => {
    it('records only what changes, with the reason', () => {
      given([set])
        .when(revise({ date: '2013-12-31', dateText: 'By Dec 2013', text, refs: ['2'] }))
        .then({ type: 'MilestoneRevised', data: { ...ids, changes: { date: '2013-12-31', dateText: 'By Dec 2013' }, reason: 'Agreed at the board' } });
    });

    it('cleans the refs before comparing them', () => {
      given([set])
        .when(revise({ refs: [' 2', '3', '3'] }))
        .then({ type: 'MilestoneRevised', data: { ...ids, changes: { refs: ['2', '3'] }, reason: 'Agreed at the board' } });
    });

    it('the revision stands in the state', () => {
      const revised: MilestoneEvent = { type: 'MilestoneRevised', data: { ...ids, changes: { text: 'Every chair knows', refs: ['2', '3'] }, reason: 'x' } };
      expect(stateAfter([set, revised])).toMatchObject({ text: 'Every chair knows', refs: ['2', '3'], date: '2013-09-30' });
    });

    it('refuses a revision that changes nothing', () => {
      given([set]).when(revise({ date: '2013-09-30', text })).thenThrows(NothingToReviseError, /milestone "EDU\.M1"/);
      given([set]).when(revise({})).thenThrows(NothingToReviseError);
    });

    it.each(['', '  '])('requires a reason (%j)', (reason) => {
      given([set]).when(revise({ date: '2013-12-31' }, reason)).thenThrows(ReasonRequiredError, /reason for revising the milestone/);
    });

    it('refuses a date that is not a calendar day, a blank statement, a work-stream not in the plan', () => {
      given([set]).when(revise({ date: 'Dec 2013' })).thenThrows(InvalidMilestoneDateError);
      given([set]).when(revise({ text: ' ' })).thenThrows(MilestoneTextRequiredError);
      given([set]).when(revise({ workstreamId: 'EDU.P9' })).thenThrows(WorkstreamNotInPlanError, /"EDU\.P9"/);
    });
  });

  describe('AssessMilestone', () => {
    it.each(['met', 'partly-met', 'not-met'] as const)('records the outcome %s with its reason', (outcome) => {
      given([set]).when(assess(outcome)).then(assessed(outcome));
      expect(stateAfter([set, assessed(outcome)]).assessment).toEqual({ outcome, reason: 'Reviewed at the October board' });
    });

    it.each(['Met', 'partly met', 'G', ''])('refuses the outcome %j', (outcome) => {
      given([set]).when(assess(outcome)).thenThrows(InvalidMilestoneOutcomeError, /"met", "partly-met", "not-met"/);
    });

    it.each(['', '  '])('requires a reason (%j)', (reason) => {
      given([set]).when(assess('met', reason)).thenThrows(ReasonRequiredError, /assessment of the milestone/);
    });

    it('allows a second assessment, which stands in place of the first', () => {
      given([set, assessed('not-met')]).when(assess('met', 'Every school told by November')).then(assessed('met', 'Every school told by November'));
      const state = stateAfter([set, assessed('not-met'), assessed('met', 'Every school told by November')]);
      expect(state.assessment).toEqual({ outcome: 'met', reason: 'Every school told by November' });
    });
  });

  describe('a milestone that does not exist', () => {
    it.each([
      ['ReviseMilestone', revise({ date: '2013-12-31' })],
      ['AssessMilestone', assess('met')],
    ])('refuses %s', (_name, command) => {
      given([]).when(command).thenThrows(MilestoneNotFoundError, /no milestone with id "EDU\.M1"/);
    });
  });

  describe('isMilestoneUnassessedOn', () => {
    it('is due from the day after its date, until it is assessed', () => {
      const milestone = stateAfter([set]);
      expect(isMilestoneUnassessedOn(milestone, '2013-09-30')).toBe(false);
      expect(isMilestoneUnassessedOn(milestone, '2013-10-01')).toBe(true);
      expect(isMilestoneUnassessedOn(stateAfter([set, assessed('not-met')]), '2013-10-01')).toBe(false);
    });
  });
});
