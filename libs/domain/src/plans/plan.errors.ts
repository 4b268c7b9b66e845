import { ConflictError, NotFoundError, RuleViolationError } from '../shared/errors';

export class PlanNotFoundError extends NotFoundError {
  constructor(readonly planId: string) {
    super(`There is no plan with id "${planId}".`);
  }
}

export class PlanAlreadyExistsError extends ConflictError {
  constructor(readonly planId: string) {
    super(`A plan with id "${planId}" already exists.`);
  }
}

export class WorkstreamAlreadyExistsError extends ConflictError {
  constructor(
    readonly planId: string,
    readonly workstreamId: string,
  ) {
    super(`Plan "${planId}" already has a work-stream with id "${workstreamId}".`);
  }
}

export class WorkstreamNotInPlanError extends RuleViolationError {
  constructor(
    readonly planId: string,
    readonly workstreamId: string,
  ) {
    super(`Plan "${planId}" has no work-stream "${workstreamId}". Add the work-stream first.`);
  }
}

export class PlanPeriodInvalidError extends RuleViolationError {
  constructor(periodStart: string, periodEnd: string) {
    super(`The plan period cannot end (${periodEnd}) before it starts (${periodStart}).`);
  }
}

export class WorkstreamNotFoundError extends NotFoundError {
  constructor(
    readonly planId: string,
    readonly workstreamId: string,
  ) {
    super(`Plan "${planId}" has no work-stream "${workstreamId}".`);
  }
}
