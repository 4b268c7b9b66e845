import {
  actionDecider,
  evolveAction,
  evolveMilestone,
  evolvePlan,
  initialActionState,
  initialMilestoneState,
  initialPlanState,
  type ActionEvent,
  type ExistingAction,
  type MilestoneEvent,
  type PlanEvent,
} from '@rag-ledger/domain';
import { ImportFileError, planImport, readPlansJson, type CurrentState, type ImportedAction, type ImportedMilestone, type ImportedStep, type ImportFile, type StreamAppend } from '@rag-ledger/import';

/** Given the events already stored, when a file with steps, status notes, framework and milestones is imported, then these appends. */
function stateAfter(appends: StreamAppend[], before: CurrentState = emptyState()): CurrentState {
  const next: CurrentState = { ...before, plans: new Map(before.plans), actions: new Map(before.actions), milestones: new Map(before.milestones), actionIdsByPlan: new Map(before.actionIdsByPlan) };
  for (const append of appends) {
    const [kind, ...rest] = append.streamId.split('-');
    const id = rest.join('-');
    const revision = (append.expectedRevision ?? -1n) + BigInt(append.events.length);
    if (kind === 'plan') next.plans.set(id, { state: (append.events as PlanEvent[]).reduce(evolvePlan, next.plans.get(id)?.state ?? initialPlanState()), revision });
    else if (kind === 'milestone') next.milestones.set(id, { state: (append.events as MilestoneEvent[]).reduce(evolveMilestone, next.milestones.get(id)?.state ?? initialMilestoneState()), revision });
    else if (kind === 'action') next.actions.set(id, { state: (append.events as ActionEvent[]).reduce(evolveAction, next.actions.get(id)?.state ?? initialActionState()), revision });
    else throw new Error(`unexpected stream ${append.streamId}`);
  }
  return next;
}

const emptyState = (): CurrentState => ({ plans: new Map(), actions: new Map(), measures: new Map(), milestones: new Map(), actionIdsByPlan: new Map() });

const step = (id: string, extra: Partial<ImportedStep> = {}): ImportedStep => ({ id, text: `Step ${id}`, owners: [], enablingTeams: [], done: false, source: `step ${id}`, ...extra });
const act = (id: string, extra: Partial<ImportedAction> = {}): ImportedAction => ({
  id, title: `Action ${id}`, owners: ['AB'], enablingTeams: [], links: [], targetDate: '2013-12-31', targetDateText: 'Dec 2013', steps: [], statusNotes: [], source: `action ${id}`, ...extra,
});
const milestone = (id: string, extra: Partial<ImportedMilestone> = {}): ImportedMilestone => ({ id, date: '2013-12-31', dateText: 'By Dec 2013', text: `Milestone ${id}`, refs: [], source: `milestone ${id}`, ...extra });

const fileWith = (actions: ImportedAction[], milestones: ImportedMilestone[] = [], framework: Partial<ImportFile['plans'][number]> = {}, wsFramework: object = {}): ImportFile => ({
  rowsRead: actions.length,
  warnings: [],
  plans: [{ id: 'EDU', kind: 'education', title: 'Education plan', version: '1', workstreams: [{ id: 'EDU.P2', title: 'Priority 2', ...wsFramework, actions }], measures: [], milestones, ...framework }],
});

const types = (appends: StreamAppend[]) => appends.map((a) => [a.streamId, a.events.map((e) => e.type)]);
const actionIn = (state: CurrentState, id: string) => state.actions.get(id)!.state as ExistingAction;

describe('planning an import of steps', () => {
  const v1 = fileWith([act('a1', { steps: [step('a1.s1', { done: true, statusNote: 'complete' }), step('a1.s2', { targetDate: '2013-10-31', targetDateText: '31 Oct 13' })] })]);

  it('adds each step, and completes with the note "imported" the ones the file says are complete', () => {
    const { appends, report } = planImport(v1, emptyState());
    expect(types(appends)[1]).toEqual(['action-a1', ['ActionAdded', 'ActionStepAdded', 'ActionStepCompleted', 'ActionStepAdded']]);
    expect(appends[1].events[1].data).toEqual({ actionId: 'a1', planId: 'EDU', stepId: 'a1.s1', text: 'Step a1.s1', owners: [], enablingTeams: [], statusNote: 'complete' });
    expect(appends[1].events[2].data).toEqual({ actionId: 'a1', planId: 'EDU', stepId: 'a1.s1', note: 'imported' });
    expect(report.steps).toEqual({ created: 2, changed: 0, unchanged: 0, completed: 1 });
  });

  it('decides nothing for the same steps again', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const { appends, report } = planImport(v1, stored);
    expect(appends).toEqual([]);
    expect(report.steps).toEqual({ created: 0, changed: 0, unchanged: 2, completed: 0 });
  });

  it('revises a step in only what the file changes: a new date is one event', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith([act('a1', { steps: [step('a1.s1', { done: true, statusNote: 'complete' }), step('a1.s2', { targetDate: '2014-03-31', targetDateText: '31 Mar 14' })] })]);
    const { appends } = planImport(v2, stored);
    expect(types(appends)).toEqual([['action-a1', ['ActionStepRevised']]]);
    expect(appends[0].events[0].data).toMatchObject({ stepId: 'a1.s2', changes: { targetDate: '2014-03-31', targetDateText: '31 Mar 14' }, reason: 're-import of plan EDU (version 1)' });
  });

  it('completes a stored step the file now says is complete, adds a new one, and leaves a done one done with a warning', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith([act('a1', { steps: [step('a1.s1'), step('a1.s2', { targetDate: '2013-10-31', targetDateText: '31 Oct 13', done: true, statusNote: 'Completed' }), step('a1.s3')] })]);
    const { appends, report } = planImport(v2, stored);
    expect(types(appends)).toEqual([['action-a1', ['ActionStepRevised', 'ActionStepCompleted', 'ActionStepAdded']]]);
    expect(appends[0].events[0].data).toMatchObject({ stepId: 'a1.s2', changes: { statusNote: 'Completed' } });
    expect(report.steps).toEqual({ created: 1, changed: 1, unchanged: 1, completed: 1 });
    expect(report.warnings).toEqual([{ where: 'step a1.s1', message: 'the file does not say the step is complete, but it was recorded as done; an import does not reopen a step' }]);
    const after = stateAfter(appends, stored);
    expect(actionIn(after, 'a1').steps.map((s) => [s.id, s.status])).toEqual([['a1.s1', 'done'], ['a1.s2', 'done'], ['a1.s3', 'open']]);
  });

  it('revises a reworded step as one event, with nothing to warn of', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const v2 = fileWith([act('a1', { steps: [step('a1.s1', { done: true, statusNote: 'complete' }), step('a1.s2', { text: 'Reworded', targetDate: '2013-10-31', targetDateText: '31 Oct 13' })] })]);
    const { appends, report } = planImport(v2, stored);
    expect(appends[0].events.map((e) => e.data)).toEqual([{ actionId: 'a1', planId: 'EDU', stepId: 'a1.s2', changes: { text: 'Reworded' }, reason: 're-import of plan EDU (version 1)' }]);
    expect(report.warnings).toEqual([]);
  });

  it('never takes a step added on the board for a step the refreshed file adds by its place', () => {
    const json = (steps: string[]) => ({
      plans: [{ id: 'EDU', name: 'Education plan', version: '1', workstreams: [{ id: 'EDU.P2', name: 'Priority 2', actions: [{ id: 'EDU.P2.1', title: 'Review governance', responsible: ['AB'], steps: steps.map((text) => ({ text })) }] }] }],
    });
    const stored = stateAfter(planImport(readPlansJson(json(['Agree the terms'])), emptyState()).appends);
    // Someone adds a step on the board without an id: the next free <action>.s<n>.
    const action = actionIn(stored, 'EDU.P2.1');
    const [added] = actionDecider.decide({ type: 'AddActionStep', data: { actionId: 'EDU.P2.1', text: 'Chase the clerk' } }, action);
    stored.actions.set('EDU.P2.1', { state: evolveAction(action, added), revision: (stored.actions.get('EDU.P2.1')!.revision ?? 0n) + 1n });
    expect(actionIn(stored, 'EDU.P2.1').steps.map((s) => [s.id, s.text])).toEqual([['EDU.P2.1.p1', 'Agree the terms'], ['EDU.P2.1.s2', 'Chase the clerk']]);

    // The refreshed file adds a second step by place: a step of its own, the board's untouched.
    const { appends } = planImport(readPlansJson(json(['Agree the terms', 'Train the governors'])), stored);
    expect(appends.flatMap((a) => a.events).map((e) => [e.type, (e.data as { stepId?: string }).stepId])).toEqual([['ActionStepAdded', 'EDU.P2.1.p2']]);
    const after = stateAfter(appends, stored);
    expect(actionIn(after, 'EDU.P2.1').steps.map((s) => [s.id, s.text])).toEqual([['EDU.P2.1.p1', 'Agree the terms'], ['EDU.P2.1.s2', 'Chase the clerk'], ['EDU.P2.1.p2', 'Train the governors']]);
  });

  it('keeps the owners of a step when the file names none, and keeps a step the file no longer lists, with warnings', () => {
    const withOwners = fileWith([act('a1', { steps: [step('a1.s1', { owners: ['CD'] }), step('a1.s2')] })]);
    const stored = stateAfter(planImport(withOwners, emptyState()).appends);
    const { appends, report } = planImport(fileWith([act('a1', { steps: [step('a1.s1')] })]), stored);
    expect(appends).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual(["no owner in the file; the step's owners stay CD", 'step a1.s2 ("Step a1.s2") is not in the file; an import keeps it']);
  });

  it('adds the steps of a completed action, and changes nothing on a withdrawn one', () => {
    const { appends } = planImport(fileWith([act('a1', { rag: 'B', steps: [step('a1.s1', { done: true })] })]), emptyState());
    expect(types(appends)[1]).toEqual(['action-a1', ['ActionAdded', 'ActionStepAdded', 'ActionStepCompleted', 'ActionCompleted']]);
    const stored = stateAfter(planImport(fileWith([act('a2')]), emptyState()).appends);
    const withdrawn = stateAfter(planImport(fileWith([]), { ...stored, actionIdsByPlan: new Map([['EDU', ['a2']]]) }, { withdrawMissing: true }).appends, stored);
    expect(actionIn(withdrawn, 'a2').status).toBe('withdrawn');
    const again = planImport(fileWith([act('a2', { steps: [step('a2.s1')], statusNotes: ['on hold'] })]), withdrawn);
    expect(again.appends).toEqual([]);
  });

  it('refuses a step id the rules do not take, naming the step, and decides nothing', () => {
    expect(() => planImport(fileWith([act('a1', { steps: [step('a1 step one')] })]), emptyState())).toThrow(ImportFileError);
    expect(() => planImport(fileWith([act('a1', { steps: [step('a1 step one')] })]), emptyState())).toThrow(/action a1: .*a1 step one/);
  });
});

describe('planning an import of status notes', () => {
  it('adds each of the plan\'s notes word for word as a note from the import, once', () => {
    const file = fileWith([act('a1', { statusNotes: ['Cohort 1 started 7/10', 'complete', 'complete'] })]);
    const { appends, report } = planImport(file, emptyState());
    expect(appends[1].events.slice(1).map((e) => e.data)).toEqual([
      { actionId: 'a1', planId: 'EDU', text: 'Cohort 1 started 7/10', source: 'imported' },
      { actionId: 'a1', planId: 'EDU', text: 'complete', source: 'imported' },
      { actionId: 'a1', planId: 'EDU', text: 'complete', source: 'imported' },
    ]);
    expect(report.notes).toEqual({ added: 3, unchanged: 0 });
    const stored = stateAfter(appends);
    expect(planImport(file, stored).appends).toEqual([]);
    // A refreshed plan with a new note: only that one.
    const refreshed = planImport(fileWith([act('a1', { statusNotes: ['Cohort 1 started 7/10', 'complete', 'complete', 'Cohort 2 started 14/10'] })]), stored);
    expect(refreshed.appends.map((a) => a.events.map((e) => e.data))).toEqual([[{ actionId: 'a1', planId: 'EDU', text: 'Cohort 2 started 14/10', source: 'imported' }]]);
    expect(refreshed.report.notes).toEqual({ added: 1, unchanged: 3 });
  });
});

describe('planning an import of the framework and milestones', () => {
  const framework = { lead: 'Director', standards: ['Working Together 2013'] };
  const wsFramework = { lead: 'Chris Snudden', successCriteria: ['Improved governance'], assumptions: ['No restructure'] };
  const milestones = [milestone('EDU.P2.M1', { workstreamId: 'EDU.P2', refs: ['2'], group: 'Key milestones' }), milestone('EDU.M1')];
  const v1 = fileWith([act('a1')], milestones, framework, wsFramework);

  it('puts the framework on the plan and work-stream events, and sets the milestones after the actions', () => {
    const { appends, report } = planImport(v1, emptyState());
    expect(types(appends)).toEqual([
      ['plan-EDU', ['PlanCreated', 'WorkstreamAdded']],
      ['action-a1', ['ActionAdded']],
      ['milestone-EDU.P2.M1', ['MilestoneSet']],
      ['milestone-EDU.M1', ['MilestoneSet']],
    ]);
    expect(appends[0].events[0].data).toMatchObject(framework);
    expect(appends[0].events[1].data).toMatchObject(wsFramework);
    expect(appends[2].events[0].data).toEqual({ milestoneId: 'EDU.P2.M1', planId: 'EDU', workstreamId: 'EDU.P2', date: '2013-12-31', dateText: 'By Dec 2013', text: 'Milestone EDU.P2.M1', refs: ['2'], group: 'Key milestones' });
    expect(report.milestones).toEqual({ created: 2, changed: 0, unchanged: 0, missing: [] });
  });

  it('decides nothing when the same file comes again, and only what changed on a refresh', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    expect(planImport(v1, stored).appends).toEqual([]);
    const v2 = fileWith(
      [act('a1')],
      [milestone('EDU.P2.M1', { workstreamId: 'EDU.P2', refs: ['2'], group: 'Key milestones', date: '2014-01-31', dateText: 'By Jan 2014' }), milestone('EDU.M1')],
      { ...framework, risks: ['Funding'] },
      { ...wsFramework, successCriteria: ['Improved governance', 'Improved leadership'] },
    );
    const { appends, report } = planImport(v2, stored);
    expect(types(appends)).toEqual([
      ['plan-EDU', ['PlanVersionRefreshed', 'WorkstreamRevised']],
      ['milestone-EDU.P2.M1', ['MilestoneRevised']],
    ]);
    expect(appends[0].events[0].data).toEqual({ planId: 'EDU', previousVersion: '1', risks: ['Funding'], reason: 're-import of plan EDU (version 1)' });
    expect(appends[0].events[1].data).toMatchObject({ changes: { successCriteria: ['Improved governance', 'Improved leadership'] } });
    expect(appends[1].events[0].data).toMatchObject({ changes: { date: '2014-01-31', dateText: 'By Jan 2014' } });
    expect(report.milestones).toEqual({ created: 0, changed: 1, unchanged: 1, missing: [] });
    const dropped = planImport(fileWith([act('a1')], [milestones[0]], framework, wsFramework), { ...stored, milestoneIdsByPlan: new Map([['EDU', ['EDU.P2.M1', 'EDU.M1']]]) });
    expect(dropped.appends).toEqual([]);
    expect(dropped.report.milestones).toEqual({ created: 0, changed: 0, unchanged: 1, missing: ['EDU.M1'] });
  });

  it('never assesses a milestone: an assessed one is revised only in what the file changes', () => {
    const stored = stateAfter(planImport(v1, emptyState()).appends);
    const assessed = stored.milestones.get('EDU.M1')!;
    stored.milestones.set('EDU.M1', { ...assessed, state: evolveMilestone(assessed.state, { type: 'MilestoneAssessed', data: { milestoneId: 'EDU.M1', planId: 'EDU', outcome: 'met', reason: 'Board 5 Jan' } }) });
    const { appends } = planImport(fileWith([act('a1')], [milestones[0], milestone('EDU.M1', { text: 'Reworded' })], framework, wsFramework), stored);
    expect(appends.flatMap((a) => a.events.map((e) => e.type))).toEqual(['MilestoneRevised']);
  });

  it('refuses a milestone on a work-stream the plan does not have, or with an id of another plan', () => {
    const problems = (file: ImportFile, state = emptyState()) => {
      try {
        planImport(file, state);
      } catch (error) {
        return (error as ImportFileError).problems;
      }
      throw new Error('accepted');
    };
    expect(problems(fileWith([], [milestone('EDU.M9', { workstreamId: 'EDU.P7' })])).join()).toMatch(/milestone EDU.M9: .*EDU.P7/);
    const other = stateAfter(planImport({ ...fileWith([], [milestone('EDU.M1')]) }, emptyState()).appends);
    const lac: ImportFile = { rowsRead: 0, warnings: [], plans: [{ id: 'LAC', kind: 'lac', title: 'LAC', workstreams: [], measures: [], milestones: [milestone('EDU.M1')] }] };
    expect(problems(lac, other).join()).toMatch(/milestone id EDU.M1 already belongs to plan EDU/);
  });
});
