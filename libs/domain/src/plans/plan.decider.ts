import type { Decider } from '../shared/decider';
import { planStream } from '../shared/streams';
import { decidePlan, type PlanCommand } from './plan.decide';
import type { PlanEvent } from './plan.events';
import { evolvePlan, initialPlanState, type PlanState } from './plan.state';

/** A plan and its work-streams, in the stream `plan-<planId>`. */
export const planDecider: Decider<PlanState, PlanCommand, PlanEvent> = {
  decide: (command, state) => [decidePlan(command, state)],
  evolve: evolvePlan,
  initialState: initialPlanState,
  streamOf: planStream,
};
