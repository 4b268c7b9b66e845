import type { EvidenceState, EvidenceSubjectView } from '@rag-ledger/contract';
import type { AuditEntry } from '@rag-ledger/projections';

type Actor = AuditEntry['actor'];

/** One evidence document as a pack lists it: what was attached, and where it stood at the period's end. */
export interface PackDocument {
  documentId: string;
  subject: EvidenceSubjectView;
  /** The action's ref and title, or the measure's name and the period, as at the period's end. */
  subjectText: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  description: string;
  attached: { at: string; by: Actor; position: number };
  withdrawn: { at: string; by: Actor; reason: string; position: number } | null;
  erased: { at: string; by: Actor; reason: string; position: number } | null;
  /** At the end of the period. */
  state: EvidenceState;
  /** The log positions of its events up to the period's end, in order. */
  positions: number[];
}

/**
 * The documents a pack lists, from a plan's evidence events up to the period's end (log order):
 * each one with an event in the period, and each one still held when the period began (attached
 * before it, neither withdrawn nor erased by then), so the pack shows every document that was
 * on the plan's record at some time in the period; a document withdrawn or erased before the
 * period and not touched in it is left out. In the order they were attached.
 */
export function packDocuments(
  events: readonly AuditEntry[],
  period: { from?: string },
  subjectText: (subject: EvidenceSubjectView) => string,
): PackDocument[] {
  const documents = new Map<string, PackDocument>();
  const inPeriod = new Set<string>();
  /** Each document's state from its events before the period began (the same cut as the pack's events: by time). */
  const atStart = new Map<string, EvidenceState>();
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    const documentId = String(data.documentId);
    const before = period.from !== undefined && event.at < period.from;
    if (before) atStart.set(documentId, event.type === 'EvidenceWithdrawn' ? 'withdrawn' : event.type === 'EvidenceErased' ? 'erased' : 'held');
    else inPeriod.add(documentId);
    const by = event.actor;
    if (event.type === 'EvidenceAttached') {
      const subject = data.subject as EvidenceSubjectView;
      documents.set(documentId, {
        documentId,
        subject,
        subjectText: subjectText(subject),
        fileName: String(data.fileName),
        mediaType: String(data.mediaType),
        size: Number(data.size),
        sha256: String(data.sha256),
        description: String(data.description ?? ''),
        attached: { at: event.at, by, position: event.position },
        withdrawn: null,
        erased: null,
        state: 'held',
        positions: [event.position],
      });
      continue;
    }
    const document = documents.get(documentId);
    if (!document) continue;
    const change = { at: event.at, by, reason: String(data.reason ?? ''), position: event.position };
    document.positions.push(event.position);
    if (event.type === 'EvidenceWithdrawn') {
      document.withdrawn = change;
      document.state = 'withdrawn';
    } else if (event.type === 'EvidenceErased') {
      document.erased = change;
      document.state = 'erased';
    }
  }
  return [...documents.values()].filter((d) => inPeriod.has(d.documentId) || atStart.get(d.documentId) === 'held');
}

/** "held", "withdrawn: <reason>", "erased: <reason>", as the pack prints a document's state at the period's end. */
export function stateText(document: PackDocument): string {
  if (document.state === 'erased') return `erased (the bytes deleted): ${document.erased?.reason ?? ''}`;
  if (document.state === 'withdrawn') return `withdrawn: ${document.withdrawn?.reason ?? ''}`;
  return 'held';
}
