import type { Database } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { evidenceEventTypes, isEvidenceEvent, type TrackerEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import { nextEvidenceRow, type EvidenceRow } from './evidence-rows';

export type { EvidenceRow } from './evidence-rows';

export const EVIDENCE_COLUMNS: Array<keyof EvidenceRow> = [
  'document_id', 'plan_id', 'subject_kind', 'subject_id', 'period', 'file_name', 'media_type', 'size', 'sha256', 'description',
  'state', 'attached_by', 'attached_at', 'attached_position', 'withdrawn', 'erased', 'erased_position',
];

const INDEXES = `CREATE INDEX IF NOT EXISTS evidence_documents_by_subject ON evidence_documents (subject_kind, subject_id, attached_position);
  CREATE INDEX IF NOT EXISTS evidence_documents_by_plan ON evidence_documents (plan_id, attached_position);
  CREATE INDEX IF NOT EXISTS evidence_documents_by_sha256 ON evidence_documents (sha256, erased_position);
  ${VersionedTable.historyIndex('evidence_documents', ['document_id'])}`;

/**
 * The evidence documents of every action and measure, current and as they stood at any instant
 * (every version of every row, as the board keeps its own), so "the evidence behind this action
 * on 2 December" is one as-of read, and a board's counts one grouped query.
 */
export class EvidenceDocumentsProjection implements Projection<TrackerEventType> {
  readonly name = 'evidence-documents';
  // 2: board actions' evidence (issue 20), which names no plan.
  readonly version = 2;
  readonly handles = evidenceEventTypes;
  private documents!: VersionedTable<EvidenceRow>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(
      VersionedTable.schema(
        'evidence_documents',
        `document_id TEXT NOT NULL, plan_id TEXT, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, period TEXT,
        file_name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, description TEXT NOT NULL,
        state TEXT NOT NULL, attached_by TEXT NOT NULL, attached_at TEXT NOT NULL, attached_position INTEGER NOT NULL,
        withdrawn TEXT, erased TEXT, erased_position INTEGER`,
        ['document_id'],
      ),
    );
    if (mode === 'live') db.exec(INDEXES);
    this.documents = new VersionedTable(db, 'evidence_documents', EVIDENCE_COLUMNS, ['document_id'], mode);
  }

  finishBulkLoad(db: Database): void {
    this.documents.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS evidence_documents; DROP TABLE IF EXISTS evidence_documents_versions;');
  }

  apply(recorded: RecordedEvent): void {
    if (!isEvidenceEvent(recorded)) return;
    const metadata = recorded.metadata as EventMetadata;
    const change = { at: metadata.at, actor: metadata.actor, revision: Number(recorded.revision), position: Number(recorded.position) };
    const current = this.documents.current(recorded.data.documentId);
    const row = nextEvidenceRow(current, recorded, change);
    if (row) this.documents.write(row, change, current);
  }
}
