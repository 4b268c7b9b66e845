import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';

export class EvidenceNotFoundError extends NotFoundError {
  constructor(readonly documentId: string) {
    super(`There is no evidence document with id "${documentId}".`);
  }
}

export class EvidenceAlreadyAttachedError extends ConflictError {
  constructor(readonly documentId: string) {
    super(`The evidence document "${documentId}" is already attached.`);
  }
}

/** A file name the tracker will not keep, even for display: the problem in words. */
export class EvidenceFileNameInvalidError extends RuleViolationError {
  constructor(problem: string) {
    super(problem);
  }
}

export class EvidenceDescriptionInvalidError extends RuleViolationError {
  constructor(problem: string) {
    super(problem);
  }
}

export class EvidenceFileEmptyError extends RuleViolationError {
  constructor(readonly fileName: string) {
    super(`"${fileName}" is empty: there is nothing in it to keep as evidence.`);
  }
}

export class EvidenceAlreadyWithdrawnError extends RuleViolationError {
  constructor(readonly fileName: string) {
    super(`"${fileName}" has already been withdrawn.`);
  }
}

export class EvidenceAlreadyErasedError extends RuleViolationError {
  constructor(readonly fileName: string) {
    super(`"${fileName}" has already been erased: its bytes are gone.`);
  }
}
