import type { Database, Statement } from 'better-sqlite3';
import type { ActorView, EvidenceSubjectView, EvidenceView } from '@rag-ledger/contract';
import type { PointInTime } from '../rag-board/rag-board.queries';
import { asOfBounds, VersionedTable } from '../versioned-table';
import { EVIDENCE_COLUMNS, type EvidenceRow } from './evidence-documents.projection';

/** The version current at the instant: the latest in the log of those written up to it. */
const latestVersion = `v.rowid = ${VersionedTable.versionAsOf('evidence_documents', 'document_id = d.document_id')}`;

/**
 * Whether the bytes can be had now (whatever instant the list is about): the document is not
 * erased, and no document with the same bytes was erased after this one was attached (an erasure
 * deletes the bytes, so every document they backed loses them; bytes attached again later are
 * a new copy, and only documents attached after it have them).
 */
const DOWNLOADABLE = `(d.state <> 'erased' AND NOT EXISTS (SELECT 1 FROM evidence_documents e
  WHERE e.sha256 = d.sha256 AND e.erased_position > d.attached_position)) AS downloadable`;

const columns = (alias: string) => EVIDENCE_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
const current = (where: string) => `SELECT ${columns('d')}, ${DOWNLOADABLE} FROM evidence_documents d WHERE ${where} ORDER BY d.attached_position`;
const asOf = (where: string) =>
  `SELECT ${columns('v')}, ${DOWNLOADABLE} FROM evidence_documents d JOIN evidence_documents_versions v ON v.document_id = d.document_id
   WHERE ${where} AND ${latestVersion} ORDER BY v.attached_position`;

const HELD_OF_PLAN = 'd.plan_id = @planId AND d.subject_kind = @kind';
const HELD_OF_ANY_PLAN = 'd.subject_kind = @kind';

type Row = EvidenceRow & { downloadable: 0 | 1 };

export type EvidenceSubjectRef = { kind: 'action' | 'measure' | 'milestone'; id: string };

/** Which documents a list shows: the held ones (the current view), or every one with its state. */
export type EvidenceInclude = 'held' | 'all';

/** Reads of the evidence read model, now or as it stood at an instant. */
export class EvidenceDocumentsQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const ofSubject = 'd.subject_kind = @kind AND d.subject_id = @id';
    const ofPlan = 'd.plan_id = @planId';
    this.s = {
      subject: db.prepare(current(ofSubject)),
      subjectAsOf: db.prepare(asOf(ofSubject)),
      plan: db.prepare(current(ofPlan)),
      planAsOf: db.prepare(asOf(ofPlan)),
      document: db.prepare(current('d.document_id = @documentId')),
      heldByAction: db.prepare(`SELECT d.subject_id AS action_id, count(*) AS held FROM evidence_documents d
        WHERE ${HELD_OF_PLAN} AND d.state = 'held' GROUP BY d.subject_id`),
      heldByActionAsOf: db.prepare(`SELECT d.subject_id AS action_id, count(*) AS held
        FROM evidence_documents d JOIN evidence_documents_versions v ON v.document_id = d.document_id
        WHERE ${HELD_OF_PLAN} AND v.state = 'held' AND ${latestVersion} GROUP BY d.subject_id`),
      heldByActionAll: db.prepare(`SELECT d.subject_id AS action_id, count(*) AS held FROM evidence_documents d
        WHERE ${HELD_OF_ANY_PLAN} AND d.state = 'held' GROUP BY d.subject_id`),
      heldByActionAllAsOf: db.prepare(`SELECT d.subject_id AS action_id, count(*) AS held
        FROM evidence_documents d JOIN evidence_documents_versions v ON v.document_id = d.document_id
        WHERE ${HELD_OF_ANY_PLAN} AND v.state = 'held' AND ${latestVersion} GROUP BY d.subject_id`),
    };
  }

  /** The documents of an action or a measure at the instant, in the order attached: held ones, or `all` with their state. */
  forSubject(subject: EvidenceSubjectRef, when?: Pick<PointInTime, 'asOf' | 'upTo'>, include: EvidenceInclude = 'held'): EvidenceView[] {
    const params = { kind: subject.kind, id: subject.id };
    const rows = (when?.asOf ? this.s.subjectAsOf.all({ ...params, ...asOfBounds(when) }) : this.s.subject.all(params)) as Row[];
    return rows.filter((row) => include === 'all' || row.state === 'held').map(toView);
  }

  /** Every document of a plan as it stood at the instant, whatever its state, in log order (the packs list them). */
  planDocuments(planId: string, when?: Pick<PointInTime, 'asOf' | 'upTo'>): EvidenceView[] {
    const rows = (when?.asOf ? this.s.planAsOf.all({ planId, ...asOfBounds(when) }) : this.s.plan.all({ planId })) as Row[];
    return rows.map(toView);
  }

  /** One document as it is now; undefined for an id never attached. */
  document(documentId: string): EvidenceView | undefined {
    const row = this.s.document.get({ documentId }) as Row | undefined;
    return row && toView(row);
  }

  /**
   * How many documents each action of the plan (of every plan, without one) held at the instant;
   * actions with none are absent: one grouped read per board.
   */
  heldCountsByAction(planId: string | undefined, when?: Pick<PointInTime, 'asOf' | 'upTo'>): Map<string, number> {
    return this.heldCounts('action', planId, when);
  }

  /** The same for the milestones of the plan (of every plan, without one). */
  heldCountsByMilestone(planId: string | undefined, when?: Pick<PointInTime, 'asOf' | 'upTo'>): Map<string, number> {
    return this.heldCounts('milestone', planId, when);
  }

  private heldCounts(kind: 'action' | 'milestone', planId: string | undefined, when?: Pick<PointInTime, 'asOf' | 'upTo'>): Map<string, number> {
    const name = planId === undefined ? 'heldByActionAll' : 'heldByAction';
    const params = planId === undefined ? { kind } : { kind, planId };
    const rows = (when?.asOf ? this.s[`${name}AsOf`].all({ ...params, ...asOfBounds(when) }) : this.s[name].all(params)) as Array<{ action_id: string; held: number }>;
    return new Map(rows.map((r) => [r.action_id, r.held]));
  }
}

function subjectOf(row: EvidenceRow): EvidenceSubjectView {
  if (row.subject_kind === 'action') return { kind: 'action', actionId: row.subject_id };
  if (row.subject_kind === 'milestone') return { kind: 'milestone', milestoneId: row.subject_id };
  return { kind: 'measure', measureId: row.subject_id, ...(row.period !== null ? { period: row.period } : {}) };
}

type Stamp = { by: ActorView; at: string; reason: string; position: number };

function toView(row: Row): EvidenceView {
  return {
    documentId: row.document_id,
    planId: row.plan_id,
    subject: subjectOf(row),
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    description: row.description,
    state: row.state,
    attachedBy: JSON.parse(row.attached_by) as ActorView,
    attachedAt: row.attached_at,
    position: row.attached_position,
    withdrawn: row.withdrawn === null ? null : (JSON.parse(row.withdrawn) as Stamp),
    erased: row.erased === null ? null : (JSON.parse(row.erased) as Stamp),
    downloadable: row.downloadable === 1,
  };
}
