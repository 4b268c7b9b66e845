import { MEETING_RECORD_STREAM_PREFIXES, PLAN_RECORD_STREAM_PREFIXES, SCHOOL_RECORD_STREAM_PREFIXES, STREAM_CATEGORIES } from '@rag-ledger/domain';

import { AuditTrailProjection } from './audit-trail/audit-trail.projection';
import { DemoMarksProjection } from './demo/demo-marks.projection';
import { EvidenceDocumentsProjection } from './evidence-documents/evidence-documents.projection';
import { MeasuresProjection } from './measures/measures.projection';
import { MeetingsProjection } from './meetings/meetings.projection';
import { MilestonesProjection } from './milestones/milestones.projection';
import { PeopleProjection } from './people/people.projection';
import type { Projection } from './projection';
import { RagBoardProjection } from './rag-board/rag-board.projection';
import { SchoolsProjection } from './schools/schools.projection';

/** Every projection the tracker keeps, and the stream categories they read. */
export const createProjections = (): Projection[] => [new RagBoardProjection(), new AuditTrailProjection(), new MeasuresProjection(), new PeopleProjection(), new EvidenceDocumentsProjection(), new MilestonesProjection(), new SchoolsProjection(), new MeetingsProjection(), new DemoMarksProjection()];
/**
 * The plans' own streams, the directory of people (whose rights the audit trail lists and as-of
 * reads replay), and the schools register's (read by the schools projection alone: the others'
 * `handles` leave its events out, so no board, pack or audit trail of the plans carries them),
 * and the boards' meetings and their action log (read by the meetings projection and the audit trail).
 */
export const PROJECTED_STREAM_PREFIXES: string[] = [...PLAN_RECORD_STREAM_PREFIXES, STREAM_CATEGORIES.directory, ...SCHOOL_RECORD_STREAM_PREFIXES, ...MEETING_RECORD_STREAM_PREFIXES];
