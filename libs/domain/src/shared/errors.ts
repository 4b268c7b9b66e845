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
