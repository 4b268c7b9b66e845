import { foldEvents, planDecider, PlanNotFoundError, type PlanEvent, type PlanState } from '@rag-ledger/domain';
import { readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import { assertCanUpdatePlan } from '../auth/plan-not-allowed.error';
import type { Principal } from '../auth/principal';

/**
 * The plan something is being added to, checked in this order: it exists (404), the
 * caller may update it (403). Work-streams are only ever added, so the state read here
 * cannot lose one before the caller's append.
 */
export async function loadPlanForUpdate(store: EventStore, planId: string, principal: Principal): Promise<PlanState> {
  const events = await readStreamOrEmpty(store, planDecider.streamOf(planId));
  if (events.length === 0) throw new PlanNotFoundError(planId);
  assertCanUpdatePlan(principal, planId);
  return foldEvents(planDecider, events.map((e) => ({ type: e.type, data: e.data }) as PlanEvent));
}
