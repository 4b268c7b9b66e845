import { NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import {
  PlanAlreadyExistsError,
  PlanNotFoundError,
  PlanPeriodInvalidError,
  WorkstreamAlreadyExistsError,
  WorkstreamNotFoundError,
} from './plan.errors';
import type { PlanCreated, PlanKind, PlanVersionRefreshed, WorkstreamAdded, WorkstreamRevised } from './plan.events';
import type { PlanState } from './plan.state';

export interface CreatePlan {
  type: 'CreatePlan';
  data: PlanCreated['data'] & { kind: PlanKind };
}

export interface AddWorkstream {
  type: 'AddWorkstream';
  data: WorkstreamAdded['data'];
}

/** A new version of the plan: only the details that differ are recorded. */
export interface RefreshPlanVersion {
  type: 'RefreshPlanVersion';
  data: Omit<PlanVersionRefreshed['data'], 'previousVersion'>;
}

export interface ReviseWorkstream {
  type: 'ReviseWorkstream';
  data: WorkstreamRevised['data'];
}

export type PlanCommand = CreatePlan | AddWorkstream | RefreshPlanVersion | ReviseWorkstream;

export function decidePlan(command: PlanCommand, state: PlanState): PlanCreated | WorkstreamAdded | PlanVersionRefreshed | WorkstreamRevised {
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
    case 'RefreshPlanVersion': {
      if (!state.exists) throw new PlanNotFoundError(command.data.planId);
      const { planId, reason, ...proposed } = command.data;
      const changes = changedFields(proposed, state);
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`plan "${planId}"`);
      const { periodStart = state.periodStart, periodEnd = state.periodEnd } = changes;
      if (periodStart && periodEnd && periodEnd < periodStart) throw new PlanPeriodInvalidError(periodStart, periodEnd);
      return {
        type: 'PlanVersionRefreshed',
        data: withoutUndefined({ planId, previousVersion: state.version, ...changes, reason: requireReason(reason, 'the refresh') }),
      };
    }
    case 'ReviseWorkstream': {
      if (!state.exists) throw new PlanNotFoundError(command.data.planId);
      const current = state.workstreams.get(command.data.workstreamId);
      if (!current) throw new WorkstreamNotFoundError(command.data.planId, command.data.workstreamId);
      const changes = changedFields(command.data.changes, current);
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`work-stream "${current.id}"`);
      const reason = requireReason(command.data.reason, 'revising the work-stream');
      return { type: 'WorkstreamRevised', data: { planId: state.id, workstreamId: current.id, changes, reason } };
    }
  }
}

