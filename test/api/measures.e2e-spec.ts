import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { NORFOLK_FILE } from '../support/norfolk';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/** Outcome measures end to end: a series recorded at controlled times, the board, as-of, history, chart, import. */
describe('outcome measures', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'cs', name: 'Chris Snudden', plans: ['EDU'] });
  const otherOwner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object, token = owner, status = 200) => {
    const res = await t.http().post(path).set(bearer(token)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    if (res.body.position) last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = board) => t.http().get(path).set(bearer(token));
  const M = '/api/measures/EDU.M.primary';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'EDU', kind: 'education', title: "A Good School for Every Norfolk Learner" }, admin, 201);
    await post('/api/plans/EDU/workstreams', { id: 'EDU.P2', title: 'Hold schools to account' }, admin, 201);
    await post('/api/plans/EDU/measures', {
      id: 'EDU.M.primary', name: 'Improve % of primary phase schools judged <good> & better', unit: 'percent', polarity: 'higher',
      workstreamId: 'EDU.P2', baseline: { period: '2013', value: 64 }, amberTolerance: 3,
    }, owner, 201);
    await post(`${M}/targets`, { period: '2014', value: 79 });
    await post(`${M}/targets`, { period: '2015', value: 85 });
    await post(`${M}/comparators`, { period: '2013', comparator: 'national', value: 79 });
    await post(`${M}/comparators`, { period: '2014', comparator: 'national', value: 80 });
    await post(`${M}/values`, { period: '2013', value: 64, source: 'Ofsted data view' });
    clock.set('2014-07-01T09:00:00.000Z');
    await post(`${M}/values`, { period: '2014', value: 76, provisional: true, source: 'Local inspection tracker' });
    clock.set('2014-10-15T09:00:00.000Z');
    await post(`${M}/values`, { period: '2014', value: 81, source: 'Ofsted official statistics' });
    clock.set('2014-11-20T09:00:00.000Z');
    await post(`${M}/revisions`, { period: '2014', value: 74, reason: 'Re-inspections reclassified 12 schools' });
    clock.set('2014-11-21T09:00:00.000Z');
    await post(`${M}/rag-override`, { rag: 'G', reason: 'Eight of the twelve have improvement plans signed off' });
    await get(`${M}?minPosition=${last}`).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('shows the series, the computed RAG with its explanation, and the override beside it', async () => {
    const measure = (await get(M).expect(200)).body;
    expect(measure).toMatchObject({
      id: 'EDU.M.primary', planId: 'EDU', workstreamId: 'EDU.P2', unit: 'percent', polarity: 'higher', baseline: { period: '2013', value: 64 }, amberTolerance: 3,
      rag: 'R', explanation: '74% in 2014 against target 79%: Red', rule: 'measure-rag/1',
      override: { rag: 'G', reason: 'Eight of the twelve have improvement plans signed off', by: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, at: '2014-11-21T09:00:00.000Z' },
      direction: 'improving',
    });
    expect(measure.series).toEqual([
      { period: '2013', value: 64, provisional: false, source: 'Ofsted data view', revisedFrom: null, revisionReason: null, target: null, national: 79, statisticalNeighbours: null, regional: null, predicted: null },
      { period: '2014', value: 74, provisional: false, source: 'Ofsted official statistics', revisedFrom: 81, revisionReason: 'Re-inspections reclassified 12 schools', target: 79, national: 80, statisticalNeighbours: null, regional: null, predicted: null },
      { period: '2015', value: null, provisional: false, source: null, revisedFrom: null, revisionReason: null, target: 85, national: null, statisticalNeighbours: null, regional: null, predicted: null },
    ]);
  });

  it("shows the plan's measures board, now and as it stood", async () => {
    const now = (await get('/api/plans/EDU/measures').expect(200)).body.measures;
    expect(now).toEqual([expect.objectContaining({ id: 'EDU.M.primary', period: '2014', value: 74, provisional: false, target: 79, national: 80, rag: 'R', direction: 'improving', override: expect.objectContaining({ rag: 'G' }) })]);
    const july = (await get('/api/plans/EDU/measures?asOf=2014-07-01T12:00:00Z').expect(200)).body.measures;
    expect(july).toEqual([expect.objectContaining({ value: 76, provisional: true, rag: 'A', explanation: '76% (provisional) in 2014 against target 79%: Amber', override: null })]);
    const october = (await get(`${M}?asOf=2014-10-31`).expect(200)).body;
    expect(october).toMatchObject({ rag: 'G', explanation: '81% in 2014 against target 79%: Green', override: null });
    await get('/api/plans/EDU/measures?asOf=2014-07-01', owner).expect(403);
    await get('/api/plans/NOPE/measures').expect(404);
  });

  it('keeps the history: who, when, what and why', async () => {
    const history = (await get(`${M}/history`).expect(200)).body;
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'MeasureDefined', 'MeasureTargetSet', 'MeasureTargetSet', 'MeasureComparatorRecorded', 'MeasureComparatorRecorded',
      'MeasureValueRecorded', 'MeasureValueRecorded', 'MeasureValueRecorded', 'MeasureValueRevised', 'MeasureRagOverridden',
    ]);
    const revised = history[8];
    expect(revised).toMatchObject({
      at: '2014-11-20T09:00:00.000Z', actor: { id: 'cs', role: 'owner' }, reason: 'Re-inspections reclassified 12 schools',
      data: { period: '2014', value: 74, previous: 81, judgement: { rule: 'measure-rag/1', rag: 'R', explanation: '74% in 2014 against target 79%: Red' } },
    });
    const audit = (await get('/api/audit?type=MeasureRagOverridden').expect(200)).body.items;
    expect(audit).toHaveLength(1);
  });

  it('draws a well-formed SVG chart with every period, the targets and the national comparator', async () => {
    const res = await get(`${M}/chart.svg`).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const period of ['2013', '2014', '2015']) expect(svg).toContain(`>${period}</text>`);
    expect(svg).toContain('<title id="title">Improve % of primary phase schools judged &lt;good&gt; &amp; better</title>');
    expect(svg).toMatch(/class="series-value"/);
    expect(svg).toMatch(/class="series-target"/);
    expect(svg).toMatch(/class="series-national"/);
    expect(svg).toContain('2014: value 74%, target 79%, national 80%');
    expect(svg).toContain('G Green (overridden)');
  });

  it('refuses bad input with 400 or 422 and changes nothing', async () => {
    const before = (await get(M).expect(200)).body.revision;
    await post(`${M}/values`, { period: '2014', value: 90 }, owner, 422);
    await post(`${M}/values`, { period: 'next year', value: 90 }, owner, 400);
    await post(`${M}/values`, { period: '2016', value: '90' }, owner, 400);
    await post(`${M}/revisions`, { period: '2014', value: 70 }, owner, 400);
    await post(`${M}/revisions`, { period: '2016', value: 70, reason: 'x' }, owner, 422);
    await post(`${M}/rag-override`, { rag: 'B', reason: 'x' }, owner, 400);
    await post('/api/plans/EDU/measures', { id: 'EDU.M.primary', name: 'again', unit: 'percent', polarity: 'higher', amberTolerance: 1 }, owner, 409);
    await post('/api/plans/EDU/measures', { id: 'EDU.M.x', name: 'x', unit: 'percent', polarity: 'higher', amberTolerance: 1, workstreamId: 'EDU.P9' }, owner, 422);
    await post('/api/plans/EDU/measures', { id: 'EDU.M.y', name: 'y', unit: 'furlongs', polarity: 'higher', amberTolerance: 1 }, owner, 400);
    await post('/api/plans/EDU/measures', { id: 'EDU.M.z', name: 'z', unit: 'count', polarity: 'higher', amberTolerance: -1 }, owner, 400);
    await post('/api/measures/NOPE/values', { period: '2014', value: 1 }, owner, 404);
    expect((await get(M).expect(200)).body.revision).toBe(before);
  });

  it('lets admins and the owners of the plan record, and everyone read', async () => {
    await post(`${M}/targets`, { period: '2016', value: 95 }, otherOwner, 403);
    await post(`${M}/targets`, { period: '2016', value: 95 }, board, 403);
    await t.http().post(`${M}/targets`).send({ period: '2016', value: 95 }).expect(401);
    await post(`${M}/targets`, { period: '2016', value: 95 }, admin, 200);
    await get(M, otherOwner).expect(200);
  });

  it('loads the education measures of the shared Norfolk file through the import', async () => {
    const res = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(readFileSync(NORFOLK_FILE, 'utf8')).expect(200);
    expect(res.body.measures.created).toBeGreaterThanOrEqual(20);
    const measure = (await get(`/api/measures/EDU.M.2.2?minPosition=${res.body.position}`).expect(200)).body;
    // "% of primary schools judged good or better: 64 (national 79); targets 79, 85, 95"
    expect(measure.series.map((p: { period: string; value: number | null; target: number | null; national: number | null }) => [p.period, p.value, p.target, p.national])).toEqual([
      ['2012', 60, null, 69], ['2013', 64, null, 79], ['2014', null, 79, null], ['2015', null, 85, null], ['2016', null, 95, null],
    ]);
    const ks2 = (await get('/api/measures/EDU.M.1.2').expect(200)).body;
    expect(ks2).toMatchObject({
      name: 'Improve outcomes at Key Stage 2 %L4+ Reading, Writing and Mathematics', polarity: 'higher', unit: 'percent',
      baseline: { period: '2013', value: 70 }, rag: null, explanation: '70% (provisional) in 2013, no target for 2013: no RAG',
    });
    expect(ks2.series.map((p: { period: string; value: number | null; target: number | null; national: number | null }) => [p.period, p.value, p.target, p.national])).toEqual([
      ['2012', 69, null, 75], ['2013', 70, null, 76], ['2014', null, 77, null], ['2015', null, 81, null], ['2016', null, 85, null],
    ]);
    const reduce = (await get('/api/measures/EDU.M.2.6').expect(200)).body;
    expect(reduce.polarity).toBe('lower');
    const again = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(readFileSync(NORFOLK_FILE, 'utf8')).expect(200);
    expect(again.body.measures).toMatchObject({ created: 0, changed: 0 });
  });
});
