import {
  planDecider,
  decidePlan,
  evolvePlan,
  initialPlanState,
  PlanAlreadyExistsError,
  PlanNotFoundError,
  PlanPeriodInvalidError,
  WorkstreamAlreadyExistsError,
  type PlanCreated,
  type WorkstreamAdded,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(planDecider);

const sipCreated: PlanCreated = {
  type: 'PlanCreated',
  data: {
    planId: 'SIP',
    kind: 'strategic',
    title: "Norfolk Children's Services Strategic Improvement Plan",
    board: "Norfolk Children's Services Improvement Board",
    version: 'v1.3',
    periodStart: '2013-09-01',
    periodEnd: '2014-09-30',
  },
};

const practiceStandards: WorkstreamAdded = {
  type: 'WorkstreamAdded',
  data: {
    planId: 'SIP',
    workstreamId: 'SIP.PS',
    title: 'Practice standards',
    accountable: 'Director of Children’s Services',
    outcome: 'Children receive a consistently good social work service',
  },
};

describe('plan decider', () => {
  describe('CreatePlan', () => {
    it('creates a plan that does not exist yet', () => {
      given([])
        .when({ type: 'CreatePlan', data: sipCreated.data })
        .then({ type: 'PlanCreated', data: sipCreated.data });
    });

    it('creates a plan with only the required fields', () => {
      given([])
        .when({
          type: 'CreatePlan',
          data: {
            planId: 'LAC',
            kind: 'lac',
            title: 'Looked After Children Improvement Plan',
            board: undefined,
            version: undefined,
            periodStart: undefined,
            periodEnd: undefined,
          },
        })
        .then({ type: 'PlanCreated', data: { planId: 'LAC', kind: 'lac', title: 'Looked After Children Improvement Plan' } });
    });

    // toEqual ignores undefined properties, so check the keys themselves.
    it('drops optional fields given as undefined from the event', () => {
      const event = decidePlan(
        { type: 'CreatePlan', data: { planId: 'LAC', kind: 'lac', title: 'LAC plan', board: undefined, periodEnd: undefined } },
        initialPlanState(),
      );
      expect(Object.keys(event.data).sort()).toEqual(['kind', 'planId', 'title']);
    });

    it('refuses to create a plan that already exists', () => {
      given([sipCreated])
        .when({ type: 'CreatePlan', data: sipCreated.data })
        .thenThrows(PlanAlreadyExistsError, /"SIP" already exists/);
    });

    it('refuses a period that ends before it starts', () => {
      given([])
        .when({ type: 'CreatePlan', data: { ...sipCreated.data, periodStart: '2014-09-30', periodEnd: '2013-09-01' } })
        .thenThrows(PlanPeriodInvalidError, /2013-09-01.*2014-09-30/);
    });

    it('accepts a period that starts and ends on the same day', () => {
      const data = { ...sipCreated.data, periodStart: '2014-03-31', periodEnd: '2014-03-31' };
      given([]).when({ type: 'CreatePlan', data }).then({ type: 'PlanCreated', data });
    });
  });

  describe('AddWorkstream', () => {
    it('adds a work-stream to an existing plan', () => {
      given([sipCreated])
        .when({ type: 'AddWorkstream', data: practiceStandards.data })
        .then({ type: 'WorkstreamAdded', data: practiceStandards.data });
    });

    it('adds a work-stream with only the required fields', () => {
      given([sipCreated])
        .when({
          type: 'AddWorkstream',
          data: { planId: 'SIP', workstreamId: 'SIP.QA', title: 'Quality assurance', responsible: undefined, outcome: undefined },
        })
        .then({ type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.QA', title: 'Quality assurance' } });
    });

    it('drops optional fields given as undefined from the event', () => {
      const state = [sipCreated].reduce(evolvePlan, initialPlanState());
      const event = decidePlan(
        { type: 'AddWorkstream', data: { planId: 'SIP', workstreamId: 'SIP.QA', title: 'Quality assurance', responsible: undefined } },
        state,
      );
      expect(Object.keys(event.data).sort()).toEqual(['planId', 'title', 'workstreamId']);
    });

    it('refuses a work-stream for a plan that does not exist', () => {
      given([])
        .when({ type: 'AddWorkstream', data: practiceStandards.data })
        .thenThrows(PlanNotFoundError, /"SIP"/);
    });

    it('refuses a work-stream the plan already has', () => {
      given([sipCreated, practiceStandards])
        .when({ type: 'AddWorkstream', data: { ...practiceStandards.data, title: 'Practice standards (again)' } })
        .thenThrows(WorkstreamAlreadyExistsError, /"SIP\.PS"/);
    });
  });
});
