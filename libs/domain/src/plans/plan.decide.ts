import type { PlanCreated, PlanKind, WorkstreamAdded } from './plan.events';
import {
  PlanAlreadyExistsError,
  PlanNotFoundError,
  PlanPeriodInvalidError,
  WorkstreamAlreadyExistsError,
} from './plan.errors';
import type { PlanState } from './plan.state';

export interface CreatePlan {
  type: 'CreatePlan';
  data: PlanCreated['data'] & { kind: PlanKind };
}

export interface AddWorkstream {
  type: 'AddWorkstream';
  data: WorkstreamAdded['data'];
}

export type PlanCommand = CreatePlan | AddWorkstream;

export function decidePlan(command: PlanCommand, state: PlanState): PlanCreated | WorkstreamAdded {
  switch (command.type) {
    case 'CreatePlan': {
      if (state.exists) throw new PlanAlreadyExistsError(command.data.planId);
      const { periodStart, periodEnd } = command.data;
      if (periodStart && periodEnd && periodEnd < periodStart) throw new PlanPeriodInvalidError(periodStart, periodEnd);
      return { type: 'PlanCreated', data: withoutUndefined(command.data) };
    }
    case 'AddWorkstream': {
      if (!state.exists) throw new PlanNotFoundError(command.data.planId);
      if (state.workstreams.has(command.data.workstreamId)) {
        throw new WorkstreamAlreadyExistsError(command.data.planId, command.data.workstreamId);
      }
      return { type: 'WorkstreamAdded', data: withoutUndefined(command.data) };
    }
  }
}

/** Events keep only the fields that were given, so a replay compares equal to the original. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
