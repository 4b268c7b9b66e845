import type { Database, Statement } from 'better-sqlite3';
import type { ActionSnapshot, Movement as ActionMovement } from '@rag-ledger/contract';
import { STATUS_SEVERITY } from '@rag-ledger/domain';
import { type AuditEntry, AuditTrailQueries } from '../audit-trail/audit-trail.queries';
import type { PointInTime, RagBoardQueries } from '../rag-board/rag-board.queries';

/** The changes a board asks about: status, target date and owners (and actions new in the period). */
export const MOVEMENT_TYPES = [
  'ActionAdded', 'ActionStarted', 'ActionRagChanged', 'ActionCompleted', 'ActionReopened', 'ActionWithdrawn',
  'ActionTargetDateRevised', 'ActionOwnersReassigned',
] as const;

/** The shapes the web board reads are the contract's (libs/contract). */
export type { ActionSnapshot, Movement as ActionMovement } from '@rag-ledger/contract';

export interface Period {
  /** ISO instant, inclusive; undefined for the beginning. */
  from?: string;
  /** ISO instant, inclusive. */
  to: string;
  /** The day overdue is judged on at each end. */
  fromDay?: string;
  toDay: string;
}

/**
 * A stretch of the log between two issued packs: the events after the previous pack's position
 * up to and including this one's, each end read as its pack was (at its instant, up to its position).
 */
export interface LogSpan {
  /** The previous pack's end; undefined for since the start of the log. */
  after?: PointInTime & { asOf: string; upTo: number };
  to: PointInTime & { asOf: string; upTo: number };
}

type MovementRow = Parameters<typeof AuditTrailQueries.toEntry>[0];

/** What moved in a plan between two board meetings, worst movements first. */
export class ChangesQueries {
  private readonly movements: Statement;
  private readonly movementsInSpan: Statement;

  constructor(
    db: Database,
    private readonly board: RagBoardQueries,
  ) {
    this.movements = db.prepare(`SELECT * FROM audit_events
      WHERE plan_id = @planId AND action_id IS NOT NULL AND at >= @from AND at <= @to
        AND type IN (${MOVEMENT_TYPES.map((t) => `'${t}'`).join(', ')})
      ORDER BY position`);
    // By the log, not the clock: a change written after the pack was issued with a clock set
    // back is after its position, and stays out of it (the next pack has it).
    this.movementsInSpan = db.prepare(`SELECT * FROM audit_events
      WHERE plan_id = @planId AND action_id IS NOT NULL AND position > @after AND position <= @upTo
        AND type IN (${MOVEMENT_TYPES.map((t) => `'${t}'`).join(', ')})
      ORDER BY position`);
  }

  changes(planId: string, period: Period): ActionMovement[] {
    const rows = this.movements.all({ planId, from: period.from ?? '', to: period.to }) as MovementRow[];
    const end: PointInTime = { asOf: period.to, day: period.toDay };
    const start: PointInTime | undefined = period.from ? { asOf: justBefore(period.from), day: period.fromDay ?? period.from.slice(0, 10) } : undefined;
    return this.movementsOf(rows, start, end);
  }

  /**
   * What moved in a plan between two packs: every change after the previous pack's position up
   * to this one's, each action before as the previous pack showed it and after as this one does.
   */
  changesBetween(planId: string, span: LogSpan): ActionMovement[] {
    const rows = this.movementsInSpan.all({ planId, after: span.after?.upTo ?? 0, upTo: span.to.upTo }) as MovementRow[];
    return this.movementsOf(rows, span.after, span.to);
  }

  private movementsOf(rows: MovementRow[], start: PointInTime | undefined, end: PointInTime): ActionMovement[] {
    const byAction = new Map<string, AuditEntry[]>();
    for (const entry of rows.map(AuditTrailQueries.toEntry)) {
      byAction.set(entry.actionId as string, [...(byAction.get(entry.actionId as string) ?? []), entry]);
    }
    const result: ActionMovement[] = [];
    for (const [actionId, entries] of byAction) {
      const after = this.board.getAction(actionId, end);
      if (!after) continue;
      const before = start ? this.board.getAction(actionId, start) : undefined;
      result.push({
        actionId,
        ref: after.ref,
        title: after.title,
        workstreamId: after.workstreamId,
        before: before ? snapshot(before) : null,
        after: snapshot(after),
        changes: entries.map((e) => ({ type: e.type, at: e.at, actor: e.actor, ...fromTo(e), reason: e.reason })),
      });
    }
    return result.sort(worstMovementFirst);
  }
}

const snapshot = (a: ActionSnapshot): ActionSnapshot => ({ status: a.status, targetDate: a.targetDate, owners: a.owners, overdue: a.overdue });

function justBefore(instant: string): string {
  return new Date(new Date(instant).getTime() - 1).toISOString();
}

/** The before and after of one change, in the council's terms. */
function fromTo(entry: AuditEntry): { from: unknown; to: unknown } {
  const d = entry.data as Record<string, unknown>;
  switch (entry.type) {
    case 'ActionAdded':
      return { from: null, to: 'W' };
    case 'ActionStarted':
      return { from: 'W', to: d.rag };
    case 'ActionRagChanged':
    case 'ActionTargetDateRevised':
    case 'ActionOwnersReassigned':
      return { from: d.from ?? null, to: d.to };
    case 'ActionCompleted':
      return { from: d.from, to: 'B' };
    case 'ActionReopened':
      return { from: 'B', to: d.rag };
    case 'ActionWithdrawn':
      return { from: d.from, to: 'withdrawn' };
    default:
      return { from: null, to: null };
  }
}

/** To Red first, then Amber...; within each, those that got worse before those that got better. */
function worstMovementFirst(a: ActionMovement, b: ActionMovement): number {
  const direction = (m: ActionMovement) => {
    if (!m.before) return 1;
    const change = STATUS_SEVERITY[m.after.status] - STATUS_SEVERITY[m.before.status];
    return change < 0 ? 0 : change === 0 ? 1 : 2;
  };
  return (
    STATUS_SEVERITY[a.after.status] - STATUS_SEVERITY[b.after.status] ||
    direction(a) - direction(b) ||
    Number(b.after.overdue) - Number(a.after.overdue) ||
    a.actionId.localeCompare(b.actionId)
  );
}
