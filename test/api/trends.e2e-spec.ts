import { XMLParser } from 'fast-xml-parser';
import type { TrendView } from '@rag-ledger/contract';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';
import { xmlProblem } from '../support/well-formed';

/**
 * GET /api/plans/:planId/trends, /api/trends and their .svg charts: each point what the as-of
 * board said at the point's instant, the period as the other period routes read it, counts only.
 */
describe('trends through the API', () => {
  const clock = new TestClock();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['EH'] });
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = Math.max(last, res.body.position);
    return res;
  };
  const get = (path: string, token = admin) => t.http().get(path).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    clock.set('2013-10-01T09:00:00.000Z');
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic <Improvement> & "Plan"' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.W', title: 'Practice' });
    for (const id of ['S1', 'S2', 'S3']) await post('/api/plans/SIP/actions', { id, workstreamId: 'SIP.W', title: `Action ${id}`, owners: ['AB'], targetDate: '2013-11-15' });
    await post('/api/actions/S1/start', { rag: 'R' });
    clock.set('2013-11-20T10:00:00.000Z');
    await post('/api/actions/S2/start', { rag: 'A' });
    // 23:30 BST on 31 March 2014 (22:30 UTC): still March in the UK.
    clock.set('2014-03-31T22:30:00.000Z');
    await post('/api/actions/S1/complete', {});
    clock.set('2014-04-02T09:00:00.000Z');
    await post('/api/plans', { id: 'EH', kind: 'early-help', title: 'Early Help Improvement Plan' });
    await post('/api/plans/EH/workstreams', { id: 'EH.W', title: 'Front door' });
    await post('/api/plans/EH/actions', { id: 'E1', workstreamId: 'EH.W', title: 'Action E1', owners: ['AB'] });
    await post('/api/actions/E1/start', { rag: 'R' });
    clock.set('2014-04-15T12:00:00.000Z');
    await get(`/api/board?minPosition=${last}`).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it("a plan's trend: one point per month, each the plan board as it stood at the month's last UK instant", async () => {
    const res = await get('/api/plans/SIP/trends?from=2013-10-01&to=2014-04-10').expect(200);
    const trend = res.body as TrendView;
    expect(trend).toMatchObject({ planId: 'SIP', title: 'Strategic <Improvement> & "Plan"', from: '2013-10-01', to: '2014-04-10T22:59:59.999Z' });
    expect(trend.points.map((p) => p.month)).toEqual(['2013-10', '2013-11', '2013-12', '2014-01', '2014-02', '2014-03', '2014-04']);
    expect(trend.points[5]).toEqual({ month: '2014-03', asOf: '2014-03-31T22:59:59.999Z', counts: { W: 1, G: 0, A: 1, R: 0, B: 1 }, total: 3, overdue: 2 });
    // The same as the plan's board asked as at each point's instant.
    for (const point of trend.points) {
      const board = (await get(`/api/plans/SIP/board?asOf=${encodeURIComponent(point.asOf)}`).expect(200)).body;
      expect({ counts: point.counts, total: point.total, overdue: point.overdue }).toEqual({ counts: board.counts, total: board.total, overdue: board.overdue });
    }
    expect(trend.points.map((p) => p.overdue)).toEqual([0, 3, 3, 3, 3, 2, 2]);
    expect(trend.description).toBe(
      'In Strategic <Improvement> & "Plan", Red actions fell from 1 in October 2013 to 0 in April 2014; completed actions rose from 0 to 1; overdue actions rose from 0 to 2; 3 actions in all in April 2014.',
    );
  });

  it('by default the twelve months up to now, the last point read now; across plans the sum, or only the plans named', async () => {
    const trend = (await get('/api/plans/SIP/trends').expect(200)).body as TrendView;
    expect(trend.points.map((p) => p.month)).toEqual([
      '2013-05', '2013-06', '2013-07', '2013-08', '2013-09', '2013-10', '2013-11', '2013-12', '2014-01', '2014-02', '2014-03', '2014-04',
    ]);
    expect(trend.points[0]).toMatchObject({ total: 0, counts: { W: 0, G: 0, A: 0, R: 0, B: 0 } });
    expect(trend.points[11]).toMatchObject({ asOf: '2014-04-15T12:00:00.000Z', total: 3 });
    expect(trend.to).toBe('2014-04-15T12:00:00.000Z');

    const across = (await get('/api/trends?from=2014-03-01').expect(200)).body as TrendView;
    expect(across).toMatchObject({ planId: null, title: 'All plans' });
    expect(across.points.map((p) => [p.month, p.counts.R, p.total])).toEqual([['2014-03', 0, 3], ['2014-04', 1, 4]]);
    expect(across.description).toMatch(/^Across the two plans, Red actions rose from 0 in March 2014 to 1 in April 2014;/);
    const onlyEh = (await get('/api/trends?from=2014-03-01&planIds=EH').expect(200)).body as TrendView;
    expect(onlyEh.points.map((p) => p.total)).toEqual([0, 1]);
  });

  it('the charts are SVG drawn from the same trend, with its description', async () => {
    const res = await get('/api/plans/SIP/trends.svg?from=2013-10-01&to=2014-04-10').buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
    expect(xmlProblem(svg)).toBeUndefined();
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: { desc: { '#text': string }; title: { '#text': string } } };
    const trend = (await get('/api/plans/SIP/trends?from=2013-10-01&to=2014-04-10').expect(200)).body as TrendView;
    expect(doc.svg.desc['#text']).toBe(trend.description);
    expect(doc.svg.title['#text']).toBe('Strategic <Improvement> & "Plan": actions by status, month by month');
    expect(svg).toContain('data-status="B" data-month="2014-03" data-count="1"');
    // The same trend, the same bytes.
    const again = await get('/api/plans/SIP/trends.svg?from=2013-10-01&to=2014-04-10').buffer(true).expect(200);
    expect(Buffer.isBuffer(again.body) ? again.body.toString('utf8') : again.text).toBe(svg);
    const across = await get('/api/trends.svg?from=2014-03-01').buffer(true).expect(200);
    expect(across.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(Buffer.isBuffer(across.body) ? across.body.toString('utf8') : across.text).toContain('aria-labelledby="trend-all-title trend-all-desc"');
  });

  it('an unknown plan is 404, from after to 400, a bad date or plan list 400; an owner of another plan still sees the counts', async () => {
    expect((await get('/api/plans/NOPE/trends').expect(404)).body.message).toContain('NOPE');
    await get('/api/plans/NOPE/trends.svg').expect(404);
    expect((await get('/api/trends?planIds=SIP,NOPE').expect(404)).body.message).toContain('NOPE');
    expect((await get('/api/plans/SIP/trends?from=2014-04-02&to=2014-04-01').expect(400)).body.message).toEqual(['from must not be after to']);
    await get('/api/trends.svg?from=2014-04-02&to=2014-04-01').expect(400);
    expect((await get('/api/trends?from=2014-04').expect(400)).body.message[0]).toMatch(/^from must be a date/);
    await get('/api/trends?planIds=SIP,,EH').expect(400);
    await get('/api/trends?planIds=SIP&planIds=EH').expect(400);
    await get('/api/plans/SIP/trends?planIds=SIP').expect(400);
    const seen = (await get('/api/plans/SIP/trends?from=2014-04-01', owner).expect(200)).body as TrendView;
    expect(seen.points).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toMatch(/Action S\d|"S\d"/);
  });
});
