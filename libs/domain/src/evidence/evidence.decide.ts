import { requireReason } from '../shared/errors';
import { evidenceDescriptionProblem, evidenceFileNameProblem } from './evidence-file-name';
import {
  EvidenceAlreadyAttachedError,
  EvidenceAlreadyErasedError,
  EvidenceAlreadyWithdrawnError,
  EvidenceDescriptionInvalidError,
  EvidenceFileEmptyError,
  EvidenceFileNameInvalidError,
  EvidenceNotFoundError,
} from './evidence.errors';
import type { EvidenceAttached, EvidenceEvent, EvidenceSubject } from './evidence.events';
import type { EvidenceState } from './evidence.state';

/**
 * A file already received and checked (its bytes hashed, its media type decided from them):
 * the command records it. Whether the subject exists and who may attach to it is asked
 * before the bytes are read (see the API), so a refused upload never reaches the store.
 */
export interface AttachEvidence {
  type: 'AttachEvidence';
  data: {
    documentId: string;
    /** Null for a board action's evidence (see EvidenceSubject). */
    planId: string | null;
    subject: EvidenceSubject;
    fileName: string;
    mediaType: string;
    size: number;
    sha256: string;
    description?: string;
  };
}

export interface WithdrawEvidence {
  type: 'WithdrawEvidence';
  data: { documentId: string; reason: string };
}

/** Admins only (the API's rule): the bytes are deleted, the record of them stays. */
export interface EraseEvidence {
  type: 'EraseEvidence';
  data: { documentId: string; reason: string };
}

export type EvidenceCommand = AttachEvidence | WithdrawEvidence | EraseEvidence;

const SHA256 = /^[0-9a-f]{64}$/;

export function decideEvidence(command: EvidenceCommand, state: EvidenceState): EvidenceEvent[] {
  switch (command.type) {
    case 'AttachEvidence':
      return [attach(command.data, state)];
    case 'WithdrawEvidence':
      return [withdraw(command.data, state)];
    case 'EraseEvidence':
      return [erase(command.data, state)];
  }
}

function attach(data: AttachEvidence['data'], state: EvidenceState): EvidenceAttached {
  if (state.status !== 'none') throw new EvidenceAlreadyAttachedError(data.documentId);
  const nameProblem = evidenceFileNameProblem(data.fileName);
  if (nameProblem) throw new EvidenceFileNameInvalidError(nameProblem);
  const descriptionProblem = evidenceDescriptionProblem(data.description);
  if (descriptionProblem) throw new EvidenceDescriptionInvalidError(descriptionProblem);
  if (!Number.isSafeInteger(data.size) || data.size <= 0) throw new EvidenceFileEmptyError(data.fileName);
  if (!SHA256.test(data.sha256)) throw new Error(`Not a SHA-256 in hex: ${data.sha256}`);
  return {
    type: 'EvidenceAttached',
    data: {
      documentId: data.documentId,
      planId: data.planId,
      subject: data.subject,
      fileName: data.fileName,
      mediaType: data.mediaType,
      size: data.size,
      sha256: data.sha256,
      description: (data.description ?? '').trim(),
    },
  };
}

/** The document's plan and subject, which every later event repeats; it must exist. */
function held(documentId: string, state: EvidenceState) {
  if (state.status === 'none' || state.planId === undefined || !state.subject) throw new EvidenceNotFoundError(documentId);
  return { documentId, planId: state.planId, subject: state.subject };
}

function withdraw(data: WithdrawEvidence['data'], state: EvidenceState): EvidenceEvent {
  const ids = held(data.documentId, state);
  if (state.status === 'withdrawn') throw new EvidenceAlreadyWithdrawnError(state.fileName ?? data.documentId);
  if (state.status === 'erased') throw new EvidenceAlreadyErasedError(state.fileName ?? data.documentId);
  return { type: 'EvidenceWithdrawn', data: { ...ids, reason: requireReason(data.reason, 'withdrawing this evidence') } };
}

/** Held or withdrawn, the bytes may be erased; once. */
function erase(data: EraseEvidence['data'], state: EvidenceState): EvidenceEvent {
  const ids = held(data.documentId, state);
  if (state.status === 'erased') throw new EvidenceAlreadyErasedError(state.fileName ?? data.documentId);
  return { type: 'EvidenceErased', data: { ...ids, sha256: state.sha256 as string, reason: requireReason(data.reason, 'erasing this evidence') } };
}
