export const PLAN_KINDS = ['strategic', 'safeguarding', 'lac', 'early-help', 'education', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export interface PlanCreated {
  type: 'PlanCreated';
  data: {
    planId: string;
    kind: PlanKind;
    title: string;
    board?: string;
    version?: string;
    periodStart?: string;
    periodEnd?: string;
  };
}

export interface WorkstreamAdded {
  type: 'WorkstreamAdded';
  data: {
    planId: string;
    workstreamId: string;
    title: string;
    accountable?: string;
    responsible?: string;
    projectManager?: string;
    outcome?: string;
  };
}

/** A six-monthly refresh: the new version, and any plan details it changed. */
export interface PlanVersionRefreshed {
  type: 'PlanVersionRefreshed';
  data: {
    planId: string;
    previousVersion?: string;
    version?: string;
    title?: string;
    board?: string;
    periodStart?: string;
    periodEnd?: string;
    reason: string;
  };
}

export type WorkstreamDetails = Omit<WorkstreamAdded['data'], 'planId' | 'workstreamId'>;

export interface WorkstreamRevised {
  type: 'WorkstreamRevised';
  data: { planId: string; workstreamId: string; changes: Partial<WorkstreamDetails>; reason: string };
}

export type PlanEvent = PlanCreated | WorkstreamAdded | PlanVersionRefreshed | WorkstreamRevised;
