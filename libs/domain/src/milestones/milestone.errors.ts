import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';
import { MILESTONE_OUTCOMES } from './milestone.events';

export class MilestoneNotFoundError extends NotFoundError {
  constructor(readonly milestoneId: string) {
    super(`There is no milestone with id "${milestoneId}".`);
  }
}

export class MilestoneAlreadyExistsError extends ConflictError {
  constructor(readonly milestoneId: string) {
    super(`A milestone with id "${milestoneId}" already exists.`);
  }
}

export class MilestoneTextRequiredError extends RuleViolationError {
  constructor() {
    super('A milestone needs a statement of what will be true by its date.');
  }
}

export class InvalidMilestoneDateError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not a calendar date; give the day the milestone is due as YYYY-MM-DD (a month means its last day).`);
  }
}

export class InvalidMilestoneOutcomeError extends RuleViolationError {
  constructor(readonly value: unknown) {
    super(`"${String(value)}" is not an assessment of a milestone; use ${MILESTONE_OUTCOMES.map((o) => `"${o}"`).join(', ')}.`);
  }
}
