import {
  actionDecider,
  DomainError,
  initialActionState,
  initialMeasureState,
  initialPlanState,
  measureDecider,
  initialMilestoneState,
  milestoneDecider,
  type ActionStepDetails,
  type MeasureCommand,
  type MeasureEvent,
  type MeasureState,
  type MilestoneCommand,
  type MilestoneEvent,
  type MilestoneState,
  NothingToReviseError,
  OwnersUnchangedError,
  planDecider,
  planIdsPrefixing,
  type ActionCommand,
  type ActionEvent,
  type ActionDetails,
  type ActionState,
  type Decider,
  type ExistingAction,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
} from '@rag-ledger/domain';
import {
  ImportFileError,
  MAX_WARNINGS_LISTED,
  type ImportedAction,
  type ImportedMeasure,
  type ImportedMilestone,
  type ImportedPlan,
  type ImportFile,
  type ImportWarning,
} from './import-file';
import { ROWS_PER_STEP, runAtOnce, runInSteps } from './steps';

export const IMPORTED = 'imported';

export interface CurrentStream<State> {
  state: State;
  /** The revision of the stream's last event; undefined when it does not exist. */
  revision?: bigint;
}

/** What the store holds now for the plans, actions, measures and milestones a file names. */
export interface CurrentState {
  plans: Map<string, CurrentStream<PlanState>>;
  actions: Map<string, CurrentStream<ActionState>>;
  measures: Map<string, CurrentStream<MeasureState>>;
  milestones: Map<string, CurrentStream<MilestoneState>>;
  /** The actions each plan has now, to find those a refreshed file no longer lists. */
  actionIdsByPlan: Map<string, string[]>;
  /** The milestones each plan has now, to report those a refreshed file no longer lists; omitted: none reported. */
  milestoneIdsByPlan?: Map<string, string[]>;
  /** Every plan in the store, to keep each plan's ids its own (see planOwningId); omitted: those of the file. */
  planIds?: Set<string>;
}

export interface ImportOptions {
  /** Withdraw the actions a refreshed plan no longer lists (otherwise they are only reported). */
  withdrawMissing?: boolean;
}

export interface StreamAppend {
  streamId: string;
  /** The plan the stream is part of: a store that cannot append atomically writes plan by plan. */
  planId: string;
  /** undefined: the stream must not exist yet. */
  expectedRevision?: bigint;
  events: Array<PlanEvent | ActionEvent | MeasureEvent | MilestoneEvent>;
}

export interface Counts {
  created: number;
  changed: number;
  unchanged: number;
}

export interface ImportReport {
  rowsRead: number;
  plans: Counts;
  workstreams: Counts;
  actions: Counts & { missing: string[]; withdrawn: string[] };
  measures: Counts;
  /** `completed`: steps the file says are complete that were not (new ones included). */
  steps: Counts & { completed: number };
  /** The plan's own progress notes on actions ("Cohort 1 started 7/10"): added, or already there. */
  notes: { added: number; unchanged: number };
  /** `missing`: milestones a refreshed plan no longer lists (kept: an import removes none). */
  milestones: Counts & { missing: string[] };
  events: number;
  /** The first MAX_WARNINGS_LISTED warnings; `moreWarnings` counts the others. */
  warnings: ImportWarning[];
  moreWarnings: number;
}

const counts = (): Counts => ({ created: 0, changed: 0, unchanged: 0 });

/**
 * Decides the events that bring the store in line with a plan file: new plans,
 * work-streams and actions, a version refresh, revised details, dates, owners and
 * RAG. Pure: it runs the domain's own rules on the current state, so a file that
 * would break one is refused before anything is written. Importing the same file
 * again decides nothing.
 */
export function planImport(file: ImportFile, current: CurrentState, options: ImportOptions = {}): ImportPlan {
  return runAtOnce(planning(file, current, options));
}

/** The same as planImport, giving the event loop back every ROWS_PER_STEP actions (see steps.ts). */
export function planImportInSteps(file: ImportFile, current: CurrentState, options: ImportOptions = {}): Promise<ImportPlan> {
  return runInSteps(planning(file, current, options));
}

export interface ImportPlan {
  appends: StreamAppend[];
  report: ImportReport;
}

function* planning(file: ImportFile, current: CurrentState, options: ImportOptions): Generator<void, ImportPlan> {
  const report: ImportReport = {
    rowsRead: file.rowsRead,
    plans: counts(),
    workstreams: counts(),
    actions: { ...counts(), missing: [], withdrawn: [] },
    measures: counts(),
    steps: { ...counts(), completed: 0 },
    notes: { added: 0, unchanged: 0 },
    milestones: { ...counts(), missing: [] },
    events: 0,
    warnings: [...file.warnings],
    moreWarnings: 0,
  };
  const problems: string[] = [];
  const appends: StreamAppend[] = [];
  // The plans that own ids: those stored and those this file creates.
  const planIds = new Set([...(current.planIds ?? []), ...current.plans.keys(), ...file.plans.map((p) => p.id)]);
  const plansPrefixing = (id: string) => planIdsPrefixing(id).filter((p) => planIds.has(p));
  let planned = 0;

  for (const plan of file.plans) {
    const planAppends: StreamAppend[] = [];
    const actionAppends: StreamAppend[] = [];
    const milestoneAppends: StreamAppend[] = [];
    const existing = current.plans.get(plan.id) ?? { state: initialPlanState() };
    const reason = refreshReason(plan, existing.state);
    const planRun = new StreamRun(plan.id, planDecider, plan.id, existing);
    try {
      decidePlanChanges(plan, planRun, reason, report);
    } catch (error) {
      problems.push(`plan ${plan.id}: ${describe(error)}`);
      continue;
    }
    if (planRun.events.length > 0) planAppends.push(planRun.append());

    const listed = new Set<string>();
    for (const ws of plan.workstreams) {
      for (const action of ws.actions) {
        if (++planned % ROWS_PER_STEP === 0) yield;
        listed.add(action.id);
        const now = current.actions.get(action.id) ?? { state: initialActionState() };
        if (now.state.exists && now.state.planId !== plan.id) {
          problems.push(`${action.source}: action id ${action.id} already belongs to plan ${now.state.planId}`);
          continue;
        }
        const run = new StreamRun(plan.id, actionDecider, action.id, now);
        try {
          decideActionChanges(action, ws.id, planRun.state, plansPrefixing(action.id), run, reason, report);
        } catch (error) {
          problems.push(`${action.source}: ${describe(error)}`);
          continue;
        }
        if (run.events.length > 0) actionAppends.push(run.append());
      }
    }

    for (const measure of plan.measures) {
      const now = current.measures.get(measure.id) ?? { state: initialMeasureState() };
      if (now.state.exists && now.state.planId !== plan.id) {
        problems.push(`${measure.source}: measure id ${measure.id} already belongs to plan ${now.state.planId}`);
        continue;
      }
      const run = new StreamRun(plan.id, measureDecider, measure.id, now);
      try {
        decideMeasureChanges(measure, plan.id, planRun.state, plansPrefixing(measure.id), run, reason, report);
      } catch (error) {
        problems.push(`${measure.source}: ${describe(error)}`);
        continue;
      }
      if (run.events.length > 0) actionAppends.push(run.append());
    }

    for (const id of current.actionIdsByPlan.get(plan.id) ?? []) {
      const now = current.actions.get(id);
      if (listed.has(id) || !now?.state.exists || now.state.status === 'withdrawn') continue;
      report.actions.missing.push(id);
      if (!options.withdrawMissing) continue;
      const run = new StreamRun(plan.id, actionDecider, id, now);
      run.decide({ type: 'WithdrawAction', data: { actionId: id, reason: `not in ${plan.version ? `plan version ${plan.version}` : 'the refreshed plan'}` } });
      actionAppends.push(run.append());
      report.actions.withdrawn.push(id);
    }
    for (const milestone of plan.milestones) {
      const now = current.milestones.get(milestone.id) ?? { state: initialMilestoneState() };
      if (now.state.exists && now.state.planId !== plan.id) {
        problems.push(`${milestone.source}: milestone id ${milestone.id} already belongs to plan ${now.state.planId}`);
        continue;
      }
      const run = new StreamRun(plan.id, milestoneDecider, milestone.id, now);
      try {
        decideMilestoneChanges(milestone, plan.id, planRun.state, plansPrefixing(milestone.id), run, reason, report);
      } catch (error) {
        problems.push(`${milestone.source}: ${describe(error)}`);
        continue;
      }
      if (run.events.length > 0) milestoneAppends.push(run.append());
    }
    const milestonesListed = new Set(plan.milestones.map((m) => m.id));
    report.milestones.missing.push(...(current.milestoneIdsByPlan?.get(plan.id) ?? []).filter((id) => !milestonesListed.has(id)));

    // Plan by plan, each plan's own stream first: an action's or a milestone's events name a
    // plan and work-stream that must exist before it, and a store that cannot append atomically
    // then completes whole plans one after another.
    appends.push(...planAppends, ...actionAppends, ...milestoneAppends);
  }

  if (problems.length > 0) throw new ImportFileError(problems);
  if (report.warnings.length > MAX_WARNINGS_LISTED) {
    report.moreWarnings = report.warnings.length - MAX_WARNINGS_LISTED;
    report.warnings = report.warnings.slice(0, MAX_WARNINGS_LISTED);
  }
  report.events = appends.reduce((n, a) => n + a.events.length, 0);
  return { appends, report };
}

function refreshReason(plan: ImportedPlan, state: PlanState): string {
  if (state.exists && plan.version && plan.version !== state.version) return `plan refresh to version ${plan.version}`;
  return `re-import of plan ${plan.id}${plan.version ? ` (version ${plan.version})` : ''}`;
}

function decidePlanChanges(plan: ImportedPlan, run: StreamRun<PlanState, PlanCommand, PlanEvent>, reason: string, report: ImportReport): void {
  const framework = { lead: plan.lead, successCriteria: plan.successCriteria, standards: plan.standards, assumptions: plan.assumptions, risks: plan.risks };
  const details = { title: plan.title, board: plan.board, version: plan.version, periodStart: plan.periodStart, periodEnd: plan.periodEnd, ...framework };
  if (!run.state.exists) {
    run.decide({ type: 'CreatePlan', data: { planId: plan.id, kind: plan.kind, ...details } });
    report.plans.created++;
  } else {
    if (run.state.kind !== plan.kind) {
      report.warnings.push({ where: `plan ${plan.id}`, message: `the file says kind "${plan.kind}" but the plan is "${run.state.kind}"; the kind is not changed by an import` });
    }
    const changed = run.decideIfChanged({ type: 'RefreshPlanVersion', data: { planId: plan.id, ...details, reason } });
    report.plans[changed ? 'changed' : 'unchanged']++;
  }
  for (const ws of plan.workstreams) {
    const { actions: _, id, ...wsDetails } = ws;
    const state = run.state as Extract<PlanState, { exists: true }>;
    if (!state.workstreams.has(id)) {
      run.decide({ type: 'AddWorkstream', data: { planId: plan.id, workstreamId: id, ...wsDetails } });
      report.workstreams.created++;
    } else {
      const changed = run.decideIfChanged({ type: 'ReviseWorkstream', data: { planId: plan.id, workstreamId: id, changes: wsDetails, reason } });
      report.workstreams[changed ? 'changed' : 'unchanged']++;
    }
  }
}

function decideActionChanges(
  action: ImportedAction,
  workstreamId: string,
  plan: PlanState,
  plansPrefixingId: string[],
  run: StreamRun<ActionState, ActionCommand, ActionEvent>,
  reason: string,
  report: ImportReport,
): void {
  const actionId = action.id;
  const details: Partial<ActionDetails> = {
    workstreamId,
    ref: action.ref,
    title: action.title,
    enablingTeams: action.enablingTeams,
    targetDateText: action.targetDateText,
    measures: action.measures,
    links: action.links,
  };
  if (!run.state.exists) {
    const added = { actionId, planId: plan.exists ? plan.id : '', ...details, workstreamId, title: action.title, owners: action.owners, targetDate: action.targetDate };
    run.decide({ type: 'AddAction', plan, plansPrefixingId, data: added });
    decideSteps(action, run, reason, report);
    decideNotes(action, run, report);
    decideRag(action, run, report);
    report.actions.created++;
    return;
  }
  if (run.state.status === 'withdrawn') {
    report.warnings.push({ where: action.source, message: 'the action was withdrawn; the import leaves it as it is' });
    report.actions.unchanged++;
    return;
  }
  const before = run.events.length;
  const state = run.state as ExistingAction;
  if (state.status === 'B') {
    // A completed action's date is fixed, and so is the date as printed: the board must not
    // show 31 Dec 2013 under the text "Mar 2014".
    delete details.targetDateText;
    if (action.targetDate !== state.targetDate || action.targetDateText !== state.targetDateText) {
      report.warnings.push({
        where: action.source,
        message: `the action is completed, so its target date stays ${state.targetDateText ?? state.targetDate ?? 'unset'} (the file says ${action.targetDateText ?? action.targetDate ?? 'none'})`,
      });
    }
  } else if (action.targetDate !== undefined && action.targetDate !== state.targetDate) {
    run.decide({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: action.targetDate, targetDateText: action.targetDateText, reason } });
  }
  run.decideIfChanged({ type: 'ReviseActionDetails', plan, data: { actionId, changes: details, reason } });
  if (action.owners.length === 0 && state.owners.length > 0) {
    report.warnings.push({ where: action.source, message: `no owner in the file; the owners stay ${state.owners.join(', ')}` });
  } else if (action.owners.length > 0) {
    run.decideIfChanged({ type: 'ReassignActionOwners', data: { actionId, owners: action.owners, reason } });
  }
  decideSteps(action, run, reason, report);
  decideNotes(action, run, report);
  decideRag(action, run, report);
  report.actions[run.events.length > before ? 'changed' : 'unchanged']++;
}

/** A measure's definition, then its targets, values and comparators: only what differs from the store. */
function decideMeasureChanges(
  measure: ImportedMeasure,
  planId: string,
  plan: PlanState,
  plansPrefixingId: string[],
  run: StreamRun<MeasureState, MeasureCommand, MeasureEvent>,
  reason: string,
  report: ImportReport,
): void {
  const measureId = measure.id;
  const created = !run.state.exists;
  if (created) {
    const { id: _, targets: __, values: ___, comparators: ____, source: _____, ...definition } = measure;
    run.decide({ type: 'DefineMeasure', plan, plansPrefixingId, data: { measureId, planId, ...definition } });
  }
  const before = run.events.length;
  for (const [period, value] of Object.entries(measure.targets)) run.decideIfChanged({ type: 'SetMeasureTarget', data: { measureId, period, value } });
  for (const { period, value, provisional, source } of measure.values) {
    const existing = (run.state as Extract<MeasureState, { exists: true }>).values[period];
    if (!existing || (existing.provisional && (existing.value !== value || !provisional))) {
      run.decide({ type: 'RecordMeasureValue', data: { measureId, period, value, provisional, source } });
    } else if (existing.value !== value) {
      run.decide({ type: 'ReviseMeasureValue', data: { measureId, period, value, reason } });
    }
  }
  for (const c of measure.comparators) run.decideIfChanged({ type: 'RecordMeasureComparator', data: { measureId, ...c } });
  report.measures[created ? 'created' : run.events.length > before ? 'changed' : 'unchanged']++;
}

/**
 * The action's steps, by id: a new one is added (and completed, note "imported", when the file
 * says it is complete); a stored one is revised in what the file changes (a refreshed date is
 * one event), and completed when the file says so. A step the file shows open but the store has
 * done stays done (an import does not undo a recorded completion), with a warning.
 */
function decideSteps(action: ImportedAction, run: StreamRun<ActionState, ActionCommand, ActionEvent>, reason: string, report: ImportReport): void {
  const actionId = action.id;
  for (const step of action.steps) {
    const stored = (run.state as ExistingAction).steps.find((s) => s.id === step.id);
    const details: Partial<ActionStepDetails> = {
      text: step.text,
      owners: step.owners,
      enablingTeams: step.enablingTeams,
      targetDate: step.targetDate,
      targetDateText: step.targetDateText,
      statusNote: step.statusNote,
    };
    if (!stored) {
      run.decide({ type: 'AddActionStep', data: { actionId, stepId: step.id, ...details, text: step.text } });
      if (step.done) run.decide({ type: 'CompleteActionStep', data: { actionId, stepId: step.id, note: IMPORTED } });
      report.steps.created++;
      if (step.done) report.steps.completed++;
      continue;
    }
    // As for an action: a file that names no owner leaves the step's owners as they are.
    if (step.owners.length === 0) {
      delete details.owners;
      if (stored.owners.length > 0) report.warnings.push({ where: step.source, message: `no owner in the file; the step's owners stay ${stored.owners.join(', ')}` });
    }
    const revised = run.decideIfChanged({ type: 'ReviseActionStep', data: { actionId, stepId: step.id, changes: details, reason } });
    const completed = step.done && stored.status === 'open';
    if (completed) {
      run.decide({ type: 'CompleteActionStep', data: { actionId, stepId: step.id, note: IMPORTED } });
      report.steps.completed++;
    } else if (!step.done && stored.status === 'done') {
      report.warnings.push({ where: step.source, message: 'the file does not say the step is complete, but it was recorded as done; an import does not reopen a step' });
    }
    report.steps[revised || completed ? 'changed' : 'unchanged']++;
  }
  if (action.steps.length === 0) return;
  const listed = new Set(action.steps.map((s) => s.id));
  for (const stored of (run.state as ExistingAction).steps) {
    if (!listed.has(stored.id)) report.warnings.push({ where: action.source, message: `step ${stored.id} ("${stored.text.slice(0, 60)}") is not in the file; an import keeps it` });
  }
}

/**
 * The plan's own progress notes on the action, word for word, as notes from the import
 * (`source: 'imported'`): each one the action does not already have (the same text twice in
 * the file is two notes; once stored, it is not added again).
 */
function decideNotes(action: ImportedAction, run: StreamRun<ActionState, ActionCommand, ActionEvent>, report: ImportReport): void {
  const stored = new Map<string, number>();
  for (const note of (run.state as ExistingAction).progressNotes) stored.set(note.trim(), (stored.get(note.trim()) ?? 0) + 1);
  for (const note of action.statusNotes) {
    const left = stored.get(note.trim()) ?? 0;
    if (left > 0) {
      stored.set(note.trim(), left - 1);
      report.notes.unchanged++;
      continue;
    }
    run.decide({ type: 'NoteActionProgress', data: { actionId: action.id, text: note, source: 'imported' } });
    report.notes.added++;
  }
}

/** A milestone as the file gives it: set when new, revised in what changed; an import never assesses one. */
function decideMilestoneChanges(
  milestone: ImportedMilestone,
  planId: string,
  plan: PlanState,
  plansPrefixingId: string[],
  run: StreamRun<MilestoneState, MilestoneCommand, MilestoneEvent>,
  reason: string,
  report: ImportReport,
): void {
  const { id: milestoneId, source: _, ...details } = milestone;
  if (!run.state.exists) {
    run.decide({ type: 'SetMilestone', plan, plansPrefixingId, data: { milestoneId, planId, ...details } });
    report.milestones.created++;
    return;
  }
  const changed = run.decideIfChanged({ type: 'ReviseMilestone', plan, data: { milestoneId, changes: details, reason } });
  report.milestones[changed ? 'changed' : 'unchanged']++;
}

/** A RAG in the file becomes the events that lead to it, with the reason "imported". */
function decideRag(action: ImportedAction, run: StreamRun<ActionState, ActionCommand, ActionEvent>, report: ImportReport): void {
  const state = run.state as ExistingAction;
  const target = action.rag;
  if (!target || target === state.status) return;
  const actionId = action.id;
  if (target === 'W') {
    report.warnings.push({ where: action.source, message: `the file says W (not started) but the action is ${state.status}; an import does not un-start an action` });
  } else if (target === 'B') {
    run.decide({ type: 'CompleteAction', data: { actionId, note: IMPORTED } });
  } else if (state.status === 'W') {
    run.decide({ type: 'StartAction', data: { actionId, rag: target, note: IMPORTED } });
  } else if (state.status === 'B') {
    run.decide({ type: 'ReopenAction', data: { actionId, rag: target, reason: IMPORTED } });
  } else {
    run.decide({ type: 'ChangeActionRag', data: { actionId, rag: target, reason: IMPORTED } });
  }
}

/** Decides commands one after another on one stream, folding each event in. */
class StreamRun<State, Command, Event> {
  readonly events: Event[] = [];
  readonly streamId: string;
  state: State;

  constructor(
    private readonly planId: string,
    private readonly decider: Decider<State, Command, Event>,
    id: string,
    private readonly current: CurrentStream<State>,
  ) {
    this.streamId = decider.streamOf(id);
    this.state = current.state;
  }

  decide(command: Command): void {
    for (const event of this.decider.decide(command, this.state)) {
      this.events.push(event);
      this.state = this.decider.evolve(this.state, event);
    }
  }

  /** Like decide, but "nothing would change" is not a problem: it just decides nothing. */
  decideIfChanged(command: Command): boolean {
    try {
      this.decide(command);
      return true;
    } catch (error) {
      if (error instanceof NothingToReviseError || error instanceof OwnersUnchangedError) return false;
      throw error;
    }
  }

  append(): StreamAppend {
    return { streamId: this.streamId, planId: this.planId, expectedRevision: this.current.revision, events: this.events as StreamAppend['events'] };
  }
}

function describe(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  throw error;
}
