import {
  measureDecider,
  directionOfTravel,
  evolveMeasure,
  evolvePlan,
  initialMeasureState,
  initialPlanState,
  InvalidPeriodError,
  judgeMeasure,
  judgeValue,
  MEASURE_RAG_RULE,
  MeasureAlreadyExistsError,
  MeasureNotFoundError,
  NothingToReviseError,
  NoValueToReviseError,
  PlanNotFoundError,
  ReasonRequiredError,
  ValueAlreadyRecordedError,
  WorkstreamNotInPlanError,
  type ExistingMeasure,
  type MeasureEvent,
  type PlanEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(measureDecider);

const plan = ([
  { type: 'PlanCreated', data: { planId: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' } },
  { type: 'WorkstreamAdded', data: { planId: 'EDU', workstreamId: 'EDU.P2', title: 'Schools held to account' } },
] as PlanEvent[]).reduce(evolvePlan, initialPlanState());

const ids = { measureId: 'EDU.M.2.2', planId: 'EDU' };
// "% of primary schools judged good or better: 64 (national 79); targets 79, 85, 95"
const defined: MeasureEvent = {
  type: 'MeasureDefined',
  data: { ...ids, workstreamId: 'EDU.P2', name: 'Improve % of primary phase schools judged good or better', unit: 'percent', polarity: 'higher', baseline: { period: '2013', value: 64 }, amberTolerance: 3 },
};
const judgement = (rag: 'G' | 'A' | 'R' | null, period: string | null, explanation: string) => ({ rule: MEASURE_RAG_RULE, rag, period, explanation });
const target = (period: string, value: number, j = judgement(null, null, 'No value recorded yet: no RAG')): MeasureEvent => ({ type: 'MeasureTargetSet', data: { ...ids, period, value, judgement: j } });
const recorded = (period: string, value: number, provisional: boolean, j: ReturnType<typeof judgement>): MeasureEvent => ({
  type: 'MeasureValueRecorded', data: { ...ids, period, value, provisional, judgement: j },
});
const state = (events: MeasureEvent[]) => events.reduce(evolveMeasure, initialMeasureState()) as ExistingMeasure;

describe('measure decider', () => {
  describe('DefineMeasure', () => {
    it('defines a measure on a plan and work-stream', () => {
      given([]).when({ type: 'DefineMeasure', data: defined.data as never, plan }).then(defined);
    });

    it.each([
      ['an existing id', [defined], {}, MeasureAlreadyExistsError],
      ['an unknown work-stream', [], { workstreamId: 'EDU.P9' }, WorkstreamNotInPlanError],
    ])('refuses %s', (_, history, change, error) => {
      given(history as MeasureEvent[]).when({ type: 'DefineMeasure', data: { ...(defined.data as object), ...change } as never, plan }).thenThrows(error);
    });

    it('refuses a plan that does not exist, and a negative tolerance', () => {
      given([]).when({ type: 'DefineMeasure', data: defined.data as never, plan: initialPlanState() }).thenThrows(PlanNotFoundError);
      given([]).when({ type: 'DefineMeasure', data: { ...(defined.data as object), amberTolerance: -1 } as never, plan }).thenThrows(Error, /zero or more/);
    });
  });

  describe('judging RAG by the first rule', () => {
    it('is Green on or better than the target, stored with its explanation', () => {
      given([defined, target('2014', 79)])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 81 } })
        .then(recorded('2014', 81, false, judgement('G', '2014', '81% in 2014 against target 79%: Green')));
      given([defined, target('2014', 79)])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 79 } })
        .then(recorded('2014', 79, false, judgement('G', '2014', '79% in 2014 against target 79%: Green')));
    });

    it('is Amber when worse by no more than the tolerance, and Red beyond it', () => {
      expect(judgeValue(76, 79, 'higher', 3)).toBe('A');
      expect(judgeValue(75.9, 79, 'higher', 3)).toBe('R');
      expect(judgeValue(78.9, 79, 'higher', 0.1)).toBe('A');
    });

    it('reverses for a measure where lower is better', () => {
      // "Reduce % of schools judged to Require Improvement": target 20
      expect(judgeValue(18, 20, 'lower', 2)).toBe('G');
      expect(judgeValue(22, 20, 'lower', 2)).toBe('A');
      expect(judgeValue(23, 20, 'lower', 2)).toBe('R');
    });

    it('gives no RAG without a target for the period of the latest value', () => {
      expect(judgeMeasure(state([defined, target('2015', 85), recorded('2014', 81, false, judgement(null, null, ''))]))).toEqual(
        judgement(null, '2014', '81% in 2014, no target for 2014: no RAG'),
      );
    });

    it('judges again when a target is set after the value', () => {
      given([defined, recorded('2014', 76, true, judgement(null, '2014', ''))])
        .when({ type: 'SetMeasureTarget', data: { measureId: ids.measureId, period: '2014', value: 79 } })
        .then(target('2014', 79, judgement('A', '2014', '76% (provisional) in 2014 against target 79%: Amber')));
    });
  });

  describe('provisional values and revisions', () => {
    const provisional = recorded('2014', 76, true, judgement('A', '2014', ''));

    it('replaces a provisional value by the final one', () => {
      given([defined, target('2014', 79), provisional])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 80, source: 'DfE SFR 2014' } })
        .then({ type: 'MeasureValueRecorded', data: { ...ids, period: '2014', value: 80, provisional: false, source: 'DfE SFR 2014', judgement: judgement('G', '2014', '80% in 2014 against target 79%: Green') } });
    });

    it('refuses a second final value for a period: that is a revision', () => {
      given([defined, recorded('2014', 80, false, judgement('G', '2014', ''))])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 82 } })
        .thenThrows(ValueAlreadyRecordedError, /revise it with a reason/);
    });

    it('revises (re-baselines) a value with a reason, keeping the previous value', () => {
      given([defined, target('2014', 79), recorded('2014', 80, false, judgement('G', '2014', ''))])
        .when({ type: 'ReviseMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 74, reason: 'Ofsted re-inspections reclassified 12 schools' } })
        .then({ type: 'MeasureValueRevised', data: { ...ids, period: '2014', value: 74, previous: 80, reason: 'Ofsted re-inspections reclassified 12 schools', judgement: judgement('R', '2014', '74% in 2014 against target 79%: Red') } });
      expect(state([defined, recorded('2014', 80, false, judgement(null, null, '')), { type: 'MeasureValueRevised', data: { ...ids, period: '2014', value: 74, previous: 80, reason: 'x', judgement: judgement(null, null, '') } }]).values['2014'])
        .toEqual({ value: 74, provisional: false, revisedFrom: 80, revisionReason: 'x' });
    });

    it.each([
      ['without a reason', { value: 74, reason: ' ' }, ReasonRequiredError],
      ['to the same value', { value: 80, reason: 'x' }, NothingToReviseError],
    ])('refuses a revision %s', (_, change, error) => {
      given([defined, recorded('2014', 80, false, judgement('G', '2014', ''))])
        .when({ type: 'ReviseMeasureValue', data: { measureId: ids.measureId, period: '2014', ...change } })
        .thenThrows(error);
    });

    it('refuses to revise a period with no value', () => {
      given([defined]).when({ type: 'ReviseMeasureValue', data: { measureId: ids.measureId, period: '2015', value: 1, reason: 'x' } }).thenThrows(NoValueToReviseError);
    });
  });

  describe('overrides', () => {
    it('records a manual RAG with its reason beside the computed judgement', () => {
      given([defined, target('2014', 79), recorded('2014', 76, false, judgement('A', '2014', ''))])
        .when({ type: 'OverrideMeasureRag', data: { measureId: ids.measureId, rag: 'R', reason: 'Two more schools fell into category after the census' } })
        .then({ type: 'MeasureRagOverridden', data: { ...ids, rag: 'R', reason: 'Two more schools fell into category after the census', computed: judgement('A', '2014', '76% in 2014 against target 79%: Amber') } });
    });

    it('needs a reason', () => {
      given([defined]).when({ type: 'OverrideMeasureRag', data: { measureId: ids.measureId, rag: 'G', reason: '' } }).thenThrows(ReasonRequiredError);
    });
  });

  it('refuses commands for a measure that does not exist, and periods it cannot read', () => {
    given([]).when({ type: 'SetMeasureTarget', data: { measureId: 'nope', period: '2014', value: 1 } }).thenThrows(MeasureNotFoundError);
    given([defined]).when({ type: 'SetMeasureTarget', data: { measureId: ids.measureId, period: 'next year', value: 1 } }).thenThrows(InvalidPeriodError);
    given([defined]).when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2013/14', value: Number.NaN } }).thenThrows(Error, /finite number/);
  });

  it('tells the direction of travel by polarity', () => {
    const values = (a: number, b: number) => ({ '2013': { value: a, provisional: false }, '2014': { value: b, provisional: false } });
    expect(directionOfTravel({ polarity: 'higher', values: values(64, 70) })).toBe('improving');
    expect(directionOfTravel({ polarity: 'lower', values: values(64, 70) })).toBe('worsening');
    expect(directionOfTravel({ polarity: 'lower', values: values(64, 64) })).toBe('steady');
    expect(directionOfTravel({ polarity: 'higher', values: { '2014': { value: 1, provisional: false } } })).toBeNull();
  });
});
