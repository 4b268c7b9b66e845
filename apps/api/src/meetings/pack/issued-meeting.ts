import {
  BoardNotFoundError,
  boardDecider,
  boardStream,
  MeetingNotFoundError,
  meetingDecider,
  meetingStream,
  NotFoundError,
  type BoardEvent,
  type EventMetadata,
  type MeetingEvent,
  type MeetingState,
} from '@rag-ledger/domain';
import { readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import type { IssuedMeeting } from './compose-pack';

/** Asked for the pack of a meeting whose pack has not been issued: there is nothing frozen to show yet. */
export class PackNotIssuedError extends NotFoundError {
  constructor(readonly meetingId: string) {
    super(
      `The pack for this meeting has not been issued yet: a board secretary (admin or board) issues it with POST /api/meetings/${meetingId}/pack, ` +
        'which freezes it at the log as it then stands.',
    );
  }
}

/**
 * The meeting and its board as they stood when the pack was issued, and the stamp: read from
 * their own streams, the meeting's up to its PackIssued and the board's up to the stamp's
 * position, so a meeting rescheduled or a board renamed later leaves the pack as it was.
 */
export async function readIssuedMeeting(store: EventStore, meetingId: string): Promise<IssuedMeeting> {
  const events = await readStreamOrEmpty<MeetingEvent>(store, meetingStream(meetingId));
  let state: MeetingState = meetingDecider.initialState();
  let scheduledAt: string | undefined;
  for (const event of events) {
    state = meetingDecider.evolve(state, event as MeetingEvent);
    if (event.type === 'MeetingScheduled') scheduledAt = metadataOf(event).at;
    if (event.type === 'PackIssued') {
      if (!state.exists || !state.pack) break;
      const { actor } = metadataOf(event);
      const pack = state.pack;
      const board = await boardAsAt(store, state.boardId, pack.position);
      return {
        meeting: { id: state.id, boardId: state.boardId, date: state.date, title: state.title, papersDueOn: state.papersDueOn, scheduledAt: scheduledAt ?? pack.issuedAt },
        board,
        stamp: {
          position: pack.position,
          head: pack.head,
          issuedAt: pack.issuedAt,
          issuedBy: { id: actor.id, name: actor.name, role: actor.role },
          planIds: pack.planIds,
          measureIds: pack.measureIds,
          previous: pack.previous,
        },
      };
    }
  }
  if (!state.exists) throw new MeetingNotFoundError(meetingId);
  throw new PackNotIssuedError(meetingId);
}

async function boardAsAt(store: EventStore, boardId: string, position: number): Promise<IssuedMeeting['board']> {
  const events = (await readStreamOrEmpty<BoardEvent>(store, boardStream(boardId))).filter((e) => e.position <= BigInt(position));
  const board = events.reduce((state, event) => boardDecider.evolve(state, event as BoardEvent), boardDecider.initialState());
  if (!board.exists) throw new BoardNotFoundError(boardId);
  return { id: board.id, name: board.name, kind: board.kind, members: board.members };
}

const metadataOf = (event: { metadata: unknown }) => event.metadata as EventMetadata;
