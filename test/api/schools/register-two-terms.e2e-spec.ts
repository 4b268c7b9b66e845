import { readLog } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * Issue 19's end-to-end test: "imports a school list and a categorisation CSV, records
 * judgements and visits over two terms and checks the as-of categorisation table, the computed
 * measures and the denominators". Autumn term 2013 and spring term 2014, in Norfolk's scheme,
 * with the strategy's KPIs 2.2 and 2.3 (000:596-598) and its trajectory (000:1046-1051).
 *
 * The clock moves with the terms (the register refuses a day after today). UK time matters where
 * a change takes today's day: at 23:30 UTC it is still 31 December in winter (GMT), but already
 * 1 April in summer (BST, 00:30).
 */
describe('the schools register over two terms (issue 19)', () => {
  const clock = new TestClock(new Date('2013-09-02T08:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const officer = tokenFor('officer', { user: 'io', name: 'Ian Officer' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let t: TestApp;
  let last = 0;
  const remember = (res: { body: { position?: number } }) => {
    if (typeof res.body?.position === 'number') last = Math.max(last, res.body.position);
    return res;
  };
  const send = async (path: string, body: object, token = officer, status = 201) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return remember(res);
  };
  const sendCsv = async (path: string, csv: string, status = 200) => {
    const res = await t.http().post(path).set(bearer(officer)).set('Content-Type', 'text/csv').send(csv);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return remember(res);
  };
  const get = (path: string, token = officer) => t.http().get(path).query({ minPosition: last }).set(bearer(token));
  const at = (iso: string) => clock.set(iso);
  const judged = (urn: string, inspectedOn: string, publishedOn: string, grade: number, category?: string) =>
    send(`/api/schools/${urn}/ofsted-judgements`, { inspectedOn, publishedOn, grade, ...(category ? { category } : {}) });
  const visited = (urn: string, visitedOn: string, rag: string) =>
    send(`/api/schools/${urn}/visits`, { visitedOn, officer: 'Ian Officer', purpose: 'Monitoring the improvement plan', notes: 'Met the head and the chair of governors', rag });

  // The national list's extract as Get Information About Schools prints it: its own column names,
  // (code) columns beside the (name) ones, and columns the register does not read.
  const SCHOOLS_LIST = [
    'URN,EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (code),PhaseOfEducation (name),OpenDate,CloseDate,NumberOfPupils,DistrictAdministrative (code),DistrictAdministrative (name),Trusts (name),SchoolSponsors (name),Street',
    '121001,Aylsham Primary School,01,Community school,Open,2,Primary,01-09-1974,,210,E07000144,Broadland,,,Burgh Road',
    '121002,Blofield Primary School,02,Voluntary aided school,Open,2,Primary,,,180,E07000144,Broadland,,,Plantation Road',
    '121003,Cromer Junior School,01,Community school,Open,2,Primary,,,240,E07000147,North Norfolk,,,Norwich Road',
    '121004,Diss Infant School,05,Foundation school,Open,2,Primary,,,150,E07000149,South Norfolk,,,Walcot Road',
    '121005,Eaton Primary School,01,Community school,Open,2,Primary,,,300,E07000148,Norwich,,,Bluebell Road',
    '121006,Fakenham High School,01,Community school,Open,4,Secondary,,,900,E07000147,North Norfolk,,,Field Lane',
    '121007,Gresham Village School,11,Other independent school,Open,0,Not applicable,,,120,E07000147,North Norfolk,,,Cromer Road',
  ].join('\r\n');
  /** Any school's name or URN: what a board member must not see. */
  const NAMES = /Aylsham|Blofield|Cromer|Diss|Eaton|Fakenham|12100\d|140004/;
  const CATEGORISATIONS = [
    'URN,Category,Reason',
    '121001,E2,Autumn risk analysis',
    '121002,B3,Autumn risk analysis',
    '121003,A4,Autumn risk analysis: a school of concern',
    '121004,C3,Autumn risk analysis',
    '121005,E1,Autumn risk analysis',
    '121006,B3,Autumn risk analysis',
  ].join('\n');

  const measure = (id: string, name: string, indicator: string, phase: string) =>
    send('/api/plans/EDU/measures', { id, name, unit: 'percent', polarity: 'higher', amberTolerance: 3, computedFrom: 'register', indicator, phase }, admin);
  const setFigure = (id: string, kind: 'targets' | 'predictions', period: string, value: number) => send(`/api/measures/${id}/${kind}`, { period, value }, admin, 200);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    // Before the autumn term (BST): the scheme, the plan and its measures, the list, the schools' last judgements.
    await send('/api/category-schemes', { example: 'norfolk' }, admin);
    await send('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' }, admin);
    await measure('EDU.M.2.2', 'Improve % of primary phase schools judged good or better', 'good-or-better', 'primary');
    await measure('EDU.M.2.3', 'Improve % of secondary phase schools judged good or better', 'good-or-better', 'secondary');
    await measure('EDU.M.4.1', '% of primary schools of concern RAG rated green by their intervention officer', 'concern-rag-green', 'primary');
    // "When will Norfolk schools get to Good?" (000:1046-1051): predictions as data, targets from KPIs 2.2 and 2.3.
    for (const [period, value] of [['2013-12', 67], ['2014-04', 69], ['2014-07', 78]] as const) await setFigure('EDU.M.2.2', 'predictions', period, value);
    for (const [period, value] of [['2013-12', 60], ['2014-04', 63], ['2014-07', 73]] as const) await setFigure('EDU.M.2.3', 'predictions', period, value);
    await setFigure('EDU.M.2.2', 'targets', '2014-07', 79);
    await setFigure('EDU.M.2.3', 'targets', '2014-07', 75);
    // "80% of schools of concern are RAG rated by Intervention Officers as making good progress" (the issue).
    await setFigure('EDU.M.4.1', 'targets', '2013-12', 80);
    await setFigure('EDU.M.4.1', 'targets', '2014-04', 80);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('imports the national schools list, skipping an independent school, and the first judgements', async () => {
    const report = (await sendCsv('/api/schools/import', SCHOOLS_LIST)).body;
    expect(report).toMatchObject({ registered: 6, revised: 0, closed: 0, unchanged: 0, skipped: [expect.objectContaining({ urn: '121007' })] });
    const registered = (await readLog(t.dataDir)).filter((e) => e.type === 'SchoolRegistered');
    expect(registered.map((e) => e.data.urn)).toEqual(['121001', '121002', '121003', '121004', '121005', '121006']);
    expect(registered[0].data).toMatchObject({ name: 'Aylsham Primary School', phase: 'primary', type: 'maintained', district: 'Broadland', pupils: 210, openedOn: '1974-09-01' });
    // The judgements the schools held when the term began.
    await judged('121001', '2011-05-10', '2011-06-07', 2);
    await judged('121002', '2012-01-17', '2012-02-14', 3);
    await judged('121003', '2012-04-24', '2012-05-22', 3);
    await judged('121004', '2011-05-24', '2011-06-20', 2);
    await judged('121005', '2012-02-07', '2012-03-01', 1);
    await judged('121006', '2012-10-23', '2012-11-20', 3);
  });

  it('imports the autumn categorisation CSV', async () => {
    at('2013-09-20T14:00:00.000Z');
    const report = (await sendCsv('/api/schools/categorisations/import?scheme=norfolk&categorisedOn=2013-09-20', CATEGORISATIONS)).body;
    expect(report).toMatchObject({ categorised: 6, unchanged: 0 });
    const categorised = (await readLog(t.dataDir)).filter((e) => e.type === 'SchoolCategorised');
    expect(categorised.map((e) => [e.data.urn, e.data.category, e.data.categorisedOn])).toEqual([
      ['121001', 'E2', '2013-09-20'], ['121002', 'B3', '2013-09-20'], ['121003', 'A4', '2013-09-20'], ['121004', 'C3', '2013-09-20'], ['121005', 'E1', '2013-09-20'], ['121006', 'B3', '2013-09-20'],
    ]);
  });

  it('records the autumn term: judgements published in BST and GMT, a grade 4, a visit, a category changed late on 31 December', async () => {
    at('2013-10-15T09:00:00.000Z'); // BST
    await judged('121001', '2013-09-24', '2013-10-15', 2);
    at('2013-10-29T10:00:00.000Z'); // GMT: the clocks went back on 27 October
    await judged('121002', '2013-10-08', '2013-10-29', 3);
    at('2013-12-03T10:00:00.000Z');
    await judged('121003', '2013-11-12', '2013-12-03', 4, 'special-measures');
    at('2013-12-10T15:00:00.000Z');
    await visited('121003', '2013-12-10', 'R');
    // 23:30 UTC on 31 December is 23:30 in the UK (GMT): the category taken today is December's.
    at('2013-12-31T23:30:00.000Z');
    await send('/api/schools/121002/categorisations', { scheme: 'norfolk', category: 'C3', reason: 'Termly review: making good progress' });
    const [change] = (await readLog(t.dataDir)).filter((e) => e.type === 'SchoolCategorised' && e.data.category === 'C3' && e.data.urn === '121002');
    expect(change.data).toMatchObject({ previous: 'B3', categorisedOn: '2013-12-31' });
  });

  it('records the spring term: a conversion to an academy, visits, a category taken at 00:30 BST on 1 April, a re-inspection and a judgement recorded late', async () => {
    at('2014-01-02T10:00:00.000Z');
    await send('/api/schools/121004/conversion', { successorUrn: '140004', convertedOn: '2014-01-01', reason: 'Converted to an academy with the Diss Academy Trust', name: 'Diss Infant Academy', trust: 'Diss Academy Trust' });
    const log = await readLog(t.dataDir);
    const converted = log.find((e) => e.type === 'SchoolConverted');
    const academy = log.find((e) => e.type === 'SchoolRegistered' && e.data.urn === '140004');
    // One append over both streams: the same causation.
    expect(converted?.metadata.causationId).toBe(academy?.metadata.causationId);
    expect(converted?.data).toMatchObject({ urn: '121004', successorUrn: '140004', convertedOn: '2014-01-01' });
    expect(academy?.data).toMatchObject({ urn: '140004', predecessorUrn: '121004', openedOn: '2014-01-01', phase: 'primary', type: 'academy-converter' });
    at('2014-01-14T15:00:00.000Z');
    await visited('121003', '2014-01-14', 'A');
    at('2014-03-31T08:00:00.000Z'); // BST since 30 March
    await visited('121003', '2014-03-31', 'G');
    // 23:30 UTC on 31 March is 00:30 on 1 April in the UK (BST): the category taken today is April's.
    at('2014-03-31T23:30:00.000Z');
    await send('/api/schools/121001/categorisations', { scheme: 'norfolk', category: 'E1', reason: 'Spring review: confidently good' });
    const [spring] = (await readLog(t.dataDir)).filter((e) => e.type === 'SchoolCategorised' && e.data.category === 'E1' && e.data.urn === '121001');
    expect(spring.data).toMatchObject({ previous: 'E2', categorisedOn: '2014-04-01' });
    at('2014-04-08T09:00:00.000Z');
    await judged('121002', '2014-03-18', '2014-04-08', 2);
    // Recorded in May for a judgement published in December: it counts in December's figures.
    at('2014-05-06T09:00:00.000Z');
    await judged('121006', '2013-11-19', '2013-12-12', 2);
  });

  describe('the categorisation table as at a day', () => {
    const table = async (asOf: string, token = officer) => (await get(`/api/schools/categorisation?scheme=norfolk&asOf=${asOf}`, token).expect(200)).body;
    const counts = (values: Partial<Record<'A4' | 'B3' | 'C3' | 'D1-3' | 'E1' | 'E2' | 'F1', number>>) => ({ A4: 0, B3: 0, C3: 0, 'D1-3': 0, E1: 0, E2: 0, F1: 0, ...values });

    it('counts the autumn categories, per phase, with the schools for an officer', async () => {
      const september = await table('2013-09-30');
      expect(september).toMatchObject({ scheme: 'norfolk' });
      expect(september.phases.map((p: { phase: string; counts: object; total: number }) => [p.phase, p.counts, p.total])).toEqual([
        ['primary', counts({ A4: 1, B3: 1, C3: 1, E1: 1, E2: 1 }), 5],
        ['secondary', counts({ B3: 1 }), 1],
      ]);
      expect(september.phases[0].schools).toEqual(expect.arrayContaining([{ urn: '121003', name: 'Cromer Junior School', category: 'A4' }]));
    });

    it("takes 31 December's change (23:30 GMT) in December, not before", async () => {
      expect((await table('2013-12-30')).phases[0].counts).toEqual(counts({ A4: 1, B3: 1, C3: 1, E1: 1, E2: 1 }));
      expect((await table('2013-12-31')).phases[0].counts).toEqual(counts({ A4: 1, C3: 2, E1: 1, E2: 1 }));
    });

    it('leaves the converted school out from its conversion, its academy uncategorised, and takes 00:30 BST on 1 April as April', async () => {
      const march = (await table('2014-03-31')).phases[0];
      // 121004 converted on 1 January; its academy 140004 is open and holds no category yet.
      expect(march).toMatchObject({ phase: 'primary', counts: counts({ A4: 1, C3: 1, E1: 1, E2: 1 }), total: 5 });
      expect(march.schools.map((s: { urn: string }) => s.urn)).not.toContain('121004');
      expect((await table('2014-04-01')).phases[0].counts).toEqual(counts({ A4: 1, C3: 1, E1: 2 }));
    });

    it('shows a board member the counts and no school', async () => {
      const april = await table('2014-04-01', board);
      expect(april.phases[0].counts).toEqual(counts({ A4: 1, C3: 1, E1: 2 }));
      expect(april.phases.every((p: { schools?: unknown[] }) => (p.schools ?? []).length === 0)).toBe(true);
      expect(JSON.stringify(april)).not.toMatch(NAMES);
    });
  });

  describe('the computed measures and their denominators', () => {
    const computed = async (id: string, token = admin) => (await get(`/api/measures/${id}`, token).expect(200)).body;

    it('computes % of primary schools judged good or better at December 2013 and April 2014, the academy with no judgement leaving the denominator', async () => {
      const primary = await computed('EDU.M.2.2');
      const [december, april, july] = primary.series;
      // 31 December: Aylsham (2), Blofield (3), Cromer (4, special measures since 3 December), Diss (2), Eaton (1).
      expect(december).toMatchObject({ period: '2013-12', value: 60, provisional: false, predicted: 67, target: null });
      expect(december.computed).toMatchObject({ on: '2013-12-31', numerator: 3, denominator: 5 });
      expect(december.computed.schools.map((s: { urn: string; counted: boolean }) => [s.urn, s.counted])).toEqual([
        ['121001', true], ['121002', false], ['121003', false], ['121004', true], ['121005', true],
      ]);
      // 30 April: Diss converted on 1 January and its academy has no judgement yet (000:1053); Blofield judged good on 8 April.
      expect(april).toMatchObject({ period: '2014-04', value: 75, provisional: false, predicted: 69 });
      expect(april.computed).toMatchObject({ on: '2014-04-30', numerator: 3, denominator: 4 });
      expect(april.computed.schools.map((s: { urn: string }) => s.urn)).toEqual(['121001', '121002', '121003', '121005']);
      expect(april.computed.explanation).toBe('3 of 4 open primary schools with an Ofsted judgement are judged good or better: 75%; 1 school without an Ofsted judgement yet is not counted');
      // July has not begun on 6 May: no figure yet, only the prediction and the target.
      expect(july).toMatchObject({ period: '2014-07', value: null, predicted: 78, target: 79 });
      expect(primary).toMatchObject({ rag: null, direction: 'improving' });
    });

    it('counts a judgement recorded late on the day it was published: the secondary measure in December', async () => {
      const secondary = await computed('EDU.M.2.3');
      expect(secondary.series[0]).toMatchObject({ period: '2013-12', value: 100, computed: { on: '2013-12-31', numerator: 1, denominator: 1 } });
    });

    it('computes % of schools of concern rated green at their latest visit, judged Red then Green against the 80% target', async () => {
      const concern = await computed('EDU.M.4.1');
      expect(concern.series.map((p: { period: string; value: number; computed: { numerator: number; denominator: number } }) => [p.period, p.value, p.computed.numerator, p.computed.denominator])).toEqual([
        ['2013-12', 0, 0, 1],
        ['2014-04', 100, 1, 1],
      ]);
      expect(concern).toMatchObject({ rag: 'G', direction: 'improving' });
      expect(concern.explanation).toMatch(/^100% in 2014-04 against target 80%: Green\./);
      // As it stood in January the RAG was judged on December's figure: Red.
      expect(await computed('EDU.M.4.1?asOf=2014-01-31', board)).toMatchObject({ rag: 'R' });
    });

    it('shows a board member the numerators and denominators but no school names', async () => {
      const primary = await computed('EDU.M.2.2', board);
      expect(primary.series[1].computed).toEqual({ on: '2014-04-30', numerator: 3, denominator: 4, explanation: expect.any(String) });
      const rows = (await get('/api/plans/EDU/measures', board).expect(200)).body.measures;
      expect(rows.find((r: { id: string }) => r.id === 'EDU.M.2.2')).toMatchObject({ period: '2014-04', value: 75, computed: { numerator: 3, denominator: 4 } });
      const everything = JSON.stringify([primary, rows, await computed('EDU.M.4.1', board)]);
      expect(everything).not.toMatch(NAMES);
    });

    it('draws the trajectory: predicted against target per phase by term, with the actual figures of the terms ended', async () => {
      const view = (await get('/api/trajectory?indicator=good-or-better', board).expect(200)).body;
      expect(view.asOf).toBe('2014-05-06');
      expect(view.phases.map((p: { phase: string; periods: unknown[] }) => [p.phase, p.periods])).toEqual([
        ['primary', [
          { period: '2013-12', predicted: 67, target: null, actual: 60 },
          { period: '2014-04', predicted: 69, target: null, actual: 75 },
          { period: '2014-07', predicted: 78, target: 79, actual: null },
        ]],
        ['secondary', [
          { period: '2013-12', predicted: 60, target: null, actual: 100 },
          { period: '2014-04', predicted: 63, target: null, actual: 100 },
          { period: '2014-07', predicted: 73, target: 75, actual: null },
        ]],
      ]);
      expect(JSON.stringify(view)).not.toMatch(NAMES);
    });
  });
});
