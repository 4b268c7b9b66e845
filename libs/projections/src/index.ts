export * from './projection';
export * from './projection-runner';
export * from './projection-failure';
export * from './read-model-database';
export * from './rebuild-read-models';
export * from './rebuild-file';
export * from './rag-board/rag-board.projection';
export * from './rag-board/rag-board.queries';
export * from './audit-trail/audit-trail.projection';
export * from './audit-trail/audit-trail.queries';
export * from './changes/changes.queries';
export * from './rag-board/board-rows';
export * from './versioned-table';
export * from './measures/measures.projection';
export * from './measures/measures.queries';

export * from './create-projections';
