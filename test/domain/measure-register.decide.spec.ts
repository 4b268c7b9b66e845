import {
  evolveMeasure,
  evolvePlan,
  initialMeasureState,
  initialPlanState,
  InvalidPeriodError,
  MEASURE_RAG_RULE,
  measureDecider,
  NothingToReviseError,
  RegisterMeasureDefinitionError,
  RegisterMeasureValueError,
  type ExistingMeasure,
  type MeasureEvent,
  type PlanEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(measureDecider);

const plan = ([{ type: 'PlanCreated', data: { planId: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' } }] as PlanEvent[]).reduce(
  evolvePlan,
  initialPlanState(),
);
const ids = { measureId: 'EDU.M.2.2', planId: 'EDU' };
// KPI 2.2 (000:596), computed from the register: nobody types its figures.
const registerDefinition = {
  ...ids,
  name: 'Improve % of primary phase schools judged good or better',
  unit: 'percent',
  polarity: 'higher',
  amberTolerance: 3,
  computedFrom: 'register',
  indicator: 'good-or-better',
  phase: 'primary',
} as const;
const registerMeasure: MeasureEvent = { type: 'MeasureDefined', data: registerDefinition };
const typedMeasure: MeasureEvent = { type: 'MeasureDefined', data: { ...ids, measureId: 'EDU.M.1.1', name: 'Early Years outcomes', unit: 'percent', polarity: 'higher', amberTolerance: 2 } };
const define = (change: Record<string, unknown>) => ({ type: 'DefineMeasure' as const, data: { ...registerDefinition, ...change } as never, plan });
const noRag = { rule: MEASURE_RAG_RULE, rag: null, period: null, explanation: 'No value recorded yet: no RAG' };

describe('register-computed measures', () => {
  describe('DefineMeasure with computedFrom "register"', () => {
    it('defines a measure computed from the register, with its indicator and phase', () => {
      given([]).when(define({})).then(registerMeasure);
    });

    it('defines one for every phase when the phase is left out', () => {
      const { phase: _phase, ...allPhases } = registerDefinition;
      given([]).when({ type: 'DefineMeasure', data: allPhases, plan }).then({ type: 'MeasureDefined', data: allPhases });
    });

    it.each([
      ['computedFrom without an indicator', { indicator: undefined }, /needs an indicator: one of good-or-better, pupils-in-good-or-better/],
      ['an indicator without computedFrom', { computedFrom: undefined, phase: undefined }, /for a measure computed from the schools register: add computedFrom "register"/],
      ['a phase without computedFrom', { computedFrom: undefined, indicator: undefined }, /add computedFrom "register", or leave them out/],
      ['a source other than the register', { computedFrom: 'spreadsheet' }, /"spreadsheet" is not where a measure's figures can come from/],
      ['an indicator the register does not compute', { indicator: 'attendance' }, /"attendance" is not an indicator the register computes/],
      ['a phase that is not one', { phase: 'infant' }, /"infant" is not a phase of school/],
      ['a unit other than a percentage', { unit: 'count' }, /is a percentage: its unit is "percent"/],
    ])('refuses %s', (_, change, message) => {
      given([]).when(define(change)).thenThrows(RegisterMeasureDefinitionError, message);
    });
  });

  describe('values', () => {
    it.each([
      ['recording', { type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 79 } }],
      ['revising', { type: 'ReviseMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 79, reason: 'Corrected' } }],
    ] as const)('refuses %s a value of a register measure: its figures come from the register', (_, command) => {
      given([registerMeasure]).when(command).thenThrows(RegisterMeasureValueError, "This measure's figures come from the schools register: record the judgements, categories and visits instead.");
    });

    it('takes targets, comparators and RAG overrides as any measure does', () => {
      given([registerMeasure])
        .when({ type: 'SetMeasureTarget', data: { measureId: ids.measureId, period: '2014-07', value: 79 } })
        .then({ type: 'MeasureTargetSet', data: { ...ids, period: '2014-07', value: 79, judgement: noRag } });
      given([registerMeasure])
        .when({ type: 'RecordMeasureComparator', data: { measureId: ids.measureId, period: '2013', comparator: 'national', value: 79 } })
        .then({ type: 'MeasureComparatorRecorded', data: { ...ids, period: '2013', comparator: 'national', value: 79 } });
      given([registerMeasure])
        .when({ type: 'OverrideMeasureRag', data: { measureId: ids.measureId, rag: 'A', reason: 'Three inspections are due before July' } })
        .then({ type: 'MeasureRagOverridden', data: { ...ids, rag: 'A', reason: 'Three inspections are due before July', computed: noRag } });
    });
  });
});

describe('predictions (any measure)', () => {
  const predicted = (period: string, value: number, extra: { previous?: number; reason?: string } = {}): MeasureEvent => ({
    type: 'MeasurePredictionRecorded',
    data: { ...ids, period, value, ...extra },
  });

  it("records the council's prediction for a period, with its reason", () => {
    // "When will Norfolk schools get to Good?": primary, Dec 13 67% (000:1046).
    given([registerMeasure])
      .when({ type: 'RecordMeasurePrediction', data: { measureId: ids.measureId, period: '2013-12', value: 67, reason: 'LA risk analysis, autumn 2013' } })
      .then(predicted('2013-12', 67, { reason: 'LA risk analysis, autumn 2013' }));
  });

  it('records a prediction for a measure typed in too, without a reason', () => {
    given([typedMeasure])
      .when({ type: 'RecordMeasurePrediction', data: { measureId: 'EDU.M.1.1', period: '2014', value: 55, reason: '  ' } })
      .then({ type: 'MeasurePredictionRecorded', data: { measureId: 'EDU.M.1.1', planId: 'EDU', period: '2014', value: 55 } });
  });

  it('lets a later prediction for the period stand in place of the earlier, naming the one it replaces', () => {
    given([registerMeasure, predicted('2014-04', 69)])
      .when({ type: 'RecordMeasurePrediction', data: { measureId: ids.measureId, period: '2014-04', value: 71 } })
      .then(predicted('2014-04', 71, { previous: 69 }));
    const state = [registerMeasure, predicted('2014-04', 69), predicted('2014-07', 78), predicted('2014-04', 71, { previous: 69 })].reduce(evolveMeasure, initialMeasureState()) as ExistingMeasure;
    expect(state.predictions).toEqual({ '2014-04': 71, '2014-07': 78 });
  });

  it('refuses the same prediction again (nothing would change), a period it cannot read and a value that is no number', () => {
    given([registerMeasure, predicted('2014-04', 69)])
      .when({ type: 'RecordMeasurePrediction', data: { measureId: ids.measureId, period: '2014-04', value: 69 } })
      .thenThrows(NothingToReviseError, /the prediction for 2014-04/);
    given([registerMeasure]).when({ type: 'RecordMeasurePrediction', data: { measureId: ids.measureId, period: 'Dec 13', value: 67 } }).thenThrows(InvalidPeriodError);
    given([registerMeasure]).when({ type: 'RecordMeasurePrediction', data: { measureId: ids.measureId, period: '2013-12', value: Number.NaN } }).thenThrows(Error, /A prediction must be a finite number/);
  });
});
