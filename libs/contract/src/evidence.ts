/**
 * Evidence documents: the kinds of file the tracker keeps, and the shapes the API answers.
 * The media type of a file is decided by the API from its bytes; the web board reads these
 * names to say what may be attached and to label what was.
 */
import type { OwnerPerson } from './people.js';
import { type Caller, mayUpdatePlan } from './roles.js';
import type { ActorView } from './views.js';

/** The kinds of file accepted as evidence: media type, what a plan owner calls it, and the usual endings. */
export const EVIDENCE_MEDIA_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['.pdf'] },
  'application/msword': { label: 'Word (97-2003)', extensions: ['.doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', extensions: ['.docx'] },
  'application/vnd.ms-excel': { label: 'Excel (97-2003)', extensions: ['.xls'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', extensions: ['.xlsx'] },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint (97-2003)', extensions: ['.ppt'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint', extensions: ['.pptx'] },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument text', extensions: ['.odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument spreadsheet', extensions: ['.ods'] },
  'application/vnd.oasis.opendocument.presentation': { label: 'OpenDocument presentation', extensions: ['.odp'] },
  'text/csv': { label: 'CSV', extensions: ['.csv'] },
  'text/plain': { label: 'Plain text', extensions: ['.txt'] },
  'image/png': { label: 'PNG image', extensions: ['.png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['.jpg', '.jpeg'] },
  'message/rfc822': { label: 'Saved e-mail', extensions: ['.eml'] },
  'application/vnd.ms-outlook': { label: 'Outlook message', extensions: ['.msg'] },
} as const;

export type EvidenceMediaType = keyof typeof EVIDENCE_MEDIA_TYPES;

export const isEvidenceMediaType = (value: unknown): value is EvidenceMediaType => typeof value === 'string' && Object.hasOwn(EVIDENCE_MEDIA_TYPES, value);

/** The file endings a file picker offers (`<input accept>`): a hint only, the bytes decide. */
export const EVIDENCE_ACCEPT: string = [...new Set(Object.values(EVIDENCE_MEDIA_TYPES).flatMap((kind) => kind.extensions))].join(',');

/** Held: in the current view; withdrawn: in the history only; erased: the bytes deleted (the record stays). */
export type EvidenceState = 'held' | 'withdrawn' | 'erased';

export type EvidenceSubjectView =
  | { kind: 'action'; actionId: string }
  | { kind: 'measure'; measureId: string; period?: string }
  | { kind: 'milestone'; milestoneId: string }
  | { kind: 'boardAction'; boardActionId: string };

/** 201 from POST /api/actions/:id/evidence (and /api/measures/:id/evidence). */
export interface EvidenceAttachedAnswer {
  documentId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The log position of the EvidenceAttached event. */
  position: number;
}

/** One document, as a list shows it. */
export interface EvidenceView {
  documentId: string;
  /** Null for a board action's evidence: it names no plan. */
  planId: string | null;
  subject: EvidenceSubjectView;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  description: string;
  state: EvidenceState;
  attachedBy: ActorView;
  attachedAt: string;
  /** Log position of the EvidenceAttached event. */
  position: number;
  withdrawn: { by: ActorView; at: string; reason: string; position: number } | null;
  erased: { by: ActorView; at: string; reason: string; position: number } | null;
  /** Whether the bytes can be downloaded: held or withdrawn, and not erased (here or in another document with the same bytes). */
  downloadable: boolean;
}

/** GET /api/actions/:id/evidence (and /api/measures/:id/evidence): the documents held, as of now or `asOf`. */
export interface EvidenceList {
  asOf: string;
  subject: EvidenceSubjectView;
  documents: EvidenceView[];
}

/**
 * Who may attach evidence to an action and withdraw it: admins, the owners of its plan, and the
 * people its printed owners name (as the directory matched them). The API decides on the write
 * side; the web board asks this only to show the upload form to those the API would let in.
 */
export const mayAttachEvidence = (caller: Caller | undefined, planId: string, personId: string | undefined, ownerPeople: readonly OwnerPerson[] = []): boolean =>
  mayUpdatePlan(caller, planId) || (personId !== undefined && ownerPeople.some((owner) => owner.personId === personId));
