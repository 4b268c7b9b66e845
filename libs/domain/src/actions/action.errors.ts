import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';
import { STATUS_LABELS, type ActionStatus } from '../shared/status';

const describe = (status: ActionStatus) => `${STATUS_LABELS[status]}${status === 'withdrawn' ? '' : ` (${status})`}`;

export class ActionNotFoundError extends NotFoundError {
  constructor(readonly actionId: string) {
    super(`There is no action with id "${actionId}".`);
  }
}

export class ActionAlreadyExistsError extends ConflictError {
  constructor(readonly actionId: string) {
    super(`An action with id "${actionId}" already exists.`);
  }
}

export class ActionAlreadyStartedError extends RuleViolationError {
  constructor(readonly status: ActionStatus) {
    super(`Only a not-started action can be started; this one is ${describe(status)}.`);
  }
}

export class ActionNotInProgressError extends RuleViolationError {
  constructor(readonly status: ActionStatus) {
    super(`The RAG rating can only change while an action is in progress; this one is ${describe(status)}.`);
  }
}

export class RagUnchangedError extends RuleViolationError {
  constructor(readonly rag: ActionStatus) {
    super(`The action is already ${describe(rag)}: choose a different colour.`);
  }
}

export class ActionAlreadyCompletedError extends RuleViolationError {
  constructor() {
    super('This action is already completed. Reopen it first if work has resumed.');
  }
}

export class ActionNotCompletedError extends RuleViolationError {
  constructor(readonly status: ActionStatus) {
    super(`Only a completed action can be reopened; this one is ${describe(status)}.`);
  }
}

export class ActionWithdrawnError extends RuleViolationError {
  constructor() {
    super('This action has been withdrawn and can no longer be changed.');
  }
}

export class TargetDateLockedError extends RuleViolationError {
  constructor() {
    super('The target date of a completed action cannot be revised. Reopen it first.');
  }
}

export class TargetDateUnchangedError extends RuleViolationError {
  constructor(readonly targetDate: string) {
    super(`The target date is already ${targetDate}.`);
  }
}

export class OwnersUnchangedError extends RuleViolationError {
  constructor() {
    super('These are already the owners of the action.');
  }
}

export class OwnersRequiredError extends RuleViolationError {
  constructor() {
    super('An action needs at least one owner.');
  }
}

export class NoteRequiredError extends RuleViolationError {
  constructor() {
    super('A progress note cannot be empty.');
  }
}

export class InvalidTargetDateError extends RuleViolationError {
  constructor(readonly value: string) {
    super(`"${value}" is not a calendar date; use YYYY-MM-DD.`);
  }
}

export class ActionTitleRequiredError extends RuleViolationError {
  constructor() {
    super('An action needs a title that says what will be done.');
  }
}

/** A change the status does not allow and no more particular rule names (the contract's table). */
export class ChangeNotAllowedError extends RuleViolationError {
  constructor(
    readonly change: string,
    readonly status: ActionStatus,
  ) {
    super(`This change (${change}) is not allowed while the action is ${describe(status)}.`);
  }
}

export class StepNotFoundError extends NotFoundError {
  constructor(
    readonly actionId: string,
    readonly stepId: string,
  ) {
    super(`Action "${actionId}" has no step "${stepId}".`);
  }
}

export class StepAlreadyExistsError extends ConflictError {
  constructor(
    readonly actionId: string,
    readonly stepId: string,
  ) {
    super(`Action "${actionId}" already has a step "${stepId}".`);
  }
}

export class InvalidStepIdError extends RuleViolationError {
  constructor(readonly stepId: string) {
    super(`"${stepId}" cannot be a step id: use letters, digits, dots, dashes or underscores (at most 64), starting with a letter or digit.`);
  }
}

export class StepTextRequiredError extends RuleViolationError {
  constructor() {
    super('A step needs text that says what will be done.');
  }
}

export class StepAlreadyDoneError extends RuleViolationError {
  constructor(readonly stepId: string) {
    super(`Step "${stepId}" is already done. Reopen it first if the work has resumed.`);
  }
}

export class StepNotDoneError extends RuleViolationError {
  constructor(readonly stepId: string) {
    super(`Step "${stepId}" is not done, so it cannot be reopened.`);
  }
}
