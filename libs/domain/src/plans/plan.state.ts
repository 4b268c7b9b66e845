import type { PlanEvent, PlanKind, PlanningFramework, WorkstreamDetails } from './plan.events';

export interface WorkstreamState extends WorkstreamDetails {
  id: string;
}

export interface ExistingPlan extends PlanningFramework {
  exists: true;
  id: string;
  kind: PlanKind;
  title: string;
  board?: string;
  version?: string;
  periodStart?: string;
  periodEnd?: string;
  workstreams: Map<string, WorkstreamState>;
}

export type PlanState = { exists: false } | ExistingPlan;

export const initialPlanState = (): PlanState => ({ exists: false });

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'PlanCreated') {
    const { planId, ...details } = event.data;
    return { exists: true, id: planId, ...details, workstreams: new Map() };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'WorkstreamAdded': {
      const { planId: _, workstreamId, ...details } = event.data;
      const workstreams = new Map(state.workstreams);
      workstreams.set(workstreamId, { id: workstreamId, ...details });
      return { ...state, workstreams };
    }
    case 'PlanVersionRefreshed': {
      const { planId: _, previousVersion: __, reason: ___, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'WorkstreamRevised': {
      const current = state.workstreams.get(event.data.workstreamId);
      if (!current) return state;
      const workstreams = new Map(state.workstreams);
      workstreams.set(current.id, { ...current, ...event.data.changes });
      return { ...state, workstreams };
    }
    default:
      return state;
  }
}
