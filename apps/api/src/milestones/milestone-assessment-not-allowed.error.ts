import { mayAssessMilestone } from '@rag-ledger/contract';
import { ForbiddenError } from '@rag-ledger/domain';
import type { Principal } from '../auth/principal';

export class MilestoneAssessmentNotAllowedError extends ForbiddenError {
  constructor(readonly planId: string) {
    super(`Only board members, administrators and owners of plan "${planId}" may assess its milestones.`);
  }
}

export function assertMayAssessMilestone(principal: Principal, planId: string): void {
  if (!mayAssessMilestone(principal, planId)) throw new MilestoneAssessmentNotAllowedError(planId);
}
