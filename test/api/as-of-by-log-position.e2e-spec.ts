import { join } from 'node:path';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { createProjections, MeasuresQueries, PROJECTED_STREAM_PREFIXES, RagBoardQueries, rebuildReadModels, type PointInTime } from '@rag-ledger/projections';
import { READ_MODELS_FILE } from '../../apps/api/src/infrastructure/projections.module';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * The board as it stood is decided by the log, not by the writer's clock. The clock is stepped
 * back between two changes (as an NTP correction, or a second API node whose clock is behind,
 * would do): E1 at 10:00 by the clock sets the action Red, E2 at 09:50 by the clock but later in
 * the log sets it Green. Both were written by 10:05, and E2 superseded E1, so the board as it
 * stood at 10:05 shows Green, as the current board does; choosing by clock showed Red for good.
 */
describe('as-of reads choose by log position when the clock went backwards', () => {
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const ACTION = 'SIP.PS.1';
  const MEASURE = 'SIP.M.visits';
  const AS_OF = '2013-11-21T10:05:00.000Z';
  let t: TestApp;
  let last = 0;
  /** The log position of the measure's Red override: E1's last event, before the clock went back. */
  let redPosition = 0;

  const post = async (path: string, body: object, status: number) => {
    const res = await t.http().post(path).set(bearer(admin)).send(body);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    last = Math.max(last, res.body.position ?? 0);
    return res;
  };
  const get = async (path: string) => {
    const res = await t.http().get(path).set(bearer(board));
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }, 201);
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' }, 201);
    await post('/api/plans/SIP/actions', { id: ACTION, workstreamId: 'SIP.PS', title: 'Visit every child on time', owners: ['AB'], targetDate: '2014-03-31' }, 201);
    await post('/api/plans/SIP/measures', { id: MEASURE, name: 'Visits on time', unit: 'percent', polarity: 'higher', workstreamId: 'SIP.PS', amberTolerance: 3 }, 201);
    clock.set('2013-11-21T10:00:00.000Z');
    await post(`/api/actions/${ACTION}/start`, { rag: 'R', note: 'Visits behind' }, 200);
    redPosition = (await post(`/api/measures/${MEASURE}/rag-override`, { rag: 'R', reason: 'Visits behind' }, 200)).body.position;
    // The clock is corrected by ten minutes: the next changes come later in the log with an earlier time.
    clock.set('2013-11-21T09:50:00.000Z');
    await post(`/api/actions/${ACTION}/rag`, { rag: 'G', reason: 'Backlog cleared' }, 200);
    await post(`/api/measures/${MEASURE}/rag-override`, { rag: 'G', reason: 'Backlog cleared' }, 200);
    clock.set('2013-11-21T11:00:00.000Z');
    await get(`/api/actions/${ACTION}?minPosition=${last}`);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  const expectGreenAsOf = async (instant: string) => {
    expect(await get(`/api/actions/${ACTION}?asOf=${instant}`)).toMatchObject({ status: 'G', lastReason: 'Backlog cleared', lastChange: 'ActionRagChanged' });
    const improvementBoard = await get(`/api/board?asOf=${instant}`);
    expect(improvementBoard.plans).toEqual([expect.objectContaining({ id: 'SIP', counts: { W: 0, G: 1, A: 0, R: 0, B: 0 }, exceptions: 0 })]);
    const planBoard = await get(`/api/plans/SIP/board?asOf=${instant}`);
    expect(planBoard.counts).toEqual({ W: 0, G: 1, A: 0, R: 0, B: 0 });
    expect(planBoard.workstreams[0].actions).toEqual([expect.objectContaining({ id: ACTION, status: 'G' })]);
    const exceptions = await get(`/api/exceptions?planId=SIP&asOf=${instant}`);
    expect(exceptions.actions).toEqual([]);
    expect(await get(`/api/measures/${MEASURE}?asOf=${instant}`)).toMatchObject({ override: { rag: 'G', reason: 'Backlog cleared' } });
    const measures = await get(`/api/plans/SIP/measures?asOf=${instant}`);
    expect(measures.measures).toEqual([expect.objectContaining({ id: MEASURE, override: expect.objectContaining({ rag: 'G' }) })]);
  };

  /**
   * A meeting's pack reads the log up to its stamp: stamped after E1, before E2, the read at
   * 10:05 leaves E2 out although its clock time (09:50) is earlier; without the bound it is in.
   */
  const expectRedUpTo = () => {
    const boards = t.app.get(RagBoardQueries);
    const measures = t.app.get(MeasuresQueries);
    const upTo: PointInTime = { asOf: AS_OF, day: '2013-11-21', upTo: redPosition };
    const whole: PointInTime = { asOf: AS_OF, day: '2013-11-21' };
    expect(boards.getAction(ACTION, upTo)).toMatchObject({ status: 'R', lastReason: 'Visits behind' });
    expect(boards.getAction(ACTION, whole)).toMatchObject({ status: 'G', lastReason: 'Backlog cleared' });
    expect(boards.board(upTo)).toEqual([expect.objectContaining({ id: 'SIP', counts: { W: 0, G: 0, A: 0, R: 1, B: 0 }, exceptions: 1 })]);
    expect(boards.board(whole)).toEqual([expect.objectContaining({ id: 'SIP', counts: { W: 0, G: 1, A: 0, R: 0, B: 0 }, exceptions: 0 })]);
    expect(boards.planBoard('SIP', upTo)?.workstreams[0].actions).toEqual([expect.objectContaining({ id: ACTION, status: 'R' })]);
    expect(boards.exceptions('SIP', upTo).map((a) => a.id)).toEqual([ACTION]);
    expect(boards.exceptions('SIP', whole)).toEqual([]);
    expect(measures.getMeasure(MEASURE, upTo)?.override).toMatchObject({ rag: 'R', reason: 'Visits behind' });
    expect(measures.planMeasures('SIP', upTo)).toEqual([expect.objectContaining({ id: MEASURE, override: expect.objectContaining({ rag: 'R' }) })]);
    expect(measures.getMeasure(MEASURE, whole)?.override).toMatchObject({ rag: 'G' });
    // Bounded before the action existed in the log, there is no action and no board.
    expect(boards.getAction(ACTION, { ...upTo, upTo: 1 })).toBeUndefined();
    expect(boards.planBoard('SIP', { ...upTo, upTo: 0 })).toBeUndefined();
  };

  it('leaves out of a read bounded by a log position a later event with an earlier clock time', () => {
    expectRedUpTo();
  });

  it('shows the later change in the log, not the later clock, on every as-of read', async () => {
    // The current board agrees: E2 superseded E1.
    expect(await get(`/api/actions/${ACTION}`)).toMatchObject({ status: 'G' });
    await expectGreenAsOf(AS_OF);
  });

  it('reports what moved in a period by the same rule', async () => {
    const changes = await get(`/api/plans/SIP/changes?from=2013-11-21T09:30:00.000Z&to=${AS_OF}`);
    expect(changes.actions).toEqual([
      expect.objectContaining({ actionId: ACTION, before: expect.objectContaining({ status: 'W' }), after: expect.objectContaining({ status: 'G' }) }),
    ]);
  });

  it('still shows what was written before a version, and nothing of it before the action existed', async () => {
    expect(await get(`/api/actions/${ACTION}?asOf=2013-11-21T09:30:00.000Z`)).toMatchObject({ status: 'W' });
    await t.http().get('/api/plans/SIP/board?asOf=2013-11-21T08:00:00.000Z').set(bearer(board)).expect(404);
  });

  it('gives the same answers from read models rebuilt in bulk from the log', async () => {
    await t.close();
    const store = new SqliteEventStore({ filename: join(t.dataDir, 'events.db') });
    try {
      await rebuildReadModels({ store, filename: join(t.dataDir, READ_MODELS_FILE), projections: createProjections(), streamPrefixes: PROJECTED_STREAM_PREFIXES });
    } finally {
      await store.close();
    }
    t = await startTestApp({ dataDir: t.dataDir, clock });
    await expectGreenAsOf(AS_OF);
    expectRedUpTo();
  });
});
