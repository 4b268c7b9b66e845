import type { MeasureDetails, MeasurePoint } from '@rag-ledger/contract';
import { NORFOLK_SCHEME, type ExistingSchool } from '@rag-ledger/domain';
import { NO_SCHOOLS_SHOWN, trajectoryOf, withRegisterFigures, type RegisterReader } from '@rag-ledger/projections';

/** A school, and the day it was judged good (grade 2) or requiring improvement (3), by hand. */
const school = (urn: string, judgements: Array<[string, 2 | 3]>, change: Partial<ExistingSchool> = {}) => ({ urn, judgements, change });
const roll = [
  school('100001', [['2013-07-01', 2]]),
  school('100002', [['2013-07-01', 3], ['2014-03-15', 2]]),
  school('100003', [['2013-07-01', 3]]),
  // Converted on 1 January 2014: its academy, 140004, has no judgement of its own.
  school('100004', [['2013-07-01', 2]], { closedOn: '2014-01-01', successorUrn: '140004' }),
  school('140004', [], { openedOn: '2014-01-01', predecessorUrn: '100004', type: 'academy-converter' }),
  school('100005', [['2013-07-01', 2]], { phase: 'secondary' }),
];
/** The register as at a day: each school's latest judgement published by then. */
const register: RegisterReader & { reads: string[] } = {
  reads: [],
  schoolsOn(day = '9999-12-31') {
    this.reads.push(day);
    return roll.map(({ urn, judgements, change }) => {
      const latest = judgements.filter(([on]) => on <= day).pop();
      return {
        exists: true, urn, name: `School ${urn}`, phase: 'primary', type: 'maintained', categories: {}, stages: {}, warningNotices: {}, powers: [], officers: {}, visits: [], improvementPlan: {},
        ...(latest ? { ofsted: { grade: latest[1], inspectedOn: latest[0], publishedOn: latest[0] } } : {}),
        ...change,
      } as ExistingSchool;
    });
  },
  schemes: () => new Map([['norfolk', NORFOLK_SCHEME]]),
};

const point = (period: string, change: Partial<MeasurePoint> = {}): MeasurePoint => ({
  period, value: null, provisional: false, source: null, revisedFrom: null, revisionReason: null, target: null, national: null, statisticalNeighbours: null, regional: null, predicted: null, ...change,
});
// KPI 2.2 and the primary row of "When will Norfolk schools get to Good?" (000:1046-1048).
const measure: MeasureDetails = {
  id: 'EDU.M.2.2', planId: 'EDU', workstreamId: null, name: '% of primary schools judged good or better', unit: 'percent', polarity: 'higher', baseline: null, amberTolerance: 3,
  computedFrom: 'register', indicator: 'good-or-better', phase: 'primary',
  series: [point('2013-12', { predicted: 67 }), point('2014-04', { predicted: 69 }), point('2014-07', { predicted: 78, target: 79 }), point('2015-07', { predicted: 90, target: 85 })],
  rag: null, explanation: 'No value recorded yet: no RAG', rule: 'measure-rag/1', override: null, direction: null, revision: 6, lastChangedAt: '2013-11-21T09:00:00.000Z',
};
const every = (schools: NonNullable<ReturnType<typeof NO_SCHOOLS_SHOWN>>) => schools;

describe('a register measure read from the register', () => {
  it("reads each ended period on its last day, with the numerator, denominator and the schools counted", () => {
    const read = withRegisterFigures(measure, register, '2014-05-20', every);
    const [december, april] = read.series;
    // 31 December 2013: 100001 and 100004 good, 100002 and 100003 not; 100005 is secondary.
    expect(december).toMatchObject({ period: '2013-12', value: 50, provisional: false, predicted: 67, source: 'Schools register' });
    expect(december.computed).toEqual({
      on: '2013-12-31', numerator: 2, denominator: 4, explanation: '2 of 4 open primary schools with an Ofsted judgement are judged good or better: 50%',
      schools: [
        { urn: '100001', name: 'School 100001', counted: true },
        { urn: '100002', name: 'School 100002', counted: false },
        { urn: '100003', name: 'School 100003', counted: false },
        { urn: '100004', name: 'School 100004', counted: true },
      ],
    });
    // 30 April 2014: 100004 converted (its academy not yet judged leaves the denominator); 100002 judged good in March.
    expect(april).toMatchObject({ period: '2014-04', value: 66.7, provisional: false });
    expect(april.computed).toMatchObject({ on: '2014-04-30', numerator: 2, denominator: 3 });
    expect(april.computed!.explanation).toBe('2 of 3 open primary schools with an Ofsted judgement are judged good or better: 66.7%; 1 school without an Ofsted judgement yet is not counted');
  });

  it('reads a period still running on the day asked, provisionally, and gives no figure to one not begun', () => {
    const read = withRegisterFigures(measure, register, '2014-07-10', every);
    expect(read.series[2]).toMatchObject({ period: '2014-07', value: 66.7, provisional: true, target: 79, computed: { on: '2014-07-10' } });
    expect(read.series[3]).toMatchObject({ period: '2015-07', value: null, provisional: false });
    expect(read.series[3].computed).toBeUndefined();
  });

  it('judges the RAG by the same rule as any measure, on the latest period with a figure, and tells the direction of travel', () => {
    const read = withRegisterFigures(measure, register, '2014-07-10', every);
    expect(read.rag).toBe('R');
    expect(read.rule).toBe('measure-rag/1');
    expect(read.explanation).toBe(
      '66.7% (provisional) in 2014-07 against target 79%: Red. 2 of 3 open primary schools with an Ofsted judgement are judged good or better: 66.7%; 1 school without an Ofsted judgement yet is not counted',
    );
    expect(read.direction).toBe('steady');
    // Within the Amber tolerance of 15 points it is Amber: the tolerance is the measure's.
    expect(withRegisterFigures({ ...measure, amberTolerance: 15 }, register, '2014-07-10', every).rag).toBe('A');
    // In May, July has not begun: judged on April, which has no target; 50% to 66.7% is improving.
    const may = withRegisterFigures(measure, register, '2014-05-20', every);
    expect(may).toMatchObject({ rag: null, direction: 'improving' });
    expect(may.explanation).toMatch(/^66.7% in 2014-04, no target for 2014-04: no RAG\. 2 of 3 open primary schools/);
  });

  it('names the schools counted only to those allowed: cut to their own, or none', () => {
    const own = withRegisterFigures(measure, register, '2014-05-20', (schools) => schools.filter((s) => s.urn === '100002'));
    expect(own.series[0].computed!.schools).toEqual([{ urn: '100002', name: 'School 100002', counted: false }]);
    const none = withRegisterFigures(measure, register, '2014-05-20', NO_SCHOOLS_SHOWN);
    expect(none.series[0].computed).toEqual({ on: '2013-12-31', numerator: 2, denominator: 4, explanation: expect.any(String) });
    expect(JSON.stringify(none)).not.toMatch(/School 1000/);
  });

  it('reads the register once per day however many periods end on it', () => {
    register.reads = [];
    withRegisterFigures({ ...measure, series: [point('2013'), point('2013-Q4'), point('2013-12')] }, register, '2014-05-20', every);
    expect(register.reads).toEqual(['2013-12-31']);
  });

  it('leaves a measure typed in as it is', () => {
    const typed = { ...measure, computedFrom: null, indicator: null, phase: null };
    expect(withRegisterFigures(typed, register, '2014-05-20', every)).toBe(typed);
  });
});

describe('the trajectory view', () => {
  it('lists predicted, target and actual per phase by period, actual only for the periods ended by the day', () => {
    const secondary = { ...measure, id: 'EDU.M.2.3', phase: 'secondary' as const, series: [point('2013-12', { predicted: 60 }), point('2014-07', { predicted: 73, target: 75 })] };
    const typed = { ...measure, id: 'EDU.M.1.1', computedFrom: null, indicator: null };
    expect(trajectoryOf('good-or-better', [secondary, measure, typed], register, '2014-05-20')).toEqual({
      asOf: '2014-05-20',
      indicator: 'good-or-better',
      phases: [
        {
          phase: 'primary', measureId: 'EDU.M.2.2', planId: 'EDU', name: '% of primary schools judged good or better',
          periods: [
            { period: '2013-12', predicted: 67, target: null, actual: 50 },
            { period: '2014-04', predicted: 69, target: null, actual: 66.7 },
            { period: '2014-07', predicted: 78, target: 79, actual: null },
            { period: '2015-07', predicted: 90, target: 85, actual: null },
          ],
        },
        { phase: 'secondary', measureId: 'EDU.M.2.3', planId: 'EDU', name: '% of primary schools judged good or better', periods: [{ period: '2013-12', predicted: 60, target: null, actual: 100 }, { period: '2014-07', predicted: 73, target: 75, actual: null }] },
      ],
    });
    // Both measures' December is read from one fold of the register.
    register.reads = [];
    trajectoryOf('good-or-better', [secondary, measure], register, '2014-05-20');
    expect(register.reads.filter((d) => d === '2013-12-31')).toHaveLength(1);
  });
});
