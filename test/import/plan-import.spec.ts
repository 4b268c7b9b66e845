import {
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  type ActionEvent,
  type ActionState,
  type PlanEvent,
} from '@rag-ledger/domain';
import { eventLoop, ImportFileError, planImport, planImportInSteps, type CurrentState, type ImportedAction, type ImportFile, type StreamAppend } from '@rag-ledger/import';

/** Given the events already stored, when a file is imported, then these appends. */
function stateAfter(appends: StreamAppend[], before: CurrentState = emptyState()): CurrentState {
  const plans = new Map(before.plans);
  const actions = new Map(before.actions);
  const actionIdsByPlan = new Map(before.actionIdsByPlan);
  for (const append of appends) {
    const [kind, ...rest] = append.streamId.split('-');
    const id = rest.join('-');
    const revision = (append.expectedRevision ?? -1n) + BigInt(append.events.length);
    if (kind === 'plan') {
      const state = (append.events as PlanEvent[]).reduce(evolvePlan, plans.get(id)?.state ?? initialPlanState());
      plans.set(id, { state, revision });
    } else {
      const state = (append.events as ActionEvent[]).reduce(evolveAction, actions.get(id)?.state ?? initialActionState());
      actions.set(id, { state, revision });
      const planId = (state as Extract<ActionState, { exists: true }>).planId;
      if (append.expectedRevision === undefined) actionIdsByPlan.set(planId, [...(actionIdsByPlan.get(planId) ?? []), id]);
    }
  }
  return { plans, actions, measures: before.measures, milestones: before.milestones, actionIdsByPlan };
}

const emptyState = (): CurrentState => ({ plans: new Map(), actions: new Map(), measures: new Map(), milestones: new Map(), actionIdsByPlan: new Map() });

const act = (id: string, extra: Partial<ImportedAction> = {}): ImportedAction => ({
  id, title: `Action ${id}`, owners: ['AB'], enablingTeams: [], links: [], targetDate: '2013-12-31', targetDateText: 'Dec 2013', steps: [], statusNotes: [], source: `action ${id}`, ...extra,
});

const fileWith = (version: string, actions: ImportedAction[]): ImportFile => ({
  rowsRead: actions.length,
  warnings: [],
  plans: [{ id: 'SIP', kind: 'strategic', title: 'Strategic plan', version, workstreams: [{ id: 'SIP.PS', title: 'Practice Standards', actions }], measures: [], milestones: [] }],
});

const types = (appends: StreamAppend[]) => appends.map((a) => [a.streamId, a.events.map((e) => e.type)]);

describe('planning an import', () => {
  const v1 = fileWith('1.05', [act('a1'), act('a2', { rag: 'A' }), act('a3', { rag: 'B' })]);

  it('creates the plan, its work-streams and actions, and turns a RAG into the events that lead to it', () => {
    const { appends, report } = planImport(v1, emptyState());
    expect(types(appends)).toEqual([
      ['plan-SIP', ['PlanCreated', 'WorkstreamAdded']],
      ['action-a1', ['ActionAdded']],
      ['action-a2', ['ActionAdded', 'ActionStarted']],
      ['action-a3', ['ActionAdded', 'ActionCompleted']],
    ]);
    expect(appends[2].events[1].data).toMatchObject({ rag: 'A', note: 'imported' });
    expect(report).toMatchObject({ plans: { created: 1 }, workstreams: { created: 1 }, actions: { created: 3, missing: [] }, events: 7 });
    expect(appends.every((a) => a.expectedRevision === undefined)).toBe(true);
  });

  it('decides nothing when the same file is imported again', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const { appends, report } = planImport(v1, stored);
    expect(appends).toEqual([]);
    expect(report).toMatchObject({ plans: { unchanged: 1 }, workstreams: { unchanged: 1 }, actions: { created: 0, changed: 0, unchanged: 3 }, events: 0 });
  });

  it('records a refresh with one changed date and one new action as exactly those events', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith('1.06', [act('a1', { targetDate: '2014-03-31', targetDateText: 'Mar 2014' }), act('a2', { rag: 'A' }), act('a3', { rag: 'B' }), act('a4')]);
    const { appends, report } = planImport(v2, stored);
    expect(types(appends)).toEqual([
      ['plan-SIP', ['PlanVersionRefreshed']],
      ['action-a1', ['ActionTargetDateRevised']],
      ['action-a4', ['ActionAdded']],
    ]);
    expect(appends[0].events[0].data).toEqual({ planId: 'SIP', previousVersion: '1.05', version: '1.06', reason: 'plan refresh to version 1.06' });
    expect(appends[1].events[0].data).toEqual({ actionId: 'a1', planId: 'SIP', from: '2013-12-31', to: '2014-03-31', targetDateText: 'Mar 2014', reason: 'plan refresh to version 1.06' });
    expect(appends[1].expectedRevision).toBe(0n);
    expect(report.actions).toMatchObject({ created: 1, changed: 1, unchanged: 2 });
    // And the refreshed file is then idempotent too.
    expect(planImport(v2, stateAfter(appends, stored)).appends).toEqual([]);
  });

  it('reports the actions a refresh no longer lists, and withdraws them only when asked', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith('1.06', [act('a1'), act('a3', { rag: 'B' })]);
    const reported = planImport(v2, stored);
    expect(reported.report.actions).toMatchObject({ missing: ['a2'], withdrawn: [] });
    expect(types(reported.appends)).toEqual([['plan-SIP', ['PlanVersionRefreshed']]]);

    const withdrawn = planImport(v2, stored, { withdrawMissing: true });
    expect(withdrawn.report.actions).toMatchObject({ missing: ['a2'], withdrawn: ['a2'] });
    expect(withdrawn.appends[1].events).toEqual([{ type: 'ActionWithdrawn', data: { actionId: 'a2', planId: 'SIP', from: 'A', reason: 'not in plan version 1.06' } }]);
  });

  it('moves a RAG by the rules: change, reopen, and never un-start', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith('1.05', [act('a1', { rag: 'W' }), act('a2', { rag: 'R' }), act('a3', { rag: 'G' })]);
    const { appends, report } = planImport(v2, stored);
    expect(types(appends)).toEqual([
      ['action-a2', ['ActionRagChanged']],
      ['action-a3', ['ActionReopened']],
    ]);
    expect(appends[0].events[0].data).toMatchObject({ from: 'A', to: 'R', reason: 'imported' });
    expect(report.warnings).toEqual([]);
    const started = stateAfter(planImport(fileWith('1.05', [act('a1', { rag: 'G' })]), stored).appends, stored);
    expect(planImport(fileWith('1.05', [act('a1', { rag: 'W' })]), started).report.warnings[0].message).toMatch(/does not un-start/);
  });

  it('refuses, writing nothing, an action id that already belongs to another plan', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const other: ImportFile = { rowsRead: 1, warnings: [], plans: [{ id: 'LAC', kind: 'lac', title: 'LAC', workstreams: [{ id: 'L1', title: 'L1', actions: [act('a1')] }], measures: [], milestones: [] }] };
    expect(() => planImport(other, stored)).toThrow(ImportFileError);
    expect(() => planImport(other, stored)).toThrow(/action a1: action id a1 already belongs to plan SIP/);
  });

  it('keeps the owners when the file names none, with a warning', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const { appends, report } = planImport(fileWith('1.05', [act('a1', { owners: [] })]), stored);
    expect(appends).toEqual([]);
    expect(report.warnings[0]).toEqual({ where: 'action a1', message: 'no owner in the file; the owners stay AB' });
  });
});

describe('planning an import: dates of completed actions and ids of other plans', () => {
  const v1 = fileWith('1.05', [act('SIP.1', { rag: 'B' })]);

  it('leaves both the date and the printed date of a completed action as they were, with a warning', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith('1.06', [act('SIP.1', { rag: 'B', targetDate: '2014-03-31', targetDateText: 'Mar 2014' })]);
    const { appends, report } = planImport(v2, stored);
    expect(types(appends)).toEqual([['plan-SIP', ['PlanVersionRefreshed']]]);
    const after = stateAfter(appends, stored).actions.get('SIP.1')?.state;
    expect(after).toMatchObject({ targetDate: '2013-12-31', targetDateText: 'Dec 2013' });
    expect(report.warnings).toEqual([{ where: 'action SIP.1', message: 'the action is completed, so its target date stays Dec 2013 (the file says Mar 2014)' }]);
  });

  it('refuses an action or measure id that begins with the id of another plan, stored or in the same file', () => {
    const stored = { ...emptyState(), planIds: new Set(['SG']) };
    const taking = fileWith('1.05', [act('SG.1.1.99'), act('SIP.2')]);
    expect(() => planImport(taking, stored)).toThrow(/action SG.1.1.99: The action id "SG.1.1.99" belongs to plan SG/);
    const twoPlans: ImportFile = { ...taking, plans: [...taking.plans, { id: 'SG', kind: 'safeguarding', title: 'SG', workstreams: [], measures: [], milestones: [] }] };
    expect(() => planImport(twoPlans, emptyState())).toThrow(/belongs to plan SG/);
    expect(planImport(fileWith('1.05', [act('SIP.2')]), stored).report.actions.created).toBe(1);
  });
});

describe('planning a large import in steps', () => {
  it('gives the event loop a turn every 500 actions and decides exactly what planImport decides', async () => {
    const file = fileWith('1', Array.from({ length: 2_000 }, (_, i) => act(`SIP.${i}`)));
    const turns = jest.spyOn(eventLoop, 'nextTurn');
    try {
      const stepped = await planImportInSteps(file, emptyState());
      expect(turns).toHaveBeenCalledTimes(4);
      expect(stepped).toEqual(planImport(file, emptyState()));
    } finally {
      turns.mockRestore();
    }
  });
});
