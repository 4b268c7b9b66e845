import { readLog } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, tempDataDir, tokenFor, type TestApp } from '../support/test-app';

const admin = tokenFor('admin');
const plan = { id: 'SG', kind: 'safeguarding', title: 'Safeguarding improvement plan' };
const file = {
  plans: [{ id: 'EH', kind: 'early-help', title: 'Early help', workstreams: [{ id: 'EH.1', title: 'Front door', actions: [{ id: 'EH.1.1', title: 'One front door', responsible: ['CS'] }] }] }],
};

/**
 * An app built for the demo (`demo: true`, as `npm run demo` builds it) marks every event it
 * writes as demo data, commands and imports alike, through the one write path; GET /api/demo
 * says so from the log's read model, for anyone signed in, and an ordinary app marks nothing.
 */
describe('demo marking: every event a demo app writes carries metadata.demo, and GET /api/demo says so', () => {
  const dataDir = tempDataDir();
  let t: TestApp;
  let endsAt = '';
  afterAll(async () => {
    await t?.close();
    removeDataDir(dataDir);
  });

  it('answers no demo data on an ordinary app, and writes no mark', async () => {
    t = await startTestApp({ dataDir });
    await t.http().post('/api/plans').set(bearer(admin)).send(plan).expect(201);
    expect((await t.http().get('/api/demo').set(bearer(tokenFor('board'))).expect(200)).body).toEqual({ demo: false, endsAt: null });
    const log = await readLog(dataDir);
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((e) => 'demo' in e.metadata)).toEqual([]);
    await t.close();
  });

  it('marks a command and an import written by a demo app, and then answers demo data present, to every signed-in role', async () => {
    t = await startTestApp({ dataDir, demo: true });
    const before = (await readLog(dataDir)).length;
    await t.http().post('/api/plans/SG/workstreams').set(bearer(admin)).send({ id: 'SG.1', title: 'Practice' }).expect(201);
    await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(JSON.stringify(file)).expect(200);
    const written = (await readLog(dataDir)).slice(before);
    expect(written.map((e) => e.type)).toEqual(expect.arrayContaining(['WorkstreamAdded', 'PlanCreated', 'ActionAdded']));
    expect(written.map((e) => e.metadata.demo)).toEqual(written.map(() => true));
    // The history ends at its latest marked event (the web board ends its trends there).
    endsAt = written.map((e) => e.metadata.at as string).sort().at(-1)!;
    for (const role of ['board', 'school', 'auditor', 'owner'] as const) {
      expect((await t.http().get('/api/demo').set(bearer(tokenFor(role))).expect(200)).body).toEqual({ demo: true, endsAt });
    }
    await t.http().get('/api/demo').expect(401);
  });

  it('still answers demo data present after a restart: the answer is read from the log', async () => {
    await t.close();
    t = await startTestApp({ dataDir });
    expect((await t.http().get('/api/demo').set(bearer(tokenFor('board'))).expect(200)).body).toEqual({ demo: true, endsAt });
  });
});
