import {
  OFFICER_ROLES, OFSTED_CATEGORIES, OFSTED_GRADES, POWER_DECIDER_LABELS, POWER_DECIDERS, POWER_LABELS, POWERS, SCHOOL_PHASES, SCHOOL_TYPES, VISIT_RAGS, WARNING_NOTICE_KINDS,
  type Power, type PowerDecider,
} from '@rag-ledger/contract';

import { ConflictError, NotFoundError, ReasonRequiredError, RuleViolationError } from '../shared/errors';

const quoted = (list: readonly unknown[]) => list.map((v) => `"${String(v)}"`).join(', ');

export class SchoolNotRegisteredError extends NotFoundError {
  constructor(readonly urn: string) {
    super(`There is no school with URN ${urn} in the register.`);
  }
}

export class SchoolAlreadyRegisteredError extends ConflictError {
  constructor(readonly urn: string) {
    super(`A school with URN ${urn} is already in the register.`);
  }
}

/** A closed school, or one that converted (it continues under its new URN), takes no more changes but a correction of its details. */
export class SchoolClosedError extends RuleViolationError {
  constructor(
    readonly urn: string,
    readonly successorUrn?: string,
  ) {
    super(
      successorUrn
        ? `The school with URN ${urn} converted and continues as URN ${successorUrn}: record this on the academy's URN.`
        : `The school with URN ${urn} is closed: nothing more can be recorded for it but a correction of its details.`,
    );
  }
}

export class InvalidUrnError extends RuleViolationError {
  constructor(
    readonly value: unknown,
    what = 'A URN',
  ) {
    super(`${what} is six digits, such as 121212; "${String(value)}" is not.`);
  }
}

/** An academy's predecessor, or a school's successor, is another school. */
export class OwnUrnError extends RuleViolationError {
  constructor(
    readonly urn: string,
    what: 'predecessor' | 'successor',
  ) {
    super(`A school cannot be its own ${what}: give the URN of the ${what === 'predecessor' ? 'school it continues' : 'academy that continues it'}, not ${urn}.`);
  }
}

export class SchoolNameRequiredError extends RuleViolationError {
  constructor() {
    super("A school needs its name, as the national schools list prints it.");
  }
}

export class InvalidSchoolPhaseError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a phase of education; use ${quoted(SCHOOL_PHASES)}.`);
  }
}

export class InvalidSchoolTypeError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a type of school; use ${quoted(SCHOOL_TYPES)}.`);
  }
}

export class InvalidSchoolDayError extends RuleViolationError {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} must be a calendar date, YYYY-MM-DD; "${String(value)}" is not.`);
  }
}

/** Two days out of order: a publication before its inspection, a withdrawal before its issue. */
export class DaysOutOfOrderError extends RuleViolationError {
  constructor(laterField: string, later: string, earlierField: string, earlier: string) {
    super(`${laterField} (${later}) cannot be before ${earlierField} (${earlier}).`);
  }
}

export class InvalidPupilNumberError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`The number of pupils must be a whole number, 0 or more; "${String(value)}" is not.`);
  }
}

export class InvalidOfstedGradeError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not an Ofsted grade; use ${OFSTED_GRADES.join(', ')} (1 outstanding, 2 good, 3 requires improvement, 4 inadequate).`);
  }
}

/** Grade 4 is inadequate in one of Ofsted's two categories; no other grade has one. */
export class GradeFourNeedsCategoryError extends RuleViolationError {
  constructor(
    readonly grade: unknown,
    readonly category: unknown,
  ) {
    super(
      grade === 4
        ? `A grade 4 (inadequate) judgement needs its Ofsted category: ${quoted(OFSTED_CATEGORIES)}${category === undefined ? '' : `, not "${String(category)}"`}.`
        : `Only a grade 4 judgement has an Ofsted category (special measures or serious weaknesses); leave it out for grade ${String(grade)}.`,
    );
  }
}

export class InvalidWarningNoticeKindError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a kind of warning notice; use ${quoted(WARNING_NOTICE_KINDS)}.`);
  }
}

/** A warning notice goes to the governing body with its grounds: the reason is what they are told. */
export class WarningNoticeReasonRequiredError extends ReasonRequiredError {
  constructor() {
    super('the warning notice (the grounds the governing body is told)');
  }
}

export class WarningNoticeNotFoundError extends NotFoundError {
  constructor(
    readonly urn: string,
    readonly noticeId: string,
  ) {
    super(`The school with URN ${urn} has no warning notice "${noticeId}".`);
  }
}

export class WarningNoticeIdTakenError extends ConflictError {
  constructor(
    readonly urn: string,
    readonly noticeId: string,
  ) {
    super(`The school with URN ${urn} already has a warning notice "${noticeId}"; give another id, or none for the next free one.`);
  }
}

export class WarningNoticeAlreadyWithdrawnError extends RuleViolationError {
  constructor(
    readonly noticeId: string,
    readonly withdrawnOn: string,
  ) {
    super(`The warning notice "${noticeId}" was already withdrawn on ${withdrawnOn}.`);
  }
}

export class StageUnchangedError extends RuleViolationError {
  constructor(
    readonly schemeId: string,
    readonly stage: string,
  ) {
    super(`The school is already at stage "${stage}" of "${schemeId}": nothing would change.`);
  }
}

export class InvalidPowerError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a power of intervention; use ${quoted(POWERS)}.`);
  }
}

export class InvalidPowerDeciderError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" cannot decide a power; say who decided: ${quoted(POWER_DECIDERS)}.`);
  }
}

/** Who may use each power is the law's, not the council's choice (POWER_HOLDERS). */
export class PowerNotHeldError extends RuleViolationError {
  constructor(
    readonly power: Power,
    readonly decidedBy: PowerDecider,
    readonly holders: readonly PowerDecider[],
  ) {
    const who = holders.map((h) => POWER_DECIDER_LABELS[h].toLowerCase()).join(' or ');
    super(
      power === 'academy-order'
        ? 'An academy order is made by the Secretary of State; the council has no role in it.'
        : `${POWER_LABELS[power]} is decided by ${who}, not ${POWER_DECIDER_LABELS[decidedBy].toLowerCase()}.`,
    );
  }
}

export class InvalidOfficerRoleError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not an officer's role; use ${quoted(OFFICER_ROLES)}.`);
  }
}

/** A detail a record cannot do without: the officer's name, a visit's purpose ... */
export class SchoolDetailRequiredError extends RuleViolationError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidVisitRagError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a RAG of the school's progress; use ${VISIT_RAGS.join(', ')} (G good progress, A some, R too little), or none.`);
  }
}

export class VisitIdTakenError extends ConflictError {
  constructor(
    readonly urn: string,
    readonly visitId: string,
  ) {
    super(`The school with URN ${urn} already has a visit "${visitId}"; give another id, or none for the next free one.`);
  }
}

export class ImprovementPlanNotReceivedError extends RuleViolationError {
  constructor(readonly urn: string) {
    super(`No improvement plan has been received from the school with URN ${urn} (since its latest grade 3 or 4 judgement): record it as received before evaluating it.`);
  }
}
