import { computeIndicator, NORFOLK_SCHEME, ESSEX_STAGES, type ExistingSchool, type IndicatorScheme } from '@rag-ledger/domain';

/** A school as the register holds it on the day, built by hand: only what the indicators read. */
const school = (urn: string, change: Partial<ExistingSchool> = {}): ExistingSchool => ({
  exists: true,
  urn,
  name: `School ${urn}`,
  phase: 'primary',
  type: 'maintained',
  categories: {},
  stages: {},
  warningNotices: {},
  powers: [],
  officers: {},
  visits: [],
  improvementPlan: {},
  ...change,
});
const judged = (grade: 1 | 2 | 3 | 4, change: Partial<ExistingSchool> = {}): Partial<ExistingSchool> => ({
  ofsted: { grade, inspectedOn: '2013-06-10', publishedOn: '2013-07-01', ...(grade === 4 ? { category: 'special-measures' as const } : {}) },
  ...change,
});
const visit = (visitedOn: string, rag?: 'G' | 'A' | 'R') => ({ visitId: `v-${visitedOn}`, visitedOn, officer: 'Jo Bloggs', purpose: 'Monitoring', ...(rag ? { rag } : {}) });
const schemes: ReadonlyMap<string, IndicatorScheme> = new Map([
  ['norfolk', NORFOLK_SCHEME],
  ['essex-stages', ESSEX_STAGES],
]);
const day = '2013-12-31';
const held = (code: string) => ({ code, since: '2013-09-01' });

describe('computeIndicator: the schools outcome measures computed from the register', () => {
  describe('good-or-better', () => {
    it('counts grades 1 and 2 among the open schools of the phase that have a judgement', () => {
      const schools = [
        school('100001', judged(1)),
        school('100002', judged(2)),
        school('100003', judged(3)),
        school('100004', judged(4)),
        school('100005', judged(2, { phase: 'secondary' })),
      ];
      expect(computeIndicator('good-or-better', 'primary', schools, day, schemes)).toEqual({
        numerator: 2,
        denominator: 4,
        value: 50,
        schools: [
          { urn: '100001', name: 'School 100001', counted: true },
          { urn: '100002', name: 'School 100002', counted: true },
          { urn: '100003', name: 'School 100003', counted: false },
          { urn: '100004', name: 'School 100004', counted: false },
        ],
        explanation: '2 of 4 open primary schools with an Ofsted judgement are judged good or better: 50%',
      });
      // Without a phase, every open school.
      expect(computeIndicator('good-or-better', undefined, schools, day, schemes)).toMatchObject({ numerator: 3, denominator: 5, value: 60 });
    });

    it('leaves out of the denominator an academy with no judgement yet, and schools closed, converted or not yet open on the day (000:1053)', () => {
      const schools = [
        school('100001', judged(2)),
        school('100002', judged(3)),
        // The maintained school converted on 1 November: closed on that day; its academy has no judgement of its own yet.
        school('100003', judged(2, { convertedOn: '2013-11-01', closedOn: '2013-11-01', successorUrn: '140003' })),
        school('140003', { type: 'academy-converter', openedOn: '2013-11-01', predecessorUrn: '100003' }),
        school('100004', judged(1, { closedOn: '2013-08-31' })),
        school('140005', judged(1, { openedOn: '2014-01-01' })),
      ];
      const value = computeIndicator('good-or-better', 'primary', schools, day, schemes);
      expect(value).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
      expect(value.schools.map((s) => s.urn)).toEqual(['100001', '100002']);
      expect(value.explanation).toBe('1 of 2 open primary schools with an Ofsted judgement are judged good or better: 50%; 1 school without an Ofsted judgement yet is not counted');
      // Once the academy is inspected, the numerator increases.
      const inspected = schools.map((s) => (s.urn === '140003' ? { ...s, ...judged(2) } : s));
      expect(computeIndicator('good-or-better', 'primary', inspected, day, schemes)).toMatchObject({ numerator: 2, denominator: 3, value: 66.7 });
    });

    it('is open on its last day and closed on the day it closes: closedOn is the first day it is not open', () => {
      const schools = [school('100001', judged(2, { closedOn: '2014-01-01' })), school('100002', judged(3, { closedOn: day }))];
      expect(computeIndicator('good-or-better', undefined, schools, day, schemes)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    });

    it('has no figure (null, not 0%) when no school has a judgement', () => {
      expect(computeIndicator('good-or-better', 'secondary', [school('100001', judged(2)), school('100002', { phase: 'secondary' })], day, schemes)).toEqual({
        numerator: 0,
        denominator: 0,
        value: null,
        schools: [],
        explanation: '0 of 0 open secondary schools with an Ofsted judgement are judged good or better: no figure; 1 school without an Ofsted judgement yet is not counted',
      });
    });

    it('rounds to one decimal place', () => {
      const schools = [school('100001', judged(2)), school('100002', judged(3)), school('100003', judged(3))];
      expect(computeIndicator('good-or-better', 'primary', schools, day, schemes).value).toBe(33.3);
    });
  });

  describe('pupils-in-good-or-better', () => {
    it('weighs each judged school by its pupils, leaving out those with no pupil number and saying how many', () => {
      const schools = [
        school('100001', judged(2, { pupils: 300 })),
        school('100002', judged(3, { pupils: 100 })),
        school('100003', judged(1)),
        school('100004', judged(4, { pupils: 0 })),
        school('140005', { pupils: 200 }),
      ];
      const value = computeIndicator('pupils-in-good-or-better', 'primary', schools, day, schemes);
      expect(value).toMatchObject({ numerator: 300, denominator: 400, value: 75 });
      expect(value.schools).toEqual([
        { urn: '100001', name: 'School 100001', counted: true },
        { urn: '100002', name: 'School 100002', counted: false },
        { urn: '100004', name: 'School 100004', counted: false },
      ]);
      expect(value.explanation).toBe(
        '300 of 400 pupils in open primary schools with an Ofsted judgement attend good or better schools: 75%; 1 school without an Ofsted judgement yet is not counted; 1 school with no pupil number held is left out',
      );
    });
  });

  describe('in-ofsted-category and requires-improvement', () => {
    const schools = [school('100001', judged(4)), school('100002', judged(3)), school('100003', judged(3)), school('100004', judged(2)), school('100005')];

    it('counts grade 4 (special measures or serious weaknesses) among the judged schools', () => {
      expect(computeIndicator('in-ofsted-category', undefined, schools, day, schemes)).toMatchObject({
        numerator: 1,
        denominator: 4,
        value: 25,
        explanation: '1 of 4 open schools with an Ofsted judgement are in an Ofsted category (grade 4): 25%; 1 school without an Ofsted judgement yet is not counted',
      });
    });

    it('counts grade 3 among the judged schools', () => {
      expect(computeIndicator('requires-improvement', undefined, schools, day, schemes)).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    });
  });

  describe('concern-rag-green', () => {
    it("counts the schools causing concern (by their category's group) whose latest visit was rated green", () => {
      const schools = [
        // A4 and D1-3 are schools of concern in Norfolk's scheme (000:533).
        school('100001', { categories: { norfolk: held('A4') }, visits: [visit('2013-10-01', 'R'), visit('2013-12-01', 'G')] }),
        school('100002', { categories: { norfolk: held('D1-3') }, visits: [visit('2013-10-01', 'G'), visit('2013-12-01', 'A')] }),
        school('100003', { categories: { norfolk: held('A4') }, visits: [visit('2013-11-01', 'G'), visit('2013-12-10')] }),
        school('100004', { categories: { norfolk: held('A4') } }),
        // Requires improvement and good: not of concern, whatever their visits say.
        school('100005', { categories: { norfolk: held('B3') }, visits: [visit('2013-12-01', 'G')] }),
        school('100006', { categories: { norfolk: held('E2') } }),
        // An intervention stage is not a category, and a scheme the register does not hold names no group.
        school('100007', { stages: { 'essex-stages': { ...held('4'), automatic: false } } }),
        school('100008', { categories: { elsewhere: held('A4') }, visits: [visit('2013-12-01', 'G')] }),
      ];
      const value = computeIndicator('concern-rag-green', 'primary', schools, day, schemes);
      expect(value).toEqual({
        numerator: 1,
        denominator: 4,
        value: 25,
        schools: [
          { urn: '100001', name: 'School 100001', counted: true },
          { urn: '100002', name: 'School 100002', counted: false },
          { urn: '100003', name: 'School 100003', counted: false },
          { urn: '100004', name: 'School 100004', counted: false },
        ],
        explanation: '1 of 4 open primary schools causing concern were rated green at their latest visit: 25%',
      });
    });

    it('counts a school of concern with or without an Ofsted judgement', () => {
      expect(computeIndicator('concern-rag-green', undefined, [school('140001', { categories: { norfolk: held('A4') }, visits: [visit('2013-12-01', 'G')] })], day, schemes)).toMatchObject({
        numerator: 1,
        denominator: 1,
        value: 100,
      });
    });
  });
});
