/**
 * Business rules throw named errors. `kind` tells the HTTP layer which status to
 * answer; the message is written for a plan owner, not a developer.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'rule' | 'forbidden';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export abstract class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

export abstract class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export abstract class RuleViolationError extends DomainError {
  readonly kind = 'rule' as const;
}

export abstract class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** A reason is what the board reads; blank is not a reason. */
export class ReasonRequiredError extends RuleViolationError {
  constructor(what: string) {
    super(`Please give a reason for ${what}.`);
  }
}

/** Returns the reason as written: the audit trail keeps people's words verbatim. */
export function requireReason(reason: string | undefined, what: string): string {
  if (typeof reason !== 'string' || reason.trim() === '') throw new ReasonRequiredError(what);
  return reason;
}

/** A revision that would record what is already there: nothing to write, and the caller is told so. */
export class NothingToReviseError extends RuleViolationError {
  constructor(what: string) {
    super(`Nothing would change: ${what} already says this.`);
  }
}

/** Actions and measures are rated the same way (see status.ts). */
export class InvalidRagError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a RAG rating; use G (on track), A (not on track, recovery plan in place) or R (off track).`);
  }
}
