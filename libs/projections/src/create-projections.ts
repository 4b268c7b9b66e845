import { PLAN_RECORD_STREAM_PREFIXES, STREAM_CATEGORIES } from '@rag-ledger/domain';

import { AuditTrailProjection } from './audit-trail/audit-trail.projection';
import { EvidenceDocumentsProjection } from './evidence-documents/evidence-documents.projection';
import { MeasuresProjection } from './measures/measures.projection';
import { MilestonesProjection } from './milestones/milestones.projection';
import { PeopleProjection } from './people/people.projection';
import type { Projection } from './projection';
import { RagBoardProjection } from './rag-board/rag-board.projection';

/** Every projection the tracker keeps, and the stream categories they read. */
export const createProjections = (): Projection[] => [new RagBoardProjection(), new AuditTrailProjection(), new MeasuresProjection(), new PeopleProjection(), new EvidenceDocumentsProjection(), new MilestonesProjection()];
/** The plans' own streams, and the directory of people (whose rights the audit trail lists and as-of reads replay). */
export const PROJECTED_STREAM_PREFIXES: string[] = [...PLAN_RECORD_STREAM_PREFIXES, STREAM_CATEGORIES.directory];
