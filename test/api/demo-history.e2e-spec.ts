import { type AppConfig, loadConfig } from '../../apps/api/src/config/app-config';
import { SEPTEMBER_2013_TABLE } from '../../apps/api/src/demo/demo-schools';
import { EDUCATION_BOARD_ID, IMPROVEMENT_BOARD_ID, NotEmptyLogError, playDemo, type DemoPlayed } from '../../apps/api/src/demo/play-demo';
import { readLog, type LoggedEvent } from '../support/read-log';
import { bearer, removeDataDir, startTestApp, tempDataDir, TEST_SECRET, TestClock, tokenFor, type TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const configFor = (dataDir: string): AppConfig => loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });

/**
 * `npm run demo`'s history (playDemo, which the CLI, the browser tests and the benchmark share),
 * played for three months into a temp directory: every event is marked as demo data, the board
 * of October differs from the board at the end, the meetings' packs were issued before each
 * meeting, the schools register is the September 2013 table, and playing again writes nothing.
 */
describe('the demo history (playDemo)', () => {
  const dataDir = tempDataDir();
  let played: DemoPlayed;
  let log: LoggedEvent[];
  let t: TestApp;
  const board = tokenFor('board');

  beforeAll(async () => {
    played = await playDemo({ config: configFor(dataDir), months: 3 });
    log = await readLog(dataDir);
    // Read as at the history's last day, as the board would have seen it then.
    t = await startTestApp({ dataDir, clock: new TestClock(new Date('2013-12-31T17:00:00.000Z')) });
  });
  afterAll(async () => {
    await t?.close();
    removeDataDir(dataDir);
  });

  it('writes every event through the API, each marked as demo data, with the people who would have made it', () => {
    expect(played).toMatchObject({ alreadyPlayed: false, from: '2013-10-01', to: '2013-12-31', events: log.length });
    expect(log.length).toBeGreaterThan(2000);
    expect(log.filter((e) => e.metadata.demo !== true)).toEqual([]);
    const types = new Set(log.map((e) => e.type));
    for (const type of ['PlanCreated', 'ActionStarted', 'ActionRagChanged', 'ActionCompleted', 'ActionTargetDateRevised', 'ActionProgressNoted', 'MeasureValueRecorded', 'PersonAdded', 'SchoolRegistered', 'SchoolCategorised', 'OfstedJudgementRecorded', 'BoardEstablished', 'MeetingScheduled', 'PackIssued', 'BoardActionAgreed', 'BoardActionResponded']) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    const roles = new Set(log.map((e) => e.metadata.actor.role));
    expect([...roles].sort()).toEqual(['admin', 'board', 'officer', 'owner']);
    // The simulated clock: every event is stamped within the history, in the log's order.
    const at = log.map((e) => e.metadata.at);
    expect(at[0] >= '2013-10-01').toBe(true);
    expect(at[at.length - 1] <= '2014-01-01').toBe(true);
    expect([...at].sort()).toEqual(at);
  });

  it('gives a board in October that differs from the board at the end, most actions moving on', async () => {
    const early = (await t.http().get('/api/board?asOf=2013-10-21').set(bearer(board)).expect(200)).body;
    const now = (await t.http().get('/api/board').set(bearer(board)).expect(200)).body;
    const total = (b: { plans: Array<{ counts: Record<string, number> }> }, s: string) => b.plans.reduce((n, p) => n + p.counts[s], 0);
    expect(total(early, 'W')).toBe(301);
    expect(total(now, 'W')).toBeLessThan(100);
    expect(total(now, 'B')).toBeGreaterThan(20);
    expect(total(now, 'A') + total(now, 'R')).toBeGreaterThan(0);
  });

  it('issues each meeting\'s pack on its papers due day, before the meeting, and keeps a next meeting not yet held', async () => {
    const meetings = (await t.http().get(`/api/boards/${IMPROVEMENT_BOARD_ID}/meetings`).set(bearer(board)).expect(200)).body as Array<{ id: string; date: string; papersDueOn: string; pack: { issuedAt: string; position: number } | null }>;
    expect(meetings.map((m) => m.date)).toEqual(['2013-11-21', '2013-12-19', '2014-01-16']);
    for (const m of meetings.slice(0, 2)) {
      expect(m.pack).not.toBeNull();
      expect(m.pack?.issuedAt.slice(0, 10)).toBe(m.papersDueOn);
    }
    expect(meetings[2].pack).toBeNull();
    expect(played.issued[IMPROVEMENT_BOARD_ID]).toEqual(meetings.slice(0, 2).map((m) => m.id));
    expect(played.issued[EDUCATION_BOARD_ID]).toEqual(['education-board-2013-11-12']);
    expect(log.filter((e) => e.type === 'PackIssued')).toHaveLength(3);
    const actions = (await t.http().get(`/api/boards/${IMPROVEMENT_BOARD_ID}/board-actions`).set(bearer(board)).expect(200)).body as Array<{ meetingId: string }>;
    expect(actions.length).toBeGreaterThan(0);
  });

  it('registers invented schools whose categories are the September 2013 table', async () => {
    const names = log.filter((e) => e.type === 'SchoolRegistered').map((e) => e.data.name as string);
    expect(names).toHaveLength(412);
    expect(names.filter((n) => !n.startsWith('(invented) '))).toEqual([]);
    const table = (await t.http().get('/api/schools/categorisation?scheme=norfolk&asOf=2013-09-30').set(bearer(board)).expect(200)).body as { phases: Array<{ phase: string; counts: Record<string, number> }> };
    for (const phase of ['primary', 'secondary'] as const) {
      expect(table.phases.find((p) => p.phase === phase)?.counts).toEqual(SEPTEMBER_2013_TABLE[phase]);
    }
  });

  it('writes nothing when played again, and refuses a log that holds other records', async () => {
    await t.close();
    const again = await playDemo({ config: configFor(dataDir), months: 3 });
    expect(again.alreadyPlayed).toBe(true);
    expect((await readLog(dataDir)).length).toBe(log.length);
    t = await startTestApp({ dataDir });

    const other = tempDataDir();
    try {
      const council = await startTestApp({ dataDir: other });
      await council.http().post('/api/plans').set(bearer(tokenFor('admin'))).send({ id: 'SG', kind: 'safeguarding', title: 'Safeguarding' }).expect(201);
      await council.close();
      await expect(playDemo({ config: configFor(other), months: 1 })).rejects.toBeInstanceOf(NotEmptyLogError);
      expect(await readLog(other)).toHaveLength(1);
    } finally {
      removeDataDir(other);
    }
  });
});
