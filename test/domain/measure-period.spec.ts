import fc from 'fast-check';
import {
  measureDecider,
  comparePeriods,
  directionOfTravel,
  MEASURE_RAG_RULE,
  PERIOD_PATTERN,
  periodSpan,
  periodsInOrder,
  type MeasureEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(measureDecider);
const ids = { measureId: 'CSC.M.1', planId: 'SIP' };
const defined: MeasureEvent = {
  type: 'MeasureDefined',
  data: { ...ids, name: 'Children in need with a plan reviewed on time', unit: 'percent', polarity: 'higher', amberTolerance: 2 },
};
const target = (period: string, value: number): MeasureEvent => ({ type: 'MeasureTargetSet', data: { ...ids, period, value, judgement: { rule: MEASURE_RAG_RULE, rag: null, period: null, explanation: '' } } });
const value = (period: string, v: number): MeasureEvent => ({
  type: 'MeasureValueRecorded', data: { ...ids, period, value: v, provisional: false, judgement: { rule: MEASURE_RAG_RULE, rag: null, period: null, explanation: '' } },
});

/** Measure periods are ordered as the stretches of time they are, by the day they end: not as text. */
describe('measure periods in order', () => {
  it.each([
    ['2014', '2014-01-01', '2014-12-31'],
    ['2013/14', '2013-09-01', '2014-08-31'], // an academic year: September to August
    ['1999/00', '1999-09-01', '2000-08-31'],
    ['2014-Q1', '2014-01-01', '2014-03-31'],
    ['2014-Q3', '2014-07-01', '2014-09-30'],
    ['2014-02', '2014-02-01', '2014-02-28'],
    ['2016-02', '2016-02-01', '2016-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2014-12', '2014-12-01', '2014-12-31'],
  ])('%s spans %s to %s', (period, start, end) => {
    expect(periodSpan(period)).toEqual({ start, end });
  });

  it('puts 2014-12 after 2014-Q3, and a measure that mixes every form in the order of their ends', () => {
    expect(periodsInOrder(['2014-12', '2014-Q3'])).toEqual(['2014-Q3', '2014-12']);
    expect(periodsInOrder(['2014-12', '2015', '2014/15', '2013/14', '2014-Q3', '2014-09', '2014', '2014-Q4', '2013', '2014-08', '2014-Q1'])).toEqual([
      '2013', // ends 31 Dec 2013
      '2014-Q1', // 31 Mar 2014
      '2013/14', // 31 Aug 2014 (the longer first)
      '2014-08', // 31 Aug 2014
      '2014-Q3', // 30 Sep 2014 (the longer first)
      '2014-09', // 30 Sep 2014
      '2014', // 31 Dec 2014
      '2014-Q4',
      '2014-12',
      '2014/15', // 31 Aug 2015
      '2015', // 31 Dec 2015
    ]);
  });

  it('is a total order consistent with the periods’ ends, whatever the periods', () => {
    const period = fc.oneof(
      fc.integer({ min: 1990, max: 2030 }).map(String),
      fc.integer({ min: 1990, max: 2030 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`),
      fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
      fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    );
    fc.assert(
      fc.property(fc.array(period, { maxLength: 30 }), (periods) => {
        const ordered = periodsInOrder(periods);
        for (const p of periods) expect(PERIOD_PATTERN.test(p)).toBe(true);
        expect(periodsInOrder([...periods].reverse())).toEqual(ordered);
        for (let i = 1; i < ordered.length; i++) {
          expect(periodSpan(ordered[i - 1])!.end <= periodSpan(ordered[i])!.end).toBe(true);
          expect(comparePeriods(ordered[i], ordered[i - 1])).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  describe('the latest period, as the RAG rule judges it', () => {
    it('given quarterly figures to Q3 and a value for December, when the December target is set, then December is judged', () => {
      given([defined, value('2014-Q3', 70), target('2014-Q3', 60), value('2014-12', 50)])
        .when({ type: 'SetMeasureTarget', data: { measureId: ids.measureId, period: '2014-12', value: 60 } })
        .then({ type: 'MeasureTargetSet', data: { ...ids, period: '2014-12', value: 60, judgement: { rule: MEASURE_RAG_RULE, rag: 'R', period: '2014-12', explanation: '50% in 2014-12 against target 60%: Red' } } });
    });

    it('given the academic year 2013/14 and the month 2014-06, when a value for 2013/14 is recorded, then June (ending earlier) is not the latest', () => {
      given([defined, target('2013/14', 80), target('2014-06', 90), value('2014-06', 85)])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2013/14', value: 81 } })
        .then({ type: 'MeasureValueRecorded', data: { ...ids, period: '2013/14', value: 81, provisional: false, judgement: { rule: MEASURE_RAG_RULE, rag: 'G', period: '2013/14', explanation: '81% in 2013/14 against target 80%: Green' } } });
    });

    it('given a year and its academic successor, when 2014 is recorded, then 2014/15 (ending August 2015) stays the latest', () => {
      given([defined, target('2014/15', 80), value('2014/15', 70)])
        .when({ type: 'RecordMeasureValue', data: { measureId: ids.measureId, period: '2014', value: 95 } })
        .then({ type: 'MeasureValueRecorded', data: { ...ids, period: '2014', value: 95, provisional: false, judgement: { rule: MEASURE_RAG_RULE, rag: 'R', period: '2014/15', explanation: '70% in 2014/15 against target 80%: Red' } } });
    });

    it('reads the direction of travel from the previous period to the latest, in period order', () => {
      const values = { '2014-12': { value: 60, provisional: false }, '2014-Q3': { value: 70, provisional: false } };
      expect(directionOfTravel({ polarity: 'higher', values })).toBe('worsening');
    });
  });
});
