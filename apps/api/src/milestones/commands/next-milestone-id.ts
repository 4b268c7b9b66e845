import { milestoneStream } from '@rag-ledger/domain';
import { readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';

/**
 * The id of a milestone the caller did not name: `<planId>.M<n>`, n one more than the plan's
 * milestones, or the next free number after it (an id the council chose may have taken it).
 * Whether a number is free is read from the log, not the read models, so one set a moment ago
 * counts. Under an Idempotency-Key, `earlierEventId` is the id its first event would have: a
 * milestone that starts with it is the one this same request set before, and its id is answered
 * again (the write path then answers the first result and writes nothing).
 */
export async function nextMilestoneId(store: EventStore, planId: string, milestonesOfPlan: number, earlierEventId?: string): Promise<string> {
  for (let n = earlierEventId === undefined ? milestonesOfPlan + 1 : 1; ; n++) {
    const id = `${planId}.M${n}`;
    const [first] = await readStreamOrEmpty(store, milestoneStream(id), { maxCount: 1 });
    if (!first) {
      if (n > milestonesOfPlan) return id;
    } else if (first.id === earlierEventId) {
      return id;
    }
  }
}
