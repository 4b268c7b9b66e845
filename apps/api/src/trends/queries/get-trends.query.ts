import { BadRequestException, Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TrendView } from '@rag-ledger/contract';
import { dayOf, PlanNotFoundError } from '@rag-ledger/domain';
import { RagBoardQueries, TrendsQueries, type TrendEnd } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { startOf } from '../../common/instant-bounds';
import { pointInTime } from '../../common/point-in-time';

/** Months a trend covers when `from` is not given: the twelve up to and including the month of `to`. */
export const DEFAULT_TREND_MONTHS = 12;

/** One plan's trend (planId), or the trend across plans (planId null; planIds to choose them). */
export class GetTrendQuery extends Query<TrendView> {
  constructor(
    readonly planId: string | null,
    readonly from?: string,
    readonly to?: string,
    readonly planIds?: readonly string[],
  ) {
    super();
  }
}

/**
 * The trend's period from the query: `to` a date (to its end) or a date-time, now by default;
 * `from` a date or date-time, by default the first day of the twelfth month back.
 */
function trendPeriod(clock: Clock, from?: string, to?: string): { fromDay: string; end: TrendEnd } {
  const end = pointInTime(clock, to, 'to');
  if (from === undefined) {
    const lastMonth = end.day.slice(0, 7);
    const [year, month] = lastMonth.split('-').map(Number);
    // Date.UTC's month is 0-based: `month - 12` is the month eleven before the last, so twelve in all.
    const first = new Date(Date.UTC(year, month - DEFAULT_TREND_MONTHS, 1)).toISOString().slice(0, 7);
    return { fromDay: `${first}-01`, end };
  }
  const start = startOf('from', from);
  if (start.toISOString() > end.instant) throw new BadRequestException(['from must not be after to']);
  return { fromDay: dayOf(start), end };
}

/** The RAG distribution and overdue count month by month (counts only: no action is named). */
@QueryHandler(GetTrendQuery)
export class GetTrendHandler implements IQueryHandler<GetTrendQuery, TrendView> {
  constructor(
    private readonly trends: TrendsQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, from, to, planIds }: GetTrendQuery): Promise<TrendView> {
    if (planId !== null && !this.board.getPlan(planId)) throw new PlanNotFoundError(planId);
    const unknown = planIds?.find((id) => !this.board.getPlan(id));
    if (unknown !== undefined) throw new PlanNotFoundError(unknown);
    const { fromDay, end } = trendPeriod(this.clock, from, to);
    if (planId === null) return this.trends.acrossPlans(planIds, fromDay, end);
    return this.trends.planTrend(planId, fromDay, end)!;
  }
}
