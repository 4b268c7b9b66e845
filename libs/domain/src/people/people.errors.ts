import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';
import type { Role } from '../shared/metadata';

export class PersonNotFoundError extends NotFoundError {
  constructor(readonly personId: string) {
    super(`There is nobody in the directory with id "${personId}".`);
  }
}

export class PersonAlreadyExistsError extends ConflictError {
  constructor(readonly personId: string) {
    super(`Somebody with id "${personId}" is already in the directory.`);
  }
}

export class InitialsTakenError extends ConflictError {
  constructor(
    readonly initials: string,
    readonly holderName: string,
  ) {
    super(`The initials "${initials}" already stand for ${holderName}: the plans could not tell the two apart. Give different initials.`);
  }
}

export class EmailTakenError extends ConflictError {
  constructor(
    readonly email: string,
    readonly holderName: string,
  ) {
    super(`The email "${email}" is already ${holderName}'s: each person signs in with their own.`);
  }
}

export class PersonDetailsInvalidError extends RuleViolationError {
  constructor(problem: string) {
    super(problem);
  }
}

export class OwnerRightNeedsPlanError extends RuleViolationError {
  constructor() {
    super('An owner is the owner of a plan: say which plan (planId).');
  }
}

export class RightNeedsNoPlanError extends RuleViolationError {
  constructor(readonly role: Role) {
    super(`The ${role} role is held across the council, not for one plan: leave out planId.`);
  }
}

export class SchoolRightNeedsUrnError extends RuleViolationError {
  constructor() {
    super('A headteacher or chair of governors holds the school role for their own school: say which school (urn, its six-digit URN).');
  }
}

export class RightNeedsNoSchoolError extends RuleViolationError {
  constructor(readonly role: Role) {
    super(
      role === 'owner'
        ? 'An owner is the owner of a plan, not of a school: leave out urn.'
        : `The ${role} role is held across the council, not for one school: leave out urn.`,
    );
  }
}

export class UrnInvalidError extends RuleViolationError {
  constructor(readonly urn: string) {
    super(`"${urn}" is not a school's URN: a URN is six digits, as the national schools list prints it (such as 121212).`);
  }
}

export class RightNotHeldError extends RuleViolationError {
  constructor(personName: string, role: Role, planId?: string, urn?: string) {
    super(`${personName} does not hold the ${role} role${planId ? ` for plan "${planId}"` : ''}${urn ? ` for school ${urn}` : ''}, so there is nothing to revoke.`);
  }
}

export class PersonDeactivatedError extends RuleViolationError {
  constructor(personName: string, what: string) {
    super(`${personName} is deactivated: reactivate them before ${what}.`);
  }
}

export class LastAdminError extends RuleViolationError {
  constructor(personName: string) {
    super(`${personName} is the last active administrator: grant the admin role to somebody else first, or nobody could manage the directory.`);
  }
}

export class InvitationNeedsEmailError extends RuleViolationError {
  constructor(personName: string) {
    super(`${personName} has no email in the directory, and people sign in with their email: add it first.`);
  }
}

export class InvitationNotValidError extends RuleViolationError {
  constructor(why: 'unknown' | 'used' | 'expired' | 'superseded') {
    const reasons = {
      unknown: 'This set-up link is not one we issued.',
      used: 'This set-up link has already been used: ask an administrator for a new one.',
      expired: 'This set-up link has expired: ask an administrator for a new one.',
      superseded: 'A newer set-up link has been issued for this person: use that one.',
    } as const;
    super(reasons[why]);
  }
}

/**
 * A list of people (a glossary or a CSV) with rows the directory cannot take: nothing of it is
 * written, and each wrong row is named by its line, so the file can be put right in one go.
 */
export class PeopleImportRefusedError extends RuleViolationError {
  constructor(readonly problems: string[]) {
    super(
      `The list of people cannot be imported, so none of it was: ${problems.slice(0, 5).join('; ')}` +
        (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''),
    );
  }
}
