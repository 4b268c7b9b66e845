import type { Database, Statement } from 'better-sqlite3';
import type { ActorView, BoardActionView, BoardKind, BoardView, MeetingView, PackStampView } from '@rag-ledger/contract';
import { isBoardActionOverdueOn } from '@rag-ledger/domain';
import type { PointInTime } from '../rag-board/rag-board.queries';
import type { BoardActionLogRow } from './board-action-rows';
import type { MeetingBoardRow, MeetingRow } from './meetings.projection';

/** A board action as this read model knows it: the API adds the evidence count from the evidence read model. */
export type BoardActionRecord = Omit<BoardActionView, 'evidenceCount'> & { revision: number };

/** A board, meeting or board action with the stream revision its ETag gives (for If-Match). */
export type WithRevision<T> = T & { revision: number };

/** Later than any instant and any position: an unbounded read through the same statement. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
const END_OF_LOG = Number.MAX_SAFE_INTEGER;

/**
 * The version of each board action current at the instant and up to the position: the latest
 * in the log of those written by then. The log is a few hundred entries a year, so the versions
 * of one are simply looked through by position (no seek by time as the boards' tables need).
 */
const actionsAsOf = (where: string) => `SELECT v.* FROM meeting_board_actions a
  JOIN meeting_board_actions_versions v ON v.rowid = (
    SELECT rowid FROM meeting_board_actions_versions WHERE id = a.id AND valid_from <= @asOf AND position <= @upTo ORDER BY position DESC LIMIT 1)
  WHERE ${where} ORDER BY v.seq`;

/** Reads of the boards, their meetings and the board's action log. */
export class MeetingsQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      boards: db.prepare('SELECT * FROM meeting_boards ORDER BY id'),
      board: db.prepare('SELECT * FROM meeting_boards WHERE id = ?'),
      meetings: db.prepare('SELECT * FROM meetings WHERE board_id = ? ORDER BY date, id'),
      meeting: db.prepare('SELECT * FROM meetings WHERE id = ?'),
      allMeetings: db.prepare('SELECT * FROM meetings ORDER BY date, id'),
      nextMeeting: db.prepare('SELECT * FROM meetings WHERE board_id = ? AND date >= ? ORDER BY date, id LIMIT 1'),
      lastIssued: db.prepare("SELECT * FROM meetings WHERE board_id = ? AND pack IS NOT NULL ORDER BY json_extract(pack, '$.position') DESC LIMIT 1"),
      actionIdsOfMeeting: db.prepare('SELECT id FROM meeting_board_actions WHERE meeting_id = ? ORDER BY seq').pluck(),
      countOfMeeting: db.prepare('SELECT count(*) FROM meeting_board_actions WHERE meeting_id = ?').pluck(),
      actionsOfBoard: db.prepare(actionsAsOf('a.board_id = @boardId')),
      action: db.prepare(actionsAsOf('a.id = @id')),
    };
  }

  /** Every board, with its next meeting after `day` and its last issued meeting. */
  boards(day: string): BoardView[] {
    return (this.s.boards.all() as MeetingBoardRow[]).map((row) => this.toBoard(row, day));
  }

  board(boardId: string, day: string): WithRevision<BoardView> | undefined {
    const row = this.s.board.get(boardId) as MeetingBoardRow | undefined;
    return row && { ...this.toBoard(row, day), revision: row.revision };
  }

  /** A board's meetings by date. */
  meetings(boardId: string): MeetingView[] {
    return (this.s.meetings.all(boardId) as MeetingRow[]).map((row) => this.toMeeting(row));
  }

  meeting(meetingId: string): WithRevision<MeetingView> | undefined {
    const row = this.s.meeting.get(meetingId) as MeetingRow | undefined;
    return row && { ...this.toMeeting(row), revision: row.revision };
  }

  /** Every meeting of every board by date (the reminders look for papers falling due). */
  allMeetings(): MeetingView[] {
    return (this.s.allMeetings.all() as MeetingRow[]).map((row) => this.toMeeting(row));
  }

  /** The board's meeting whose pack was issued latest in the log: the next pack's changes start after it. */
  lastIssuedMeeting(boardId: string): MeetingView | null {
    const row = this.s.lastIssued.get(boardId) as MeetingRow | undefined;
    return row ? this.toMeeting(row) : null;
  }

  /** How many board actions the meeting has agreed: where a new one's number starts. */
  countOfMeeting(meetingId: string): number {
    return this.s.countOfMeeting.get(meetingId) as number;
  }

  /**
   * A board's action log as it stood (`when.asOf`, bounded by `when.upTo` when given), overdue
   * judged on `when.day`: open ones first, overdue before the rest, each by due day; then the
   * closed ones, most recently closed first.
   */
  boardActions(boardId: string, when: PointInTime): BoardActionRecord[] {
    const rows = this.s.actionsOfBoard.all({ boardId, ...bounds(when) }) as BoardActionLogRow[];
    return rows.map((row) => toBoardAction(row, when.day)).sort(logOrder);
  }

  boardAction(boardActionId: string, when: PointInTime): BoardActionRecord | undefined {
    const row = this.s.action.get({ id: boardActionId, ...bounds(when) }) as BoardActionLogRow | undefined;
    return row && toBoardAction(row, when.day);
  }

  private toBoard(row: MeetingBoardRow, day: string): BoardView {
    const next = this.s.nextMeeting.get(row.id, day) as MeetingRow | undefined;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind as BoardKind,
      planIds: JSON.parse(row.plan_ids) as string[],
      members: JSON.parse(row.members) as string[],
      establishedAt: row.established_at,
      nextMeeting: next ? this.toMeeting(next) : null,
      lastIssuedMeeting: this.lastIssuedMeeting(row.id),
    };
  }

  private toMeeting(row: MeetingRow): MeetingView {
    return {
      id: row.id,
      boardId: row.board_id,
      date: row.date,
      title: row.title,
      papersDueOn: row.papers_due_on,
      scheduledAt: row.scheduled_at,
      pack: row.pack === null ? null : (JSON.parse(row.pack) as PackStampView),
      reminders: JSON.parse(row.reminders) as MeetingView['reminders'],
      boardActionIds: this.s.actionIdsOfMeeting.all(row.id) as string[],
    };
  }
}

const bounds = (when: PointInTime) => ({ asOf: when.asOf ?? END_OF_TIME, upTo: when.upTo ?? END_OF_LOG });

function toBoardAction(row: BoardActionLogRow, day: string): BoardActionRecord {
  const closed = row.state === 'closed';
  return {
    id: row.id,
    boardId: row.board_id,
    meetingId: row.meeting_id,
    agendaItem: row.agenda_item,
    text: row.text,
    owner: row.owner,
    dueOn: row.due_on,
    state: row.state,
    overdue: isBoardActionOverdueOn({ dueOn: row.due_on, closed }, day),
    agreedAt: row.agreed_at,
    agreedBy: JSON.parse(row.agreed_by) as ActorView,
    responses: JSON.parse(row.responses) as BoardActionView['responses'],
    closure: row.closure === null ? null : (JSON.parse(row.closure) as BoardActionView['closure']),
    revision: row.revision,
  };
}

/** Open before closed; among the open, overdue first, then by due day; closed, the latest closure first. */
function logOrder(a: BoardActionRecord, b: BoardActionRecord): number {
  if (a.state !== b.state) return a.state === 'open' ? -1 : 1;
  if (a.state === 'open') {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    return a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);
  }
  return (b.closure?.at ?? '').localeCompare(a.closure?.at ?? '') || a.id.localeCompare(b.id);
}
