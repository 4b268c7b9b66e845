import type { Database, Statement } from 'better-sqlite3';
import { dayOf, isOverdue, STATUS_SEVERITY, type ActionStatus, type CountedStatus } from '@rag-ledger/domain';

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

export interface BoardActionRow {
  id: string;
  ref: string | null;
  title: string;
  owners: string[];
  targetDate: string | null;
  status: ActionStatus;
  overdue: boolean;
  lastChangedAt: string;
}

export interface ActionView extends BoardActionRow {
  planId: string;
  workstreamId: string;
  enablingTeams: string[];
  targetDateText: string | null;
  measures: string | null;
  links: string[];
  lastChange: string;
  lastReason: string | null;
  createdAt: string;
  revision: number;
}

export interface PlanCounts {
  counts: StatusCounts;
  total: number;
  overdue: number;
  withdrawn: number;
  exceptions: number;
}

interface ActionRecord {
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
  status: ActionStatus;
  last_reason: string | null;
  created_at: string;
  last_changed_at: string;
  last_change: string;
  revision: number;
}

const emptyCounts = (): StatusCounts => ({ W: 0, G: 0, A: 0, R: 0, B: 0 });

/** Reads of the RAG board read model. Overdue is judged against the day given. */
export class RagBoardQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      plans: db.prepare('SELECT * FROM board_plans ORDER BY seq'),
      plan: db.prepare('SELECT * FROM board_plans WHERE id = ?'),
      workstreams: db.prepare('SELECT * FROM board_workstreams WHERE plan_id = ? ORDER BY seq'),
      actionsOfPlan: db.prepare('SELECT * FROM board_actions WHERE plan_id = ? ORDER BY seq'),
      action: db.prepare('SELECT * FROM board_actions WHERE id = ?'),
      counts: db.prepare(`SELECT plan_id, status, count(*) AS n,
          sum(CASE WHEN target_date < @day AND status NOT IN ('B', 'withdrawn') THEN 1 ELSE 0 END) AS overdue,
          sum(CASE WHEN status IN ('R', 'A') OR (target_date < @day AND status NOT IN ('B', 'withdrawn')) THEN 1 ELSE 0 END) AS exceptions
        FROM board_actions GROUP BY plan_id, status`),
      exceptions: db.prepare(`SELECT * FROM board_actions
        WHERE (@planId IS NULL OR plan_id = @planId)
          AND (status IN ('R', 'A') OR (target_date < @day AND status NOT IN ('B', 'withdrawn')))`),
    };
  }

  listPlans(): PlanSummary[] {
    return (this.s.plans.all() as Record<string, unknown>[]).map(toPlan);
  }

  getPlan(planId: string): (PlanSummary & { workstreams: WorkstreamView[] }) | undefined {
    const row = this.s.plan.get(planId) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    return { ...toPlan(row), workstreams: (this.s.workstreams.all(planId) as Record<string, unknown>[]).map(toWorkstream) };
  }

  /** Every plan with its counts: the Improvement Board's overview. */
  board(asOf: Date): Array<PlanSummary & PlanCounts> {
    const perPlan = this.countsByPlan(asOf);
    return this.listPlans().map((plan) => ({ ...plan, ...(perPlan.get(plan.id) ?? emptyPlanCounts()) }));
  }

  planBoard(planId: string, asOf: Date) {
    const plan = this.getPlan(planId);
    if (!plan) return undefined;
    const actions = (this.s.actionsOfPlan.all(planId) as ActionRecord[]).map((r) => toActionView(r, asOf));
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

  getAction(actionId: string, asOf: Date): ActionView | undefined {
    const row = this.s.action.get(actionId) as ActionRecord | undefined;
    return row ? toActionView(row, asOf) : undefined;
  }

  /** Red, then Amber, then overdue actions; within each, the longest overdue first. */
  exceptions(planId: string | undefined, asOf: Date): ActionView[] {
    const rows = this.s.exceptions.all({ planId: planId ?? null, day: dayOf(asOf) }) as ActionRecord[];
    return rows.map((r) => toActionView(r, asOf)).sort(byWorstFirst);
  }

  private countsByPlan(asOf: Date): Map<string, PlanCounts> {
    const result = new Map<string, PlanCounts>();
    const rows = this.s.counts.all({ day: dayOf(asOf) }) as Array<{ plan_id: string; status: ActionStatus; n: number; overdue: number; exceptions: number }>;
    for (const row of rows) {
      const entry = result.get(row.plan_id) ?? emptyPlanCounts();
      if (row.status === 'withdrawn') entry.withdrawn += row.n;
      else {
        entry.counts[row.status] += row.n;
        entry.total += row.n;
      }
      entry.overdue += row.overdue;
      entry.exceptions += row.exceptions;
      result.set(row.plan_id, entry);
    }
    return result;
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

export function toActionView(row: ActionRecord, asOf: Date): ActionView {
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
    overdue: isOverdue({ status: row.status, targetDate: row.target_date }, asOf),
    lastChange: row.last_change,
    lastReason: row.last_reason,
    createdAt: row.created_at,
    lastChangedAt: row.last_changed_at,
    revision: row.revision,
  };
}

function toBoardRow(a: ActionView): BoardActionRow {
  return { id: a.id, ref: a.ref, title: a.title, owners: a.owners, targetDate: a.targetDate, status: a.status, overdue: a.overdue, lastChangedAt: a.lastChangedAt };
}
