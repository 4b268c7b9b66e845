import { mayUpdatePlan } from '@rag-ledger/contract';
import { ForbiddenError } from '@rag-ledger/domain';

import type { Principal } from './principal';

export class PlanNotAllowedError extends ForbiddenError {
  constructor(readonly planId: string) {
    super(`You are not an owner of plan "${planId}", so you cannot update its actions.`);
  }
}

export function assertCanUpdatePlan(principal: Principal, planId: string): void {
  if (!mayUpdatePlan(principal, planId)) throw new PlanNotAllowedError(planId);
}
