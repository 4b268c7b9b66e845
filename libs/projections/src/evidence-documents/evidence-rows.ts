import type { ActorView } from '@rag-ledger/contract';
import type { EvidenceEvent } from '@rag-ledger/domain';
import type { RecordedEventOf } from '@rag-ledger/event-store';
import { assertUnreachable } from '../tracker-events';

/**
 * One evidence document as the read model keeps it: what was attached (never changes), its
 * state, and who withdrew or erased it. `subject_id` is the action's, the measure's or the milestone's id.
 */
export interface EvidenceRow {
  document_id: string;
  /** Null for a board action's evidence (it names no plan). */
  plan_id: string | null;
  subject_kind: EvidenceEvent['data']['subject']['kind'];
  subject_id: string;
  period: string | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  description: string;
  state: 'held' | 'withdrawn' | 'erased';
  /** JSON ActorView. */
  attached_by: string;
  attached_at: string;
  attached_position: number;
  /** JSON `{ by, at, reason, position }`, or null. */
  withdrawn: string | null;
  erased: string | null;
  /** The position of the erasure, for "bytes erased after this document was attached" (shared bytes). */
  erased_position: number | null;
}

/** The id of what the document is about, whatever its kind. */
export function subjectIdOf(subject: EvidenceEvent['data']['subject']): string {
  switch (subject.kind) {
    case 'action':
      return subject.actionId;
    case 'measure':
      return subject.measureId;
    case 'milestone':
      return subject.milestoneId;
    case 'boardAction':
      return subject.boardActionId;
  }
}

export interface EvidenceChange {
  at: string;
  actor: ActorView;
  position: number;
}

/** The row after the event; undefined when the event changes nothing the model knows (a stray event). */
export function nextEvidenceRow(current: EvidenceRow | undefined, event: RecordedEventOf<EvidenceEvent>, change: EvidenceChange): EvidenceRow | undefined {
  switch (event.type) {
    case 'EvidenceAttached': {
      const d = event.data;
      return {
        document_id: d.documentId,
        plan_id: d.planId,
        subject_kind: d.subject.kind,
        subject_id: subjectIdOf(d.subject),
        period: d.subject.kind === 'measure' ? (d.subject.period ?? null) : null,
        file_name: d.fileName,
        media_type: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        description: d.description,
        state: 'held',
        attached_by: JSON.stringify(actorView(change.actor)),
        attached_at: change.at,
        attached_position: change.position,
        withdrawn: null,
        erased: null,
        erased_position: null,
      };
    }
    case 'EvidenceWithdrawn':
      if (!current) return undefined;
      return { ...current, state: 'withdrawn', withdrawn: stamp(change, event.data.reason) };
    case 'EvidenceErased':
      if (!current) return undefined;
      return { ...current, state: 'erased', erased: stamp(change, event.data.reason), erased_position: change.position };
    default:
      return assertUnreachable(event);
  }
}

const actorView = (actor: ActorView): ActorView => ({ id: actor.id, name: actor.name, role: actor.role });

const stamp = (change: EvidenceChange, reason: string): string => JSON.stringify({ by: actorView(change.actor), at: change.at, reason, position: change.position });
