export * from './projection';
export * from './projection-runner';
export * from './read-model-database';
export * from './rebuild-read-models';
export * from './rag-board/rag-board.projection';
export * from './rag-board/rag-board.queries';
export * from './audit-trail/audit-trail.projection';
export * from './audit-trail/audit-trail.queries';
export * from './changes/changes.queries';
export * from './rag-board/board-rows';
export * from './versioned-table';
export * from './measures/measures.projection';
export * from './measures/measures.queries';

import { AuditTrailProjection } from './audit-trail/audit-trail.projection';
import { RagBoardProjection } from './rag-board/rag-board.projection';
import { MeasuresProjection } from './measures/measures.projection';
import type { Projection } from './projection';

/** Every projection the tracker keeps, and the stream categories they read. */
export const createProjections = (): Projection[] => [new RagBoardProjection(), new AuditTrailProjection(), new MeasuresProjection()];
export const PROJECTED_STREAM_PREFIXES = ['plan-', 'action-', 'measure-'];
