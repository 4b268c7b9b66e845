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

export type PlanEvent = PlanCreated | WorkstreamAdded;

export const planStream = (planId: string) => `plan-${planId}`;
