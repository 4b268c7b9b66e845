import type { ActionEvent, ActionStepEvent, PlanEvent } from '@rag-ledger/domain';
import { assertUnreachable } from '../tracker-events';

/**
 * The rows of the RAG board read model, and how each event changes them. The same
 * function feeds the current board and its history, so the board as it stood on any
 * date is exactly what the current board showed at that moment.
 */
export interface PlanRow {
  id: string;
  kind: string;
  title: string;
  board: string | null;
  version: string | null;
  period_start: string | null;
  period_end: string | null;
  created_at: string;
  last_changed_at: string;
  revision: number;
  seq: number;
}

export interface WorkstreamRow {
  plan_id: string;
  id: string;
  title: string;
  accountable: string | null;
  responsible: string | null;
  project_manager: string | null;
  outcome: string | null;
  seq: number;
}

export interface ActionRow {
  id: string;
  plan_id: string;
  workstream_id: string;
  ref: string | null;
  title: string;
  owners: string;
  enabling_teams: string;
  target_date: string | null;
  target_date_text: string | null;
  measures: string | null;
  links: string;
  status: string;
  last_reason: string | null;
  created_at: string;
  last_changed_at: string;
  last_change: string;
  revision: number;
  /** "3 of 5 steps done": kept with the status (versioned with it), so a board as of any instant is still one read. */
  steps_done: number;
  steps_total: number;
  seq: number;
}

/** What nearly every event changes: an action's history keeps these apart from its details. */
export const ACTION_STATUS_COLUMNS: Array<keyof ActionRow & string> = ['status', 'last_reason', 'last_changed_at', 'last_change', 'revision', 'steps_done', 'steps_total'];

/** One step of an action (lists as JSON, as on the action's row); `seq` the position of the event that added it, the plan's order. */
export interface StepRow {
  action_id: string;
  step_id: string;
  plan_id: string;
  text: string;
  owners: string;
  enabling_teams: string;
  target_date: string | null;
  target_date_text: string | null;
  status_note: string | null;
  status: 'open' | 'done';
  last_changed_at: string;
  seq: number;
}

export interface Change {
  at: string;
  revision: number;
  position: number;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const keep = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/** Each switch has a case per event type and ends in assertUnreachable: a new type does not compile until it is handled here. */
export function nextPlanRow(current: PlanRow | undefined, event: PlanEvent, c: Change): PlanRow | undefined {
  switch (event.type) {
    case 'PlanCreated': {
      const d = event.data;
      return {
        id: d.planId, kind: d.kind, title: d.title, board: orNull(d.board), version: orNull(d.version),
        period_start: orNull(d.periodStart), period_end: orNull(d.periodEnd), created_at: c.at, last_changed_at: c.at,
        revision: c.revision, seq: c.position,
      };
    }
    case 'PlanVersionRefreshed': {
      if (!current) return undefined;
      const d = event.data;
      return {
        ...current, version: keep(d.version, current.version), title: keep(d.title, current.title), board: keep(d.board, current.board),
        period_start: keep(d.periodStart, current.period_start), period_end: keep(d.periodEnd, current.period_end),
        last_changed_at: c.at, revision: c.revision,
      };
    }
    case 'WorkstreamAdded':
    case 'WorkstreamRevised':
      return current && { ...current, last_changed_at: c.at, revision: c.revision };
    default:
      return assertUnreachable(event);
  }
}

export function nextWorkstreamRow(current: WorkstreamRow | undefined, event: PlanEvent, c: Change): WorkstreamRow | undefined {
  switch (event.type) {
    case 'WorkstreamAdded': {
      const d = event.data;
      return {
        plan_id: d.planId, id: d.workstreamId, title: d.title, accountable: orNull(d.accountable), responsible: orNull(d.responsible),
        project_manager: orNull(d.projectManager), outcome: orNull(d.outcome), seq: c.position,
      };
    }
    case 'WorkstreamRevised': {
      if (!current) return undefined;
      const x = event.data.changes;
      return {
        ...current, title: keep(x.title, current.title), accountable: keep(x.accountable, current.accountable),
        responsible: keep(x.responsible, current.responsible), project_manager: keep(x.projectManager, current.project_manager),
        outcome: keep(x.outcome, current.outcome),
      };
    }
    case 'PlanCreated':
    case 'PlanVersionRefreshed':
      return undefined;
    default:
      return assertUnreachable(event);
  }
}

export function nextActionRow(current: ActionRow | undefined, event: ActionEvent, c: Change): ActionRow | undefined {
  if (event.type === 'ActionAdded') {
    const d = event.data;
    return {
      id: d.actionId, plan_id: d.planId, workstream_id: d.workstreamId, ref: orNull(d.ref), title: d.title,
      owners: JSON.stringify(d.owners), enabling_teams: JSON.stringify(d.enablingTeams), target_date: orNull(d.targetDate),
      target_date_text: orNull(d.targetDateText), measures: orNull(d.measures), links: JSON.stringify(d.links), status: 'W',
      last_reason: null, created_at: c.at, last_changed_at: c.at, last_change: event.type, revision: c.revision, steps_done: 0, steps_total: 0,
      seq: c.position,
    };
  }
  if (!current) return undefined;
  const touched = { ...current, last_changed_at: c.at, last_change: event.type, revision: c.revision };
  switch (event.type) {
    case 'ActionStarted':
      return { ...touched, status: event.data.rag, last_reason: orNull(event.data.note) };
    case 'ActionRagChanged':
      return { ...touched, status: event.data.to, last_reason: event.data.reason };
    case 'ActionCompleted':
      return { ...touched, status: 'B', last_reason: orNull(event.data.note) };
    case 'ActionReopened':
      return { ...touched, status: event.data.rag, last_reason: event.data.reason };
    case 'ActionWithdrawn':
      return { ...touched, status: 'withdrawn', last_reason: event.data.reason };
    case 'ActionTargetDateRevised':
      return { ...touched, target_date: event.data.to, target_date_text: orNull(event.data.targetDateText), last_reason: event.data.reason };
    case 'ActionOwnersReassigned':
      return { ...touched, owners: JSON.stringify(event.data.to), last_reason: event.data.reason };
    case 'ActionProgressNoted':
      return touched;
    // Steps, like notes, keep the action's last reason (the board reads it as why the action stands where it does).
    // The decider completes only an open step and reopens only a done one, so counting the events is the count.
    case 'ActionStepAdded':
      return { ...touched, steps_total: current.steps_total + 1 };
    case 'ActionStepCompleted':
      return { ...touched, steps_done: current.steps_done + 1 };
    case 'ActionStepReopened':
      return { ...touched, steps_done: current.steps_done - 1 };
    case 'ActionStepRevised':
      return touched;
    case 'ActionDetailsRevised': {
      const x = event.data.changes;
      return {
        ...touched, workstream_id: keep(x.workstreamId, current.workstream_id), ref: keep(x.ref, current.ref), title: keep(x.title, current.title),
        enabling_teams: x.enablingTeams ? JSON.stringify(x.enablingTeams) : current.enabling_teams,
        target_date_text: keep(x.targetDateText, current.target_date_text), measures: keep(x.measures, current.measures),
        links: x.links ? JSON.stringify(x.links) : current.links, last_reason: event.data.reason,
      };
    }
    default:
      return assertUnreachable(event);
  }
}

const STEP_EVENT_TYPES: ReadonlyArray<ActionEvent['type']> = ['ActionStepAdded', 'ActionStepCompleted', 'ActionStepReopened', 'ActionStepRevised'] satisfies Array<ActionStepEvent['type']>;

export const isStepEvent = (event: ActionEvent): event is ActionStepEvent => STEP_EVENT_TYPES.includes(event.type);

/** The step the event names, as it stands after it. */
export function nextStepRow(current: StepRow | undefined, event: ActionStepEvent, c: Change): StepRow | undefined {
  switch (event.type) {
    case 'ActionStepAdded': {
      const d = event.data;
      return {
        action_id: d.actionId, step_id: d.stepId, plan_id: d.planId, text: d.text, owners: JSON.stringify(d.owners), enabling_teams: JSON.stringify(d.enablingTeams),
        target_date: orNull(d.targetDate), target_date_text: orNull(d.targetDateText), status_note: orNull(d.statusNote), status: 'open', last_changed_at: c.at,
        seq: c.position,
      };
    }
    case 'ActionStepCompleted':
      return current && { ...current, status: 'done', last_changed_at: c.at };
    case 'ActionStepReopened':
      return current && { ...current, status: 'open', last_changed_at: c.at };
    case 'ActionStepRevised': {
      if (!current) return undefined;
      const x = event.data.changes;
      return {
        ...current, text: keep(x.text, current.text), owners: x.owners ? JSON.stringify(x.owners) : current.owners,
        enabling_teams: x.enablingTeams ? JSON.stringify(x.enablingTeams) : current.enabling_teams, target_date: keep(x.targetDate, current.target_date),
        target_date_text: keep(x.targetDateText, current.target_date_text), status_note: keep(x.statusNote, current.status_note), last_changed_at: c.at,
      };
    }
    default:
      return assertUnreachable(event);
  }
}
