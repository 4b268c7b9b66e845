import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * Links between plans on GET /api/actions/:id: `linkedTo` (the action's own links, resolved to
 * the action or plan they name, or left as printed) and `linkedFrom` (the actions whose links
 * name it), now and as of a date.
 */
describe('action links API', () => {
  const clock = new TestClock(new Date('2013-10-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  let t: TestApp;
  let last = 0;
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body).expect(201);
    last = Math.max(last, res.body.position);
    return res;
  };
  const page = async (id: string, asOf?: string) =>
    (await t.http().get(`/api/actions/${id}?minPosition=${last}${asOf ? `&asOf=${asOf}` : ''}`).set(bearer(board)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan 2013-2015" });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', {
      id: 'SIP.PS.1.1.1', ref: '1.1.1', workstreamId: 'SIP.PS', title: 'Map the journey of the child', owners: ['AB'],
      links: ['EHIP 2.1', 'EHIP', 'VSIP', 'RPA Action Plan'],
    });
    await post('/api/plans/SIP/actions', { id: 'SIP.PS.1.2', ref: '1.2', workstreamId: 'SIP.PS', title: 'Audit strategy meetings', owners: ['CM'], links: ['EH.2.1'] });
    // The Early Help plan comes a month later.
    clock.set('2013-11-01T09:00:00.000Z');
    await post('/api/plans', { id: 'EH', kind: 'early-help', title: 'Early Help Improvement Plan' });
    await post('/api/plans/EH/workstreams', { id: 'EH.2', title: 'Locality working' });
    await post('/api/plans/EH/actions', { id: 'EH.2.1', ref: '2.1', workstreamId: 'EH.2', title: 'Early help assessments in every locality', owners: ['JW'], links: ['CSSIP 1.1.1'] });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('resolves an action\'s links to the actions and plans they name; the others stay as printed', async () => {
    const body = await page('SIP.PS.1.1.1');
    expect(body.links).toEqual(['EHIP 2.1', 'EHIP', 'VSIP', 'RPA Action Plan']);
    expect(body.linkedTo).toEqual([
      { text: 'EHIP 2.1', actionId: 'EH.2.1', planId: 'EH', title: 'Early help assessments in every locality' },
      { text: 'EHIP', actionId: null, planId: 'EH', title: 'Early Help Improvement Plan' },
      { text: 'VSIP', actionId: null, planId: null, title: null },
      { text: 'RPA Action Plan', actionId: null, planId: null, title: null },
    ]);
    // EH.2.1 names it as "CSSIP 1.1.1": the strategic plan by the initials of its title.
    expect(body.linkedFrom).toEqual([{ text: 'CSSIP 1.1.1', actionId: 'EH.2.1', planId: 'EH', title: 'Early help assessments in every locality' }]);
  });

  it('lists on the linked action the actions that link to it, by id or by plan and ref', async () => {
    const body = await page('EH.2.1');
    expect(body.linkedTo).toEqual([{ text: 'CSSIP 1.1.1', actionId: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child' }]);
    expect(body.linkedFrom).toEqual([
      { text: 'EHIP 2.1', actionId: 'SIP.PS.1.1.1', planId: 'SIP', title: 'Map the journey of the child' },
      { text: 'EH.2.1', actionId: 'SIP.PS.1.2', planId: 'SIP', title: 'Audit strategy meetings' },
    ]);
    expect((await page('SIP.PS.1.2')).linkedFrom).toEqual([]);
  });

  it('resolves links against what the tracker held at the instant asked (?asOf)', async () => {
    // On 15 October the Early Help plan was not there yet: its links were as printed.
    const body = await page('SIP.PS.1.1.1', '2013-10-15');
    expect(body.linkedTo.map((l: { planId: string | null; actionId: string | null }) => [l.planId, l.actionId])).toEqual([[null, null], [null, null], [null, null], [null, null]]);
    expect(body.linkedFrom).toEqual([]);
    expect((await page('SIP.PS.1.2', '2013-10-15')).linkedTo).toEqual([{ text: 'EH.2.1', actionId: null, planId: null, title: null }]);
  });
});
