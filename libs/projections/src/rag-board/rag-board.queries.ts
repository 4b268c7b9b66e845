import type { Database, Statement } from 'better-sqlite3';
import type { ActionDetails, BoardRow, PlanningFrameworkView, StepView } from '@rag-ledger/contract';
import { dayOf, isOverdueOn, STATUS_SEVERITY, type ActionStatus, type CountedStatus } from '@rag-ledger/domain';
import { asOfBounds, VersionedTable } from '../versioned-table';
import { actionLinks, linkTargets, type ActionLinks } from './action-links';
import { ACTION_STATUS_COLUMNS, type ActionRow, type StepRow } from './board-rows';

export type StatusCounts = Record<CountedStatus, number>;

export interface PlanSummary {
  id: string;
  kind: string;
  title: string;
  board: string | null;
  version: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: string;
  lastChangedAt: string;
  revision: number;
}

export interface WorkstreamView {
  id: string;
  title: string;
  accountable: string | null;
  responsible: string | null;
  projectManager: string | null;
  outcome: string | null;
}

/**
 * The shapes the web board reads are the contract's (libs/contract), as this read model knows
 * them: the API adds what other read models say (the owners' people, the evidence count).
 */
export type ActionView = Omit<ActionDetails, 'evidenceCount' | ActionPageField>;
/** What only an action's own page has: its steps and its links both ways. */
type ActionPageField = 'steps' | 'allStepsDone' | 'linkedTo' | 'linkedFrom';
export type ActionPage = ActionView & Pick<ActionDetails, ActionPageField>;
export type BoardActionRow = Omit<BoardRow, 'evidenceCount'>;

export interface PlanCounts {
  counts: StatusCounts;
  total: number;
  overdue: number;
  withdrawn: number;
  exceptions: number;
}

/** A row as stored; its status is one of the action statuses. */
type ActionRecord = ActionRow & { status: ActionStatus };

const emptyCounts = (): StatusCounts => ({ W: 0, G: 0, A: 0, R: 0, B: 0 });

/**
 * When a board is read: now, or as it stood at an instant (from the history of
 * every row). `day` is the calendar day overdue is judged on.
 */
export interface PointInTime {
  /** ISO instant; undefined for the current board. */
  asOf?: string;
  day: string;
  /**
   * With asOf: the last log position the answer may include (a meeting's pack is drawn from the
   * log up to its stamp, so an event later in the log with an earlier clock time stays out).
   */
  upTo?: number;
}

export const now = (instant: Date): PointInTime => ({ day: dayOf(instant) });

/** The version (`alias`) of a row current at the instant: the latest in the log of those written up to it. */
const latestVersion = (table: string, key: string, alias = 'v') => `${alias}.rowid = ${VersionedTable.versionAsOf(table, key)}`;

/**
 * Actions as they stood at the instant: the latest version of their details and of their
 * status, each kept in a history of its own (see RagBoardProjection).
 */
const actionsAsOf = (where: string) => `SELECT d.*, ${ACTION_STATUS_COLUMNS.map((c) => `v.${c}`).join(', ')}
  FROM board_actions a
  JOIN board_actions_details_versions d ON d.id = a.id AND ${latestVersion('board_actions_details', 'id = a.id', 'd')}
  JOIN board_actions_versions v ON v.id = a.id AND ${latestVersion('board_actions', 'id = a.id')}
  WHERE ${where} ORDER BY d.seq`;

/**
 * What links are resolved against: actions' ids, refs, titles and links (the details part
 * only). Links are few, so these reads fetch only the actions that print links, and those the
 * links could name (by id, or by plan and ref): `@ids` is a JSON array of ids, `@refs` of [planId, ref] pairs. As of an
 * instant, the candidates are the actions any of whose versions matched, read as they stood then.
 */
const LINK_FIELDS = ['id', 'plan_id', 'ref', 'title', 'links', 'seq'];
const LINKING = "links <> '[]'";
/** The ids of the actions (in `table`) named by id or by plan and ref: found by the key and by the (plan_id, ref) indexes. */
const named = (table: string) => `SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(@ids))
  UNION SELECT t.id FROM json_each(@refs) r JOIN ${table} t ON t.plan_id = json_extract(r.value, '$[0]') AND t.ref = json_extract(r.value, '$[1]')`;
const detailsAsOf = (candidates: string) => `SELECT ${LINK_FIELDS.map((c) => `d.${c}`).join(', ')} FROM board_actions a
  JOIN board_actions_details_versions d ON d.id = a.id AND ${latestVersion('board_actions_details', 'id = a.id', 'd')}
  WHERE a.id IN (${candidates}) ORDER BY d.seq`;
type LinkRow = Pick<ActionRow, 'id' | 'plan_id' | 'ref' | 'title' | 'links'>;

/** Reads of the RAG board read model, current or as it stood at an instant. */
export class RagBoardQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      plans: db.prepare('SELECT * FROM board_plans ORDER BY seq'),
      plansAsOf: db.prepare(`SELECT v.* FROM board_plans p JOIN board_plans_versions v ON v.id = p.id
        WHERE ${latestVersion('board_plans', 'id = p.id')} ORDER BY v.seq`),
      plan: db.prepare('SELECT * FROM board_plans WHERE id = @planId'),
      planAsOf: db.prepare(`SELECT v.* FROM board_plans_versions v WHERE v.id = @planId AND ${latestVersion('board_plans', 'id = @planId')}`),
      workstreams: db.prepare('SELECT * FROM board_workstreams WHERE plan_id = @planId ORDER BY seq'),
      workstreamsAsOf: db.prepare(`SELECT v.* FROM board_workstreams w JOIN board_workstreams_versions v ON v.plan_id = w.plan_id AND v.id = w.id
        WHERE w.plan_id = @planId AND ${latestVersion('board_workstreams', 'plan_id = w.plan_id AND id = w.id')} ORDER BY v.seq`),
      actionsOfPlan: db.prepare('SELECT * FROM board_actions WHERE plan_id = @planId ORDER BY seq'),
      actionsOfPlanAsOf: db.prepare(actionsAsOf('a.plan_id = @planId')),
      allActions: db.prepare('SELECT * FROM board_actions ORDER BY seq'),
      allActionsAsOf: db.prepare(actionsAsOf('1')),
      action: db.prepare('SELECT * FROM board_actions WHERE id = @actionId'),
      actionAsOf: db.prepare(actionsAsOf('a.id = @actionId')),
      actionIdsOfPlan: db.prepare('SELECT id FROM board_actions WHERE plan_id = @planId ORDER BY seq'),
      steps: db.prepare('SELECT * FROM board_action_steps WHERE action_id = @actionId ORDER BY seq'),
      // A step added after the instant has no version then, and is not in the answer.
      stepsAsOf: db.prepare(`SELECT v.* FROM board_action_steps s JOIN board_action_steps_versions v ON v.action_id = s.action_id AND v.step_id = s.step_id
        AND ${latestVersion('board_action_steps', 'action_id = s.action_id AND step_id = s.step_id')} WHERE s.action_id = @actionId ORDER BY v.seq`),
      linking: db.prepare(`SELECT ${LINK_FIELDS.join(', ')} FROM board_actions WHERE ${LINKING} ORDER BY seq`),
      linkingAsOf: db.prepare(detailsAsOf(`SELECT id FROM board_actions_details_versions WHERE ${LINKING}`)),
      named: db.prepare(`SELECT ${LINK_FIELDS.join(', ')} FROM board_actions WHERE id IN (${named('board_actions')}) ORDER BY seq`),
      namedAsOf: db.prepare(detailsAsOf(named('board_actions_details_versions'))),
    };
  }

  private rows<T>(name: string, when: PointInTime | undefined, params: Record<string, unknown> = {}): T[] {
    return (when?.asOf ? this.s[`${name}AsOf`].all({ ...params, ...asOfBounds(when) }) : this.s[name].all(params)) as T[];
  }

  listPlans(when?: PointInTime): PlanSummary[] {
    return this.rows<Record<string, unknown>>('plans', when).map(toPlan);
  }

  getPlan(planId: string, when?: PointInTime): (PlanSummary & { workstreams: WorkstreamView[] }) | undefined {
    const [row] = this.rows<Record<string, unknown>>('plan', when, { planId });
    if (!row) return undefined;
    return { ...toPlan(row), workstreams: this.rows<Record<string, unknown>>('workstreams', when, { planId }).map(toWorkstream) };
  }

  /** The plan and its work-streams with what each prints around its actions (the board shows it; plan lists do not carry it). */
  private planWithFramework(planId: string, when: PointInTime) {
    const [row] = this.rows<Record<string, unknown>>('plan', when, { planId });
    if (!row) return undefined;
    const workstreams = this.rows<Record<string, unknown>>('workstreams', when, { planId }).map((w) => ({ ...toWorkstream(w), framework: toFramework(w.framework) }));
    return { ...toPlan(row), framework: toFramework(row.framework), workstreams };
  }

  /** Every plan with its counts: the Improvement Board's overview. */
  board(when: PointInTime): Array<PlanSummary & PlanCounts> {
    const byPlan = new Map<string, ActionView[]>();
    for (const action of this.rows<ActionRecord>('allActions', when).map((r) => toActionView(r, when.day))) {
      byPlan.set(action.planId, [...(byPlan.get(action.planId) ?? []), action]);
    }
    return this.listPlans(when).map((plan) => ({ ...plan, ...countActions(byPlan.get(plan.id) ?? []) }));
  }

  planBoard(planId: string, when: PointInTime) {
    const plan = this.planWithFramework(planId, when);
    if (!plan) return undefined;
    const actions = this.rows<ActionRecord>('actionsOfPlan', when, { planId }).map((r) => toActionView(r, when.day));
    const byWorkstream = new Map<string, BoardActionRow[]>();
    for (const action of actions) {
      const rows = byWorkstream.get(action.workstreamId) ?? [];
      rows.push(toBoardRow(action));
      byWorkstream.set(action.workstreamId, rows);
    }
    const { workstreams, ...summary } = plan;
    return {
      plan: summary,
      ...countActions(actions),
      workstreams: workstreams.map((w) => ({ ...w, ...countActions(actions.filter((a) => a.workstreamId === w.id)), actions: byWorkstream.get(w.id) ?? [] })),
    };
  }

  getAction(actionId: string, when: PointInTime): ActionView | undefined {
    const [row] = this.rows<ActionRecord>('action', when, { actionId });
    return row ? toActionView(row, when.day) : undefined;
  }

  /**
   * An action's page: the action, its steps as they stood (each with its status then), and its
   * links resolved against the plans and actions of the same instant, both ways.
   */
  actionPage(actionId: string, when: PointInTime): ActionPage | undefined {
    const action = this.getAction(actionId, when);
    if (!action) return undefined;
    const steps = this.rows<StepRow>('steps', when, { actionId }).map((row) => toStepView(row, action.status, when.day));
    const links = this.linksOf(action, when);
    return { ...action, steps, allStepsDone: steps.length > 0 && steps.every((step) => step.status === 'done'), ...links };
  }

  /** The action's links both ways, against the plans and actions of the same instant. */
  private linksOf(action: ActionView, when: PointInTime): ActionLinks {
    const toLinkable = (r: LinkRow) => ({ id: r.id, planId: r.plan_id, ref: r.ref, title: r.title, links: JSON.parse(r.links) as string[] });
    const linking = this.rows<LinkRow>('linking', when).map(toLinkable).filter((a) => a.links.length > 0);
    if (action.links.length === 0 && !linking.some((a) => a.id !== action.id)) return { linkedTo: [], linkedFrom: [] };
    const plans = this.listPlans(when);
    const { ids, refs } = linkTargets([...action.links, ...linking.flatMap((a) => a.links)], plans);
    const named = this.rows<LinkRow>('named', when, { ids: JSON.stringify(ids), refs: JSON.stringify(refs.map((r) => [r.planId, r.ref])) });
    return actionLinks(action, linking, { plans, actions: named.map(toLinkable) });
  }

  /** Red, then Amber, then overdue actions; within each, the longest overdue first. */
  exceptions(planId: string | undefined, when: PointInTime): ActionView[] {
    const rows = planId === undefined ? this.rows<ActionRecord>('allActions', when) : this.rows<ActionRecord>('actionsOfPlan', when, { planId });
    return rows
      .map((r) => toActionView(r, when.day))
      .filter((a) => a.status === 'R' || a.status === 'A' || a.overdue)
      .sort(byWorstFirst);
  }

  /** Every action of every plan at the instant, withdrawn ones included, in the order they were added. */
  actions(when: PointInTime): ActionView[] {
    return this.rows<ActionRecord>('allActions', when).map((r) => toActionView(r, when.day));
  }

  /** Every action the plan has ever had, withdrawn ones included. */
  actionIdsOfPlan(planId: string): string[] {
    return (this.s.actionIdsOfPlan.all({ planId }) as Array<{ id: string }>).map((r) => r.id);
  }
}

const emptyPlanCounts = (): PlanCounts => ({ counts: emptyCounts(), total: 0, overdue: 0, withdrawn: 0, exceptions: 0 });

export function countActions(actions: Array<{ status: ActionStatus; overdue: boolean }>): PlanCounts {
  const result = emptyPlanCounts();
  for (const action of actions) {
    if (action.status === 'withdrawn') result.withdrawn++;
    else {
      result.counts[action.status]++;
      result.total++;
    }
    if (action.overdue) result.overdue++;
    if (action.status === 'R' || action.status === 'A' || action.overdue) result.exceptions++;
  }
  return result;
}

export function byWorstFirst(a: ActionView, b: ActionView): number {
  const severity = (x: ActionView) => (x.status === 'R' || x.status === 'A' ? STATUS_SEVERITY[x.status] : 2);
  return (
    severity(a) - severity(b) ||
    (a.overdue === b.overdue ? 0 : a.overdue ? -1 : 1) ||
    (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') ||
    a.id.localeCompare(b.id)
  );
}

function toPlan(row: Record<string, unknown>): PlanSummary {
  return {
    id: row.id as string,
    kind: row.kind as string,
    title: row.title as string,
    board: row.board as string | null,
    version: row.version as string | null,
    periodStart: row.period_start as string | null,
    periodEnd: row.period_end as string | null,
    createdAt: row.created_at as string,
    lastChangedAt: row.last_changed_at as string,
    revision: row.revision as number,
  };
}

/** A framework as the board shows it: null and empty lists for what the plan does not print. */
export function toFramework(json: unknown): PlanningFrameworkView {
  const f = typeof json === 'string' ? (JSON.parse(json) as Partial<PlanningFrameworkView>) : {};
  return { lead: f.lead ?? null, successCriteria: f.successCriteria ?? [], standards: f.standards ?? [], assumptions: f.assumptions ?? [], risks: f.risks ?? [] };
}

function toWorkstream(row: Record<string, unknown>): WorkstreamView {
  return {
    id: row.id as string,
    title: row.title as string,
    accountable: row.accountable as string | null,
    responsible: row.responsible as string | null,
    projectManager: row.project_manager as string | null,
    outcome: row.outcome as string | null,
  };
}

export function toActionView(row: ActionRecord, day: string): ActionView {
  return {
    id: row.id,
    planId: row.plan_id,
    workstreamId: row.workstream_id,
    ref: row.ref,
    title: row.title,
    owners: JSON.parse(row.owners),
    enablingTeams: JSON.parse(row.enabling_teams),
    targetDate: row.target_date,
    targetDateText: row.target_date_text,
    measures: row.measures,
    links: JSON.parse(row.links),
    status: row.status,
    overdue: isOverdueOn({ status: row.status, targetDate: row.target_date }, day),
    lastChange: row.last_change,
    lastReason: row.last_reason,
    createdAt: row.created_at,
    lastChangedAt: row.last_changed_at,
    revision: row.revision,
    stepsDone: row.steps_done,
    stepsTotal: row.steps_total,
  };
}

function toBoardRow(a: ActionView): BoardActionRow {
  return {
    id: a.id, ref: a.ref, title: a.title, owners: a.owners, targetDate: a.targetDate, status: a.status, overdue: a.overdue, lastChangedAt: a.lastChangedAt,
    stepsDone: a.stepsDone, stepsTotal: a.stepsTotal,
  };
}

/**
 * A step as its action's page lists it. Overdue as an action is judged: open, with a target
 * date before the day, and its action neither completed nor withdrawn (then nothing on it is due).
 */
function toStepView(row: StepRow, actionStatus: ActionStatus, day: string): StepView {
  return {
    id: row.step_id,
    text: row.text,
    owners: JSON.parse(row.owners),
    enablingTeams: JSON.parse(row.enabling_teams),
    targetDate: row.target_date,
    targetDateText: row.target_date_text,
    statusNote: row.status_note,
    status: row.status,
    overdue: row.status === 'open' && isOverdueOn({ status: actionStatus, targetDate: row.target_date }, day),
    lastChangedAt: row.last_changed_at,
  };
}
