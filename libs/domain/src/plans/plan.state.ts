import type { PlanEvent, PlanKind } from './plan.events';

export interface WorkstreamState {
  id: string;
  title: string;
}

export type PlanState =
  | { exists: false }
  | {
      exists: true;
      id: string;
      kind: PlanKind;
      title: string;
      version?: string;
      workstreams: Map<string, WorkstreamState>;
    };

export const initialPlanState = (): PlanState => ({ exists: false });

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanCreated':
      return {
        exists: true,
        id: event.data.planId,
        kind: event.data.kind,
        title: event.data.title,
        version: event.data.version,
        workstreams: new Map(),
      };
    case 'WorkstreamAdded': {
      if (!state.exists) return state;
      const workstreams = new Map(state.workstreams);
      workstreams.set(event.data.workstreamId, { id: event.data.workstreamId, title: event.data.title });
      return { ...state, workstreams };
    }
    default:
      return state;
  }
}
