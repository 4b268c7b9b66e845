import type { ActorView } from '@rag-ledger/contract';
import type { BoardActionEvent } from '@rag-ledger/domain';
import { assertUnreachable } from '../tracker-events';

/** One entry of the board's action log, current and (in `meeting_board_actions_versions`) as it stood after each event. */
export interface BoardActionLogRow {
  id: string;
  board_id: string;
  meeting_id: string;
  agenda_item: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD: its own column, so the log sorts by it. */
  due_on: string;
  state: 'open' | 'closed';
  agreed_at: string;
  /** JSON ActorView. */
  agreed_by: string;
  /** JSON: the responses reported back, oldest first, each with who and when. */
  responses: string;
  /** JSON { reason, at, by }, or null while open. */
  closure: string | null;
  last_changed_at: string;
  revision: number;
  /** The position of the event that agreed it: the order it was agreed in. */
  seq: number;
}

/** Where an event stands in the log, and who made it when. */
export interface MeetingRecordChange {
  at: string;
  actor: ActorView;
  revision: number;
  position: number;
}

/**
 * How each event changes a board action's row: the same function feeds the current row and its
 * history. Undefined when the event leaves no board action (one that was never agreed).
 */
export function nextBoardActionRow(current: BoardActionLogRow | undefined, event: BoardActionEvent, c: MeetingRecordChange): BoardActionLogRow | undefined {
  const by = { id: c.actor.id, name: c.actor.name, role: c.actor.role };
  const touched = { last_changed_at: c.at, revision: c.revision };
  switch (event.type) {
    case 'BoardActionAgreed': {
      const d = event.data;
      return {
        id: d.boardActionId,
        board_id: d.boardId,
        meeting_id: d.meetingId,
        agenda_item: d.agendaItem,
        text: d.text,
        owner: d.owner,
        due_on: d.dueOn,
        state: 'open',
        agreed_at: c.at,
        agreed_by: JSON.stringify(by),
        responses: '[]',
        closure: null,
        ...touched,
        seq: c.position,
      };
    }
    case 'BoardActionResponded': {
      if (!current) return undefined;
      const responses = [...(JSON.parse(current.responses) as unknown[]), { text: event.data.text, at: c.at, by }];
      return { ...current, responses: JSON.stringify(responses), ...touched };
    }
    case 'BoardActionClosed':
      if (!current) return undefined;
      return { ...current, state: 'closed', closure: JSON.stringify({ reason: event.data.reason, at: c.at, by }), ...touched };
    default:
      return assertUnreachable(event);
  }
}
