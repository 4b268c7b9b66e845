import { boardActionStream } from '@rag-ledger/domain';
import { readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';

/**
 * The id of a board action the caller did not name: `<meetingId>.<n>`, n one more than the
 * meeting's board actions, or the next free number after it. Whether a number is free is read
 * from the log, so one agreed a moment ago counts. Under an Idempotency-Key, `earlierEventId` is
 * the id its first event would have: the action that starts with it is the one this same
 * request agreed before, and its id is answered again (as nextMilestoneId does).
 */
export async function nextBoardActionId(store: EventStore, meetingId: string, actionsOfMeeting: number, earlierEventId?: string): Promise<string> {
  for (let n = earlierEventId === undefined ? actionsOfMeeting + 1 : 1; ; n++) {
    const id = `${meetingId}.${n}`;
    const [first] = await readStreamOrEmpty(store, boardActionStream(id), { maxCount: 1 });
    if (!first) {
      if (n > actionsOfMeeting) return id;
    } else if (first.id === earlierEventId) {
      return id;
    }
  }
}
