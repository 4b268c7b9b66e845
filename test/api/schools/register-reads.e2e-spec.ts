import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';
import { seedRegister, URNS } from './register-fixture';

/**
 * The register's reads as an officer sees them (every school): GET /api/schools with its
 * filters, a school with its timeline, the categorisation table and the movements, as at any
 * UK day, and the schemes. Who sees what is register-confidentiality.e2e-spec.ts.
 */
describe('the schools register: reads', () => {
  let t: TestApp;
  let last: number;
  const officer = bearer(tokenFor('officer', { user: 'jw', name: 'Janet Warburton' }));
  const get = (path: string, expected = 200) => t.http().get(path).set(officer).expect(expected);
  const urnsOf = async (path: string) => (await get(path)).body.schools.map((s: { urn: string }) => s.urn);

  beforeAll(async () => {
    // 21 November 2013, the day of the scrutiny panel.
    t = await startTestApp({ clock: new TestClock(new Date('2013-11-21T09:00:00.000Z')) });
    last = await seedRegister(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('lists every school by name with its state today, and the stamp of the log it was read at', async () => {
    const { body } = await get('/api/schools');
    expect(body.asOf).toBe('2013-11-21');
    expect(body.schools.map((s: { name: string }) => s.name)).toEqual(['Ashill Primary', 'Bawdeswell Primary', 'Cromer High', 'Diss Academy', 'Eaton Primary']);
    expect(body.stamp).toEqual({ position: last, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const ashill = body.schools[0];
    expect(ashill).toMatchObject({
      urn: URNS.ashill, phase: 'primary', type: 'maintained', district: 'Breckland', pupils: 210,
      categories: { norfolk: 'A4' }, stages: {},
      ofsted: { grade: 4, category: 'special-measures', inspectedOn: '2013-09-17', publishedOn: '2013-10-01' },
      officers: [{ role: 'intervention-officer', name: 'Janet Warburton', personId: 'jw' }],
      lastVisit: { visitedOn: '2013-10-07', officer: 'Janet Warburton', rag: 'A' },
      // A4: a visit every two weeks, so due on 21 October, a month ago.
      nextVisitDueOn: '2013-10-21', visitDue: 'overdue',
      improvementPlan: { dueOn: '2013-10-15', receivedOn: null, overdue: true },
    });
    expect(body.schools[4]).toMatchObject({ urn: URNS.eaton, closedOn: '2013-10-20', visitDue: 'no-schedule' });
  });

  it('reads the register as at a UK day: what had taken effect by then, a categorisation recorded late counting from its own day', async () => {
    const september = await get('/api/schools?asOf=2013-09-30');
    expect(september.body.asOf).toBe('2013-09-30');
    expect(september.body.schools.map((s: { urn: string; categories: object }) => [s.urn, s.categories])).toEqual([
      [URNS.ashill, { norfolk: 'B3' }],
      [URNS.bawdeswell, { norfolk: 'E2' }],
      [URNS.cromer, { norfolk: 'A4' }],
      [URNS.eaton, { norfolk: 'C3' }],
    ]);
    expect(september.body.schools[0]).toMatchObject({ ofsted: null, lastVisit: null, improvementPlan: { dueOn: null, overdue: false } });
    // A date-time is read as its UK day: 23:30 on 30 September BST is already 1 October in London.
    expect((await get('/api/schools?asOf=2013-09-30T23:30:00Z')).body.asOf).toBe('2013-10-01');
    expect((await get('/api/schools?asOf=2013-10-25')).body.schools.find((s: { urn: string }) => s.urn === URNS.eaton).closedOn).toBe('2013-10-20');
  });

  it('narrows the register by phase, district, category, stage, officer, visits due or overdue and plans overdue', async () => {
    expect(await urnsOf('/api/schools?phase=secondary')).toEqual([URNS.cromer, URNS.diss]);
    expect(await urnsOf('/api/schools?district=breckland')).toEqual([URNS.ashill]);
    expect(await urnsOf('/api/schools?category=A4')).toEqual([URNS.ashill, URNS.cromer]);
    expect(await urnsOf('/api/schools?category=A4&scheme=norfolk&phase=primary')).toEqual([URNS.ashill]);
    expect(await urnsOf('/api/schools?category=A4&asOf=2013-09-30')).toEqual([URNS.cromer]);
    expect(await urnsOf('/api/schools?stage=3')).toEqual([URNS.cromer]);
    expect(await urnsOf('/api/schools?stage=3&scheme=essex-stages')).toEqual([URNS.cromer]);
    expect(await urnsOf('/api/schools?officer=jw')).toEqual([URNS.ashill]);
    expect(await urnsOf('/api/schools?officer=chris%20snudden')).toEqual([URNS.cromer]);
    expect(await urnsOf('/api/schools?officer=nobody')).toEqual([]);
    expect(await urnsOf('/api/schools?visit=overdue')).toEqual([URNS.ashill, URNS.cromer]);
    // On 10 October Ashill's visit (7 October) is recent: its next is due on the 21st, within two weeks; Cromer's is overdue.
    expect(await urnsOf('/api/schools?visit=due&asOf=2013-10-10')).toEqual([URNS.ashill, URNS.cromer]);
    expect(await urnsOf('/api/schools?visit=overdue&asOf=2013-10-10')).toEqual([URNS.cromer]);
    expect(await urnsOf('/api/schools?plan=overdue')).toEqual([URNS.ashill]);
    expect(await urnsOf('/api/schools?plan=overdue&asOf=2013-10-15')).toEqual([]);
  });

  it.each([
    ['phase=tertiary', /phase must be one of/],
    ['visit=soon', /visit must be due or overdue/],
    ['plan=late', /plan must be overdue/],
    ['scheme=nope', /scheme "nope" is not one of the council's schemes/],
    ['category=Z9', /category "Z9" is not a code of any category scheme/],
    // 3 is an Essex stage, not a category.
    ['category=3', /category "3" is not a code of any category scheme/],
    ['category=A4&scheme=essex-stages', /category "A4" is not a code of scheme "essex-stages"/],
    ['stage=9', /stage "9" is not a stage of any intervention-stage scheme/],
    ['district=Atlantis', /district "Atlantis" is not the district of any school/],
    ['asOf=2013-09', /asOf must be/],
  ])('refuses an unknown filter value, %s, with 400 saying so', async (query, message) => {
    const { body } = await get(`/api/schools?${query}`, 400);
    expect(body.message.join(' ')).toMatch(message);
  });

  it('answers a school as at a day with its timeline in words, its revision also the ETag', async () => {
    const res = await get(`/api/schools/${URNS.ashill}`);
    expect(res.headers.etag).toBe('"5"');
    expect(res.body).toMatchObject({ asOf: '2013-11-21', revision: 5, school: { urn: URNS.ashill, categories: { norfolk: 'A4' } }, stamp: { position: last } });
    expect(res.body.timeline.map((e: { effectiveOn: string; summary: string }) => [e.effectiveOn, e.summary])).toEqual([
      ['1990-09-01', 'Registered Ashill Primary (Primary, maintained, opened 1990-09-01)'],
      ['2013-09-01', expect.stringMatching(/^Categorised B3 \(Schools who Require Improvement.*\) in Norfolk LA risk categories/)],
      ['2013-09-01', 'Intervention officer assigned: Janet Warburton'],
      ['2013-10-01', 'Ofsted judgement: grade 4, Inadequate, special measures (inspected 2013-09-17, published 2013-10-01); improvement plan due by 2013-10-15'],
      ['2013-10-01', expect.stringMatching(/^Categorised A4 \(Schools of Concern\) in .*, was B3$/)],
      ['2013-10-07', 'Visit by Janet Warburton: Monitoring; progress against its improvement plan rated amber'],
    ]);
    expect(res.body.timeline[4]).toMatchObject({ type: 'SchoolCategorised', reason: 'Special measures', by: { id: 'jw', name: 'Janet Warburton', role: 'officer' }, position: last });
    const september = await get(`/api/schools/${URNS.ashill}?asOf=2013-09-30`);
    expect(september.body.school.categories).toEqual({ norfolk: 'B3' });
    expect(september.body.timeline).toHaveLength(3);
  });

  it('answers 404 to an officer for a URN the register does not hold, or a school not yet open on the day', async () => {
    expect((await get('/api/schools/999999', 404)).body).toMatchObject({ error: 'SchoolNotRegisteredError', message: 'There is no school with URN 999999 in the register.' });
    expect((await get(`/api/schools/${URNS.diss}?asOf=2013-10-31`, 404)).body.message).toBe(`The school with URN ${URNS.diss} had not opened by 2013-10-31.`);
    await get(`/api/schools/${URNS.diss}?asOf=2013-11-01`);
  });

  it("counts the open schools per phase by every code of the scheme, as at a day, naming the schools for an officer", async () => {
    const zeros = { A4: 0, B3: 0, C3: 0, 'D1-3': 0, E1: 0, E2: 0, F1: 0 };
    const september = (await get('/api/schools/categorisation?scheme=norfolk&asOf=2013-09-30')).body;
    expect(september).toEqual({
      asOf: '2013-09-30',
      scheme: 'norfolk',
      phases: [
        {
          phase: 'primary', counts: { ...zeros, B3: 1, C3: 1, E2: 1 }, total: 3, uncategorised: 0,
          schools: [
            { urn: URNS.ashill, name: 'Ashill Primary', category: 'B3' },
            { urn: URNS.bawdeswell, name: 'Bawdeswell Primary', category: 'E2' },
            { urn: URNS.eaton, name: 'Eaton Primary', category: 'C3' },
          ],
        },
        { phase: 'secondary', counts: { ...zeros, A4: 1 }, total: 1, uncategorised: 0, schools: [{ urn: URNS.cromer, name: 'Cromer High', category: 'A4' }] },
      ],
    });
    // Today, by the council's one category scheme: Eaton has closed, Diss has opened with no category.
    const today = (await get('/api/schools/categorisation')).body;
    expect(today.phases.map((p: { phase: string; counts: object; total: number; uncategorised: number }) => [p.phase, p.counts, p.total, p.uncategorised])).toEqual([
      ['primary', { ...zeros, A4: 1, E2: 1 }, 2, 0],
      ['secondary', { ...zeros, A4: 1 }, 2, 1],
    ]);
    // An intervention-stage scheme counts the stages.
    const stages = (await get('/api/schools/categorisation?scheme=essex-stages')).body;
    expect(stages.phases.map((p: { phase: string; counts: object }) => [p.phase, p.counts])).toEqual([
      ['primary', { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 }],
      ['secondary', { 5: 0, 4: 0, 3: 1, 2: 0, 1: 0 }],
    ]);
    expect((await get('/api/schools/categorisation?scheme=nope', 400)).body.message[0]).toMatch(/"nope" is not one of the council's schemes \(essex-stages, norfolk\)/);
  });

  it('lists the movements over a period, worst destination first, comparing the day before it began with its end', async () => {
    const autumn = (await get('/api/schools/movements?from=2013-09-01&to=2013-11-30')).body;
    // On 31 August none was categorised; Eaton has closed by the end.
    expect(autumn).toEqual({
      from: '2013-09-01', to: '2013-11-30', scheme: 'norfolk',
      moves: [
        { from: null, to: 'A4', count: 2, schools: [{ urn: URNS.ashill, name: 'Ashill Primary' }, { urn: URNS.cromer, name: 'Cromer High' }] },
        { from: null, to: 'E2', count: 1, schools: [{ urn: URNS.bawdeswell, name: 'Bawdeswell Primary' }] },
      ],
    });
    const after = (await get('/api/schools/movements?from=2013-09-02&to=2013-11-30&scheme=norfolk')).body;
    expect(after.moves).toEqual([{ from: 'B3', to: 'A4', count: 1, schools: [{ urn: URNS.ashill, name: 'Ashill Primary' }] }]);
    expect((await get('/api/schools/movements?from=2013-10-02')).body).toMatchObject({ to: '2013-11-21', moves: [] });
    expect((await get('/api/schools/movements', 400)).body.message[0]).toMatch(/from is needed/);
    expect((await get('/api/schools/movements?from=2013-12-01&to=2013-11-30', 400)).body.message[0]).toBe('to (2013-11-30) cannot be before from (2013-12-01)');
  });

  it("lists the council's schemes with their codes worst first", async () => {
    const { body } = await get('/api/category-schemes');
    expect(body.map((s: { id: string; kind: string; revision: number }) => [s.id, s.kind, s.revision])).toEqual([
      ['essex-stages', 'intervention-stage', 0],
      ['norfolk', 'category', 0],
    ]);
    expect(body[1].categories.map((c: { code: string }) => c.code)).toEqual(['A4', 'B3', 'C3', 'D1-3', 'E1', 'E2', 'F1']);
    expect(body[1].categories[0]).toEqual({ code: 'A4', label: 'Schools of Concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 });
  });
});
