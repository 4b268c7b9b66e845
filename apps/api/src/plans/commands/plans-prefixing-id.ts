import { planIdsPrefixing, planStream } from '@rag-ledger/domain';
import { readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';

/**
 * The existing plans whose id and a dot begin `id` (at most one read per dot in the id),
 * for the rule that an id belongs to the plan its prefix names (requireIdOfPlan). Read
 * from the log, not the read models, so a plan created a moment ago counts.
 */
export async function plansPrefixingId(store: EventStore, id: string): Promise<string[]> {
  const found: string[] = [];
  for (const planId of planIdsPrefixing(id)) {
    if ((await readStreamOrEmpty(store, planStream(planId), { maxCount: 1 })).length > 0) found.push(planId);
  }
  return found;
}
