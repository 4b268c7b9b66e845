import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';

export class MeasureNotFoundError extends NotFoundError {
  constructor(readonly measureId: string) {
    super(`There is no measure with id "${measureId}".`);
  }
}

export class MeasureAlreadyExistsError extends ConflictError {
  constructor(readonly measureId: string) {
    super(`A measure with id "${measureId}" already exists.`);
  }
}

export class ValueAlreadyRecordedError extends RuleViolationError {
  constructor(readonly period: string) {
    super(`A final value for ${period} is already recorded. To change it, revise it with a reason.`);
  }
}

export class NoValueToReviseError extends RuleViolationError {
  constructor(readonly period: string) {
    super(`There is no value for ${period} to revise; record it first.`);
  }
}

export class InvalidMeasureNumberError extends RuleViolationError {
  constructor(what: string) {
    super(`${what} must be a finite number.`);
  }
}

export class InvalidPeriodError extends RuleViolationError {
  constructor(readonly period: string) {
    super(`"${period}" is not a period; write a year (2014), an academic or financial year (2013/14) or a quarter (2014-Q1).`);
  }
}

/** A register measure's figures are computed from the schools register: nobody types them. */
export class RegisterMeasureValueError extends RuleViolationError {
  constructor(readonly measureId: string) {
    super("This measure's figures come from the schools register: record the judgements, categories and visits instead.");
  }
}

/** computedFrom and indicator go together, and the indicator and phase must be the register's. */
export class RegisterMeasureDefinitionError extends RuleViolationError {}
