import type { TrendView } from '@rag-ledger/contract';

/**
 * The trend as an SVG picture: stacked RAG distribution month by month and the overdue count.
 * PLACEHOLDER of the issue-20 contract commit: the trends helper replaces it (keep the signature).
 */
export function renderTrendSvg(trend: TrendView): string {
  throw new Error(`the trend chart of ${trend.title} is not built yet (issue 20)`);
}
