export * from './projection';
export * from './projection-runner';
export * from './read-model-database';
export * from './rag-board/rag-board.projection';
export * from './rag-board/rag-board.queries';
export * from './audit-trail/audit-trail.projection';
export * from './audit-trail/audit-trail.queries';
export * from './changes/changes.queries';
export * from './rag-board/board-rows';

import { AuditTrailProjection } from './audit-trail/audit-trail.projection';
import { RagBoardProjection } from './rag-board/rag-board.projection';
import type { Projection } from './projection';

/** Every projection the tracker keeps, and the stream categories they read. */
export const createProjections = (): Projection[] => [new RagBoardProjection(), new AuditTrailProjection()];
export const PROJECTED_STREAM_PREFIXES = ['plan-', 'action-'];
