import type { Database } from 'better-sqlite3';
import type { TrendView } from '@rag-ledger/contract';
import type { PointInTime, RagBoardQueries } from '../rag-board/rag-board.queries';

/**
 * The RAG distribution and overdue count month by month, from the as-of boards.
 * PLACEHOLDER of the issue-20 contract commit: the trends helper replaces the bodies (keep the
 * method names and shapes, add freely).
 */
export class TrendsQueries {
  constructor(
    private readonly db: Database,
    private readonly board: RagBoardQueries,
  ) {}

  /** One plan's trend from the month of `fromDay` (YYYY-MM-DD) to `to`; undefined for an unknown plan. */
  planTrend(planId: string, fromDay: string, to: PointInTime): TrendView | undefined {
    return notYet(this.db, this.board, planId, fromDay, to);
  }

  /** Across the plans named (every plan when undefined). */
  acrossPlans(planIds: readonly string[] | undefined, fromDay: string, to: PointInTime): TrendView {
    return notYet(this.db, this.board, planIds, fromDay, to);
  }
}

function notYet(..._: unknown[]): never {
  throw new Error('TrendsQueries is not built yet (issue 20)');
}
