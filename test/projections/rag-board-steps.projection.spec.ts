import { ukDayEnd } from '@rag-ledger/domain';
import { RagBoardProjection, RagBoardQueries } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

/** An action's steps in the RAG board: their rows and versions, the counts on the action's row, and the page as of an instant. */
const board = projectionSpec(() => new RagBoardProjection());

const base = { actionId: 'SIP.P.1.1.3', planId: 'SIP' };
const s = (n: number) => `SIP.P.1.1.3.s${n}`;
const history: GivenEvent[] = [
  { type: 'PlanCreated', data: { planId: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan 2013-2015" }, at: '2013-09-30T09:00:00.000Z' },
  { type: 'WorkstreamAdded', data: { planId: 'SIP', workstreamId: 'SIP.P', title: 'Performance' }, at: '2013-09-30T09:01:00.000Z' },
  {
    type: 'ActionAdded',
    data: { ...base, workstreamId: 'SIP.P', ref: '1.1.3', title: 'Analysis of workforce capacity', owners: ['ES'], enablingTeams: [], targetDate: '2013-11-30', links: [] },
    at: '2013-10-01T09:00:00.000Z',
  },
  { type: 'ActionStarted', data: { ...base, rag: 'G', note: 'Kick-off held' }, at: '2013-10-01T10:00:00.000Z' },
  {
    type: 'ActionStepAdded',
    data: { ...base, stepId: s(1), text: 'Trends in areas of practice identified through the PCF exercise', owners: [], enablingTeams: [], statusNote: 'complete' },
    at: '2013-10-02T09:00:00.000Z',
  },
  {
    type: 'ActionStepAdded',
    data: {
      ...base, stepId: s(2), text: 'Understand the assumptions made in the LAC and Early Help strategies', owners: ['ES'], enablingTeams: ['Sandra Summerfield', 'Don Evans'],
      targetDate: '2013-10-31', targetDateText: '31 Oct 13', statusNote: 'due for completion end of October',
    },
    at: '2013-10-02T09:01:00.000Z',
  },
  { type: 'ActionStepCompleted', data: { ...base, stepId: s(1) }, at: '2013-10-10T09:00:00.000Z' },
  // 20 October: one of two done.
  { type: 'ActionStepRevised', data: { ...base, stepId: s(2), changes: { targetDate: '2013-11-30', targetDateText: '30 Nov 13' }, reason: 'Board agreed a month more' }, at: '2013-11-01T09:00:00.000Z' },
  { type: 'ActionStepCompleted', data: { ...base, stepId: s(2), note: 'Assumptions set out for the workforce plan' }, at: '2013-11-20T09:00:00.000Z' },
  // 25 November: both done.
  { type: 'ActionStepReopened', data: { ...base, stepId: s(1), reason: 'The Q3 audit changes the trends' }, at: '2013-12-01T09:00:00.000Z' },
];
/** As of a UK calendar day, as `?asOf=<day>` means it: its last instant in the UK (22:59:59.999Z in summer time), judged on that day. */
const endOf = (day: string) => ({ asOf: ukDayEnd(day).toISOString(), day });

describe('RAG board projection: steps', () => {
  it('keeps each step as it stands, in the order added, and its versions', () => {
    const given = board.given(...history);
    expect(given.db.prepare('SELECT step_id, text, owners, enabling_teams, target_date, target_date_text, status_note, status, last_changed_at, seq FROM board_action_steps ORDER BY seq').all()).toEqual([
      { step_id: s(1), text: 'Trends in areas of practice identified through the PCF exercise', owners: '[]', enabling_teams: '[]', target_date: null, target_date_text: null, status_note: 'complete', status: 'open', last_changed_at: '2013-12-01T09:00:00.000Z', seq: 5 },
      {
        step_id: s(2), text: 'Understand the assumptions made in the LAC and Early Help strategies', owners: '["ES"]', enabling_teams: '["Sandra Summerfield","Don Evans"]',
        target_date: '2013-11-30', target_date_text: '30 Nov 13', status_note: 'due for completion end of October', status: 'done', last_changed_at: '2013-11-20T09:00:00.000Z', seq: 6,
      },
    ]);
    given.then('SELECT step_id, position, status, target_date FROM board_action_steps_versions ORDER BY position', [
      { step_id: s(1), position: 5, status: 'open', target_date: null },
      { step_id: s(2), position: 6, status: 'open', target_date: '2013-10-31' },
      { step_id: s(1), position: 7, status: 'done', target_date: null },
      { step_id: s(2), position: 8, status: 'open', target_date: '2013-11-30' },
      { step_id: s(2), position: 9, status: 'done', target_date: '2013-11-30' },
      { step_id: s(1), position: 10, status: 'open', target_date: null },
    ]);
  });

  it("counts the steps done and all steps on the action's row, versioned with its status; the action's last reason stays", () => {
    board.given(...history).then('SELECT position, status, last_reason, last_change, steps_done, steps_total FROM board_actions_versions ORDER BY position', [
      { position: 3, status: 'W', last_reason: null, last_change: 'ActionAdded', steps_done: 0, steps_total: 0 },
      { position: 4, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStarted', steps_done: 0, steps_total: 0 },
      { position: 5, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepAdded', steps_done: 0, steps_total: 1 },
      { position: 6, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepAdded', steps_done: 0, steps_total: 2 },
      { position: 7, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepCompleted', steps_done: 1, steps_total: 2 },
      { position: 8, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepRevised', steps_done: 1, steps_total: 2 },
      { position: 9, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepCompleted', steps_done: 2, steps_total: 2 },
      { position: 10, status: 'G', last_reason: 'Kick-off held', last_change: 'ActionStepReopened', steps_done: 1, steps_total: 2 },
    ]);
  });

  it('answers the action page with the steps as they stood at an instant, and the counts on the board rows', () => {
    const given = board.given(...history);
    const queries = new RagBoardQueries(given.db);
    const page = (when: { asOf?: string; day: string }) => queries.actionPage(base.actionId, when);
    const stepsOf = (p: ReturnType<typeof page>) => p?.steps.map((step) => [step.id, step.status, step.targetDate, step.overdue]);

    // Before any step: none.
    expect(page(endOf('2013-10-01'))).toMatchObject({ steps: [], allStepsDone: false, stepsDone: 0, stepsTotal: 0 });
    // 20 October: s1 done, s2 open and due on the 31st.
    expect(stepsOf(page(endOf('2013-10-20')))).toEqual([[s(1), 'done', null, false], [s(2), 'open', '2013-10-31', false]]);
    // 1 November, before the revision at 09:00: s2 was overdue then.
    expect(stepsOf(page({ asOf: '2013-11-01T08:59:59.999Z', day: '2013-11-01' }))).toEqual([[s(1), 'done', null, false], [s(2), 'open', '2013-10-31', true]]);
    // 25 November: both done, the action itself still in progress.
    expect(page(endOf('2013-11-25'))).toMatchObject({ status: 'G', allStepsDone: true, stepsDone: 2, stepsTotal: 2 });
    // Now: s1 reopened.
    const now = page({ day: '2013-12-02' });
    expect(now).toMatchObject({ allStepsDone: false, stepsDone: 1, stepsTotal: 2 });
    expect(now?.steps[1]).toEqual({
      id: s(2), text: 'Understand the assumptions made in the LAC and Early Help strategies', owners: ['ES'], enablingTeams: ['Sandra Summerfield', 'Don Evans'],
      targetDate: '2013-11-30', targetDateText: '30 Nov 13', statusNote: 'due for completion end of October', status: 'done', overdue: false, lastChangedAt: '2013-11-20T09:00:00.000Z',
    });

    const rowOf = (when: { asOf?: string; day: string }) => queries.planBoard('SIP', when)?.workstreams[0].actions[0];
    expect(rowOf(endOf('2013-10-20'))).toMatchObject({ stepsDone: 1, stepsTotal: 2 });
    expect(rowOf(endOf('2013-11-25'))).toMatchObject({ stepsDone: 2, stepsTotal: 2 });
    expect(rowOf({ day: '2013-12-02' })).toMatchObject({ stepsDone: 1, stepsTotal: 2 });
    expect(queries.exceptions(undefined, { day: '2013-12-02' })[0]).toMatchObject({ id: base.actionId, overdue: true, stepsDone: 1, stepsTotal: 2 });
    given.db.close();
  });

  it.each([
    ['completed', { type: 'ActionCompleted', data: { ...base, from: 'G' } }, 'B'],
    ['withdrawn', { type: 'ActionWithdrawn', data: { ...base, from: 'G', reason: 'Superseded by the workforce plan' } }, 'withdrawn'],
  ] as Array<[string, GivenEvent, string]>)("a %s action's open steps are not overdue", (_, closing, status) => {
    const late: GivenEvent = { type: 'ActionStepAdded', data: { ...base, stepId: s(3), text: 'Dated and open', owners: [], enablingTeams: [], targetDate: '2013-12-31' }, at: '2013-12-02T09:00:00.000Z' };
    const queries = (events: GivenEvent[]) => new RagBoardQueries(board.given(...events).db);
    expect(queries([...history, late]).actionPage(base.actionId, { day: '2014-06-01' })?.steps.map((step) => [step.id, step.status, step.overdue])).toEqual([
      [s(1), 'open', false], [s(2), 'done', false], [s(3), 'open', true],
    ]);
    const page = queries([...history, late, { ...closing, at: '2013-12-05T09:00:00.000Z' }]).actionPage(base.actionId, { day: '2014-06-01' });
    expect(page?.steps.map((step) => [step.id, step.status, step.overdue])).toEqual([[s(1), 'open', false], [s(2), 'done', false], [s(3), 'open', false]]);
    expect(page).toMatchObject({ status, stepsDone: 1, stepsTotal: 3 });
  });
});
