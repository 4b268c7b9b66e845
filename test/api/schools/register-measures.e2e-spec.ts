import { XMLValidator } from 'fast-xml-parser';
import { readLog } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * Register-computed measures through the API: defining one, predictions, its figures computed
 * when read (with the schools counted only for those allowed), the plan's measures board, and
 * the trajectory route with its roles. The register is written through the register's routes.
 */
describe('register-computed measures (issue 19)', () => {
  // The measure is defined in November 2013, so that it stood on the days read as at below.
  const clock = new TestClock(new Date('2013-11-01T10:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
  const otherOwner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const officer = tokenFor('officer', { user: 'io', name: 'Ian Officer' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const member = tokenFor('board', { user: 'cllr', name: 'Local Member', schools: ['122002'] });
  const head = tokenFor('school', { user: 'head', name: 'Head Teacher', schools: ['122001'] });
  const auditor = tokenFor('auditor', { user: 'aud', name: 'Auditor' });
  let t: TestApp;
  let last = 0;
  const send = async (path: string, body: object, token: string, status: number) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body?.position) last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = admin) => t.http().get(path).query({ minPosition: last }).set(bearer(token));
  const M = '/api/measures/EDU.M.gob';
  const definition = { id: 'EDU.M.gob', name: 'Improve % of primary phase schools judged good or better', unit: 'percent', polarity: 'higher', amberTolerance: 3, computedFrom: 'register', indicator: 'good-or-better', phase: 'primary' };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await send('/api/plans', { id: 'EDU', kind: 'education', title: 'A Good School for Every Norfolk Learner' }, admin, 201);
    const school = (urn: string, name: string, phase = 'primary') => send('/api/schools', { urn, name, phase, type: 'maintained', district: 'Breckland', pupils: 200 }, officer, 201);
    await school('122001', 'Attleborough Primary');
    await school('122002', 'Bawdeswell Primary');
    await school('122003', 'Carbrooke Primary');
    await school('122004', 'Dereham High', 'secondary');
    const judged = (urn: string, grade: number) => send(`/api/schools/${urn}/ofsted-judgements`, { inspectedOn: '2013-09-10', publishedOn: '2013-10-01', grade }, officer, 201);
    await judged('122001', 2);
    await judged('122002', 3);
    await judged('122004', 2);
    // 122003 has no judgement: it is left out of the denominator.
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('defining a register measure', () => {
    it('records computedFrom, indicator and phase on MeasureDefined', async () => {
      await send('/api/plans/EDU/measures', definition, owner, 201);
      const [defined] = (await readLog(t.dataDir)).filter((e) => e.streamId === 'measure-EDU.M.gob');
      expect(defined).toMatchObject({ type: 'MeasureDefined', data: { measureId: 'EDU.M.gob', planId: 'EDU', computedFrom: 'register', indicator: 'good-or-better', phase: 'primary', unit: 'percent' } });
    });

    it.each([
      ['an indicator outside the list', { indicator: 'attendance' }, /indicator must be one of: good-or-better/],
      ['a phase outside the list', { phase: 'infant' }, /phase must be one of: nursery, primary/],
      ['a source other than the register', { computedFrom: 'spreadsheet' }, /computedFrom must be one of: register/],
    ])('refuses %s with 400 and writes nothing', async (_, change, message) => {
      const before = (await readLog(t.dataDir)).length;
      const res = await send('/api/plans/EDU/measures', { ...definition, id: 'EDU.M.bad', ...change }, owner, 400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect((await readLog(t.dataDir)).length).toBe(before);
    });

    it.each([
      ['computedFrom without an indicator', { indicator: undefined }, /needs an indicator/],
      ['an indicator without computedFrom', { computedFrom: undefined }, /add computedFrom "register"/],
      ['a unit other than a percentage', { unit: 'count' }, /its unit is "percent"/],
    ])('refuses %s with 422 and writes nothing', async (_, change, message) => {
      const before = (await readLog(t.dataDir)).length;
      const res = await send('/api/plans/EDU/measures', { ...definition, id: 'EDU.M.bad', ...change }, owner, 422);
      expect(res.body.message).toMatch(message);
      expect((await readLog(t.dataDir)).length).toBe(before);
    });
  });

  describe('predictions and targets', () => {
    it('records predictions (PLAN_WRITERS of the plan) and targets; a later prediction stands in place of the earlier', async () => {
      const answer = (await send(`${M}/predictions`, { period: '2013-12', value: 65, reason: 'First estimate' }, owner, 200)).body;
      expect(answer).toEqual({ id: 'EDU.M.gob', revision: expect.any(Number), position: expect.any(Number) });
      await send(`${M}/predictions`, { period: '2013-12', value: 67, reason: 'LA risk analysis, autumn' }, admin, 200);
      await send(`${M}/predictions`, { period: '2014-04', value: 69 }, owner, 200);
      await send(`${M}/targets`, { period: '2014-01', value: 70 }, owner, 200);
      await send(`${M}/targets`, { period: '2014-07', value: 79 }, owner, 200);
      const predictions = (await readLog(t.dataDir)).filter((e) => e.type === 'MeasurePredictionRecorded');
      expect(predictions.map((e) => e.data)).toEqual([
        { measureId: 'EDU.M.gob', planId: 'EDU', period: '2013-12', value: 65, reason: 'First estimate' },
        { measureId: 'EDU.M.gob', planId: 'EDU', period: '2013-12', value: 67, previous: 65, reason: 'LA risk analysis, autumn' },
        { measureId: 'EDU.M.gob', planId: 'EDU', period: '2014-04', value: 69 },
      ]);
      expect(predictions[1].metadata.actor).toMatchObject({ id: 'ada', role: 'admin' });
      const history = (await get(`${M}/history`).expect(200)).body;
      expect(history.filter((h: { type: string }) => h.type === 'MeasurePredictionRecorded').map((h: { reason: string | null }) => h.reason)).toEqual(['First estimate', 'LA risk analysis, autumn', null]);
    });

    it('refuses predictions from those who may not change the plan, and bad input', async () => {
      for (const token of [otherOwner, board, officer, head, auditor]) await send(`${M}/predictions`, { period: '2014-07', value: 78 }, token, 403);
      await send(`${M}/predictions`, { period: 'July 2014', value: 78 }, owner, 400);
      await send(`${M}/predictions`, { period: '2014-07', value: 'high' }, owner, 400);
      await send(`${M}/predictions`, { period: '2014-04', value: 69 }, owner, 422);
      await send('/api/measures/EDU.M.none/predictions', { period: '2014-04', value: 69 }, owner, 404);
    });

    it('refuses a value typed into a register measure, with 422, and writes nothing', async () => {
      const before = (await readLog(t.dataDir)).length;
      const res = await send(`${M}/values`, { period: '2014-01', value: 80 }, owner, 422);
      expect(res.body.message).toBe("This measure's figures come from the schools register: record the judgements, categories and visits instead.");
      await send(`${M}/revisions`, { period: '2014-01', value: 80, reason: 'x' }, owner, 422);
      expect((await readLog(t.dataDir)).length).toBe(before);
    });
  });

  describe('its figures, computed when read', () => {
    beforeAll(async () => {
      clock.set('2014-01-20T16:00:00.000Z');
      await send('/api/schools/122002/ofsted-judgements', { inspectedOn: '2013-12-10', publishedOn: '2014-01-20', grade: 2 }, officer, 201);
      clock.set('2014-02-03T10:00:00.000Z');
    });

    it('computes each period from the register on its last day, with numerator, denominator and the schools counted', async () => {
      const measure = (await get(M).expect(200)).body;
      expect(measure).toMatchObject({ computedFrom: 'register', indicator: 'good-or-better', phase: 'primary' });
      const [december, january, april, july] = measure.series;
      expect(december).toMatchObject({ period: '2013-12', value: 50, provisional: false, predicted: 67, target: null });
      expect(december.computed).toEqual({
        on: '2013-12-31', numerator: 1, denominator: 2,
        explanation: '1 of 2 open primary schools with an Ofsted judgement are judged good or better: 50%; 1 school without an Ofsted judgement yet is not counted',
        schools: [{ urn: '122001', name: 'Attleborough Primary', counted: true }, { urn: '122002', name: 'Bawdeswell Primary', counted: false }],
      });
      // January: Bawdeswell judged good on 20 January.
      expect(january).toMatchObject({ period: '2014-01', value: 100, provisional: false, target: 70, computed: { on: '2014-01-31', numerator: 2, denominator: 2 } });
      // February 2014 is today: April has not begun, July neither; no figure for them.
      expect(april).toMatchObject({ period: '2014-04', value: null, predicted: 69 });
      expect(april.computed).toBeUndefined();
      expect(july).toMatchObject({ period: '2014-07', value: null, target: 79 });
      expect(measure).toMatchObject({ rag: 'G', rule: 'measure-rag/1', direction: 'improving' });
      expect(measure.explanation).toMatch(/^100% in 2014-01 against target 70%: Green\. 2 of 2 open primary schools/);
    });

    it('reads the register on the asOf day for the periods not ended by then, provisionally', async () => {
      const measure = (await get(`${M}?asOf=2014-01-10`, board).expect(200)).body;
      expect(measure.series[1]).toMatchObject({ period: '2014-01', value: 50, provisional: true, computed: { on: '2014-01-10', numerator: 1, denominator: 2 } });
      expect(measure).toMatchObject({ rag: 'R' });
    });

    it('names the schools counted only to those who may see them', async () => {
      const seen = async (token: string) => (await get(M, token).expect(200)).body.series[0].computed;
      expect((await seen(auditor)).schools).toHaveLength(2);
      expect((await seen(officer)).schools).toHaveLength(2);
      // A board member sees the numbers and no school; a local member, the school of their division; a headteacher not the plans' measures at all.
      const numbersOnly = await seen(board);
      expect(numbersOnly).toMatchObject({ numerator: 1, denominator: 2 });
      expect(numbersOnly.schools).toBeUndefined();
      expect(JSON.stringify((await get(M, board).expect(200)).body)).not.toMatch(/Attleborough|Bawdeswell|12200/);
      expect((await seen(member)).schools).toEqual([{ urn: '122002', name: 'Bawdeswell Primary', counted: false }]);
      expect((await get(M, head).expect(403)).body.message).toMatch(/not shared with schools/);
    });

    it('draws the computed figures and the predictions on the chart, and tells them in its description', async () => {
      const chart = async (path: string) => {
        const res = await get(path, board).buffer(true).expect(200);
        return Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
      };
      const svg = await chart(`${M}/chart.svg`);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toContain('class="series-predicted"');
      expect(svg).toContain('<title>Predicted 2013-12: 67%</title>');
      expect(svg).toMatch(/2013-12: value 50%, predicted 67%; 2014-01: value 100%, target 70%;/);
      expect(svg).not.toMatch(/Attleborough|Bawdeswell/);
      // A measure without predictions has no such line, nor its legend.
      await send('/api/plans/EDU/measures', { id: 'EDU.M.typed', name: 'Early Years outcomes', unit: 'percent', polarity: 'higher', amberTolerance: 2 }, owner, 201);
      expect(await chart('/api/measures/EDU.M.typed/chart.svg')).not.toContain('Predicted');
    });

    it("shows the latest computed figure and its RAG on the plan's measures board", async () => {
      const rows = (await get('/api/plans/EDU/measures', board).expect(200)).body.measures;
      expect(rows.filter((r: { computedFrom?: string }) => r.computedFrom === 'register')).toEqual([
        expect.objectContaining({
          id: 'EDU.M.gob', period: '2014-01', value: 100, target: 70, rag: 'G', computedFrom: 'register', indicator: 'good-or-better', phase: 'primary',
          computed: { on: '2014-01-31', numerator: 2, denominator: 2, explanation: expect.any(String) },
        }),
      ]);
    });
  });

  describe('GET /api/trajectory', () => {
    it('lists predicted, target and actual per phase for the periods with a prediction or target, numbers only', async () => {
      await send('/api/plans/EDU/measures', { ...definition, id: 'EDU.M.gob.sec', name: 'Improve % of secondary phase schools judged good or better', phase: 'secondary' }, owner, 201);
      await send('/api/measures/EDU.M.gob.sec/predictions', { period: '2013-12', value: 60 }, owner, 200);
      const view = (await get('/api/trajectory?indicator=good-or-better', board).expect(200)).body;
      expect(view).toEqual({
        asOf: '2014-02-03',
        indicator: 'good-or-better',
        phases: [
          {
            phase: 'primary', measureId: 'EDU.M.gob', planId: 'EDU', name: 'Improve % of primary phase schools judged good or better',
            periods: [
              { period: '2013-12', predicted: 67, target: null, actual: 50 },
              { period: '2014-01', predicted: null, target: 70, actual: 100 },
              { period: '2014-04', predicted: 69, target: null, actual: null },
              { period: '2014-07', predicted: null, target: 79, actual: null },
            ],
          },
          { phase: 'secondary', measureId: 'EDU.M.gob.sec', planId: 'EDU', name: 'Improve % of secondary phase schools judged good or better', periods: [{ period: '2013-12', predicted: 60, target: null, actual: 100 }] },
        ],
      });
      // As at 10 January: January had not ended, so it has no actual yet.
      const january = (await get('/api/trajectory?indicator=good-or-better&asOf=2014-01-10', officer).expect(200)).body;
      expect(january.phases[0].periods[1]).toEqual({ period: '2014-01', predicted: null, target: 70, actual: null });
      // Another indicator has no register measure.
      expect((await get('/api/trajectory?indicator=concern-rag-green', admin).expect(200)).body).toEqual({ asOf: '2014-02-03', indicator: 'concern-rag-green', phases: [] });
    });

    it('is documented in the OpenAPI document, with the predictions route and the new measure fields', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      for (const [method, path] of [['get', '/api/trajectory'], ['post', '/api/measures/{id}/predictions']]) {
        const op = doc.paths[path]?.[method];
        expect({ path, documented: Boolean(op) }).toEqual({ path, documented: true });
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
        expect(op.responses['200'].content['application/json'].schema.example).toBeDefined();
      }
      expect(doc.paths['/api/trajectory'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['indicator', 'asOf']));
      expect(Object.keys(doc.components.schemas.DefineMeasureDto.properties)).toEqual(expect.arrayContaining(['computedFrom', 'indicator', 'phase']));
      expect(doc.components.schemas.RecordPredictionDto.properties.reason.example).toBeDefined();
    });

    it('is for officers, admins, auditors and the board; an unknown or missing indicator is a 400', async () => {
      for (const token of [officer, admin, auditor, board]) await get('/api/trajectory?indicator=good-or-better', token).expect(200);
      for (const token of [owner, head]) await get('/api/trajectory?indicator=good-or-better', token).expect(403);
      await get('/api/trajectory?indicator=attendance').expect(400);
      await get('/api/trajectory').expect(400);
      await get('/api/trajectory?indicator=good-or-better&asOf=2014-13-01').expect(400);
    });
  });
});
