/**
 * The board's own action log: what a meeting agreed ("It was agreed that the accurate figure
 * would be circulated with the minutes"), who owns it and by when, the responses reported
 * back, and its closure. One stream per board action, `boardaction-<boardActionId>`; the
 * events name the meeting and the board.
 */
export interface BoardActionDetails {
  /** The agenda item it was agreed under, as the minutes number or name it ("4. Performance report"). */
  agendaItem: string;
  /** What was agreed, in the minutes' words. */
  text: string;
  /** Who is to do it (directory initials, or a name as the minutes give it). */
  owner: string;
  /** YYYY-MM-DD. */
  dueOn: string;
}

export interface BoardActionAgreed {
  type: 'BoardActionAgreed';
  data: { boardActionId: string; meetingId: string; boardId: string } & BoardActionDetails;
}

export interface BoardActionResponded {
  type: 'BoardActionResponded';
  data: { boardActionId: string; meetingId: string; boardId: string; text: string };
}

export interface BoardActionClosed {
  type: 'BoardActionClosed';
  data: { boardActionId: string; meetingId: string; boardId: string; reason: string };
}

export type BoardActionEvent = BoardActionAgreed | BoardActionResponded | BoardActionClosed;
