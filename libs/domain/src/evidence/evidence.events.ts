/**
 * Evidence: a document attached to an action, to an outcome measure's value, or to a milestone, as proof.
 * Each document is one stream, `evidence-<documentId>`; the events name the plan and the
 * subject, so boards, audit trails and packs cut by plan see them with the plan's own events.
 * The SHA-256 of the bytes is in the event, so the hash chain covers the file itself.
 */
export type EvidenceSubject =
  | { kind: 'action'; actionId: string }
  /** `period`: the measure's value the document stands behind (YYYY-MM, YYYY-Qn ...), when one is named. */
  | { kind: 'measure'; measureId: string; period?: string }
  /** A milestone's assessment rests on it ("evidence documents attached as on actions"). */
  | { kind: 'milestone'; milestoneId: string }
  /** An action a board's meeting agreed (the board's own action log): it names no plan. */
  | { kind: 'boardAction'; boardActionId: string };

interface EvidenceEventData {
  documentId: string;
  /** Null for a board action's evidence: a board action is not a plan's, so no plan's board, pack or trail carries it. */
  planId: string | null;
  subject: EvidenceSubject;
}

export interface EvidenceAttached {
  type: 'EvidenceAttached';
  data: EvidenceEventData & {
    /** As the person's computer named it: for display only, never a path. */
    fileName: string;
    /** Decided from the bytes, never from the name or the client's header. */
    mediaType: string;
    size: number;
    /** Hex SHA-256 of the bytes: the address of the file in the document store. */
    sha256: string;
    description: string;
  };
}

/** Out of the current view, still in the history; the bytes are kept. */
export interface EvidenceWithdrawn {
  type: 'EvidenceWithdrawn';
  data: EvidenceEventData & { reason: string };
}

/**
 * The bytes deleted (a safeguarding or data-protection case). The EvidenceAttached event keeps
 * its name, size and hash; this says who erased it, when (the metadata) and why.
 */
export interface EvidenceErased {
  type: 'EvidenceErased';
  data: EvidenceEventData & { sha256: string; reason: string };
}

export type EvidenceEvent = EvidenceAttached | EvidenceWithdrawn | EvidenceErased;

export const EVIDENCE_EVENT_TYPES: readonly EvidenceEvent['type'][] = ['EvidenceAttached', 'EvidenceWithdrawn', 'EvidenceErased'];
