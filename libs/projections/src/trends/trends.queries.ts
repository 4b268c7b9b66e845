import type { Database } from 'better-sqlite3';
import { lastDayOfMonth, monthsFrom, type Counts, type TrendPoint, type TrendView } from '@rag-ledger/contract';
import { ukDayEnd } from '@rag-ledger/domain';
import type { PlanCounts, PointInTime, RagBoardQueries } from '../rag-board/rag-board.queries';
import { describeTrend, plansPhrase } from './trend-description';

/**
 * The end of a trend: a point in time, and (for the current board, which has no `asOf`) the
 * instant it was read at, which the last point names; without it the end of its UK day.
 */
export type TrendEnd = PointInTime & { instant?: string };

/** A month of the trend and the point in time its board is read as at. */
interface TrendMonth {
  month: string;
  when: PointInTime;
  asOf: string;
}

const noCounts = (): Counts => ({ W: 0, G: 0, A: 0, R: 0, B: 0 });

/**
 * The RAG distribution and overdue count month by month, each point read from the as-of board
 * (the history of every action's status, never a stored snapshot) at the month's last UK
 * instant, and the last at the trend's end: a point says what GET /api/plans/:id/board?asOf=
 * said at its instant, because it is that read.
 */
export class TrendsQueries {
  constructor(
    private readonly db: Database,
    private readonly board: RagBoardQueries,
  ) {}

  /** One plan's trend from the month of `fromDay` (YYYY-MM-DD) to `to`; undefined for an unknown plan. */
  planTrend(planId: string, fromDay: string, to: TrendEnd): TrendView | undefined {
    const plan = this.board.getPlan(planId, to) ?? this.board.getPlan(planId);
    if (!plan) return undefined;
    // A month before the plan existed has no board: its counts are zero.
    const points = trendMonths(fromDay, to).map((m) => toPoint(m, this.board.planBoard(planId, m.when)));
    return { planId, title: plan.title, from: fromDay, to: endInstant(to), points, description: describeTrend(`In ${plan.title}`, points) };
  }

  /** Across the plans named (every plan when undefined): each point the sum of their lines on the Improvement Board then. */
  acrossPlans(planIds: readonly string[] | undefined, fromDay: string, to: TrendEnd): TrendView {
    const named = planIds === undefined ? undefined : new Set(planIds);
    const points = trendMonths(fromDay, to).map((m) => toPoint(m, sum(this.board.board(m.when).filter((plan) => !named || named.has(plan.id)))));
    const covered = named ? named.size : this.board.listPlans(to).length;
    return {
      planId: null,
      title: planIds === undefined ? 'All plans' : `Plans ${planIds.join(', ')}`,
      from: fromDay,
      to: endInstant(to),
      points,
      description: describeTrend(`Across ${plansPhrase(covered)}`, points),
    };
  }
}

/**
 * The months from `fromDay`'s to `to`'s, each read at the last instant of its last UK day
 * (23:59:59.999 London time, BST in summer), and the last at `to` itself: never after it, with
 * `to.upTo` (the pack's log position) bounding every read.
 */
function trendMonths(fromDay: string, to: TrendEnd): TrendMonth[] {
  const months = monthsFrom(fromDay.slice(0, 7), to.day.slice(0, 7));
  return months.map((month, i) => {
    if (i === months.length - 1) return { month, when: { asOf: to.asOf, day: to.day, upTo: to.upTo }, asOf: endInstant(to) };
    const day = lastDayOfMonth(month);
    const asOf = ukDayEnd(day).toISOString();
    return { month, when: { asOf, day, upTo: to.upTo }, asOf };
  });
}

const endInstant = (to: TrendEnd): string => to.asOf ?? to.instant ?? ukDayEnd(to.day).toISOString();

function toPoint(m: TrendMonth, counts: Pick<PlanCounts, 'counts' | 'total' | 'overdue'> | undefined): TrendPoint {
  return { month: m.month, asOf: m.asOf, counts: { ...(counts?.counts ?? noCounts()) }, total: counts?.total ?? 0, overdue: counts?.overdue ?? 0 };
}

function sum(lines: Array<Pick<PlanCounts, 'counts' | 'total' | 'overdue'>>): Pick<PlanCounts, 'counts' | 'total' | 'overdue'> {
  const result = { counts: noCounts(), total: 0, overdue: 0 };
  for (const line of lines) {
    for (const status of Object.keys(result.counts) as Array<keyof Counts>) result.counts[status] += line.counts[status];
    result.total += line.total;
    result.overdue += line.overdue;
  }
  return result;
}
