export const PLAN_KINDS = ['strategic', 'safeguarding', 'lac', 'early-help', 'education', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/**
 * What a plan or a work-stream prints around its actions, kept as written: the priority lead,
 * "What will success look like?" (or "What we will see"), the standards it works to, its
 * assumptions and its risks. Each list in the plan's order.
 */
export interface PlanningFramework {
  lead?: string;
  successCriteria?: string[];
  standards?: string[];
  assumptions?: string[];
  risks?: string[];
}

export const PLANNING_FRAMEWORK_FIELDS = ['lead', 'successCriteria', 'standards', 'assumptions', 'risks'] as const satisfies ReadonlyArray<keyof PlanningFramework>;

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
  } & PlanningFramework;
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
  } & PlanningFramework;
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
  } & PlanningFramework;
}

export type WorkstreamDetails = Omit<WorkstreamAdded['data'], 'planId' | 'workstreamId'>;

export interface WorkstreamRevised {
  type: 'WorkstreamRevised';
  data: { planId: string; workstreamId: string; changes: Partial<WorkstreamDetails>; reason: string };
}

export type PlanEvent = PlanCreated | WorkstreamAdded | PlanVersionRefreshed | WorkstreamRevised;
