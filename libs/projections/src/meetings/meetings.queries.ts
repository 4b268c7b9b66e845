import type { Database } from 'better-sqlite3';
import type { BoardActionView, BoardView, MeetingView } from '@rag-ledger/contract';
import type { PointInTime } from '../rag-board/rag-board.queries';

/**
 * Reads of the boards, their meetings and the board's action log.
 * PLACEHOLDER of the issue-20 contract commit: the meetings helper replaces the bodies with the
 * read model's (keep the method names and shapes, add freely).
 */
export class MeetingsQueries {
  constructor(private readonly db: Database) {}

  /** Every board, with its next meeting after `day` and its last issued meeting. */
  boards(day: string): BoardView[] {
    return notYet(this.db, day);
  }

  board(boardId: string, day: string): BoardView | undefined {
    return notYet(this.db, boardId, day);
  }

  /** A board's meetings by date. */
  meetings(boardId: string): MeetingView[] {
    return notYet(this.db, boardId);
  }

  meeting(meetingId: string): MeetingView | undefined {
    return notYet(this.db, meetingId);
  }

  /** Every meeting of every board by date (the reminders look for papers falling due). */
  allMeetings(): MeetingView[] {
    return notYet(this.db);
  }

  /** A board's action log as it stood (`when.asOf`, bounded by `when.upTo` when given), overdue judged on `when.day`. */
  boardActions(boardId: string, when: PointInTime): BoardActionView[] {
    return notYet(this.db, boardId, when);
  }

  boardAction(boardActionId: string, when: PointInTime): BoardActionView | undefined {
    return notYet(this.db, boardActionId, when);
  }
}

function notYet(..._: unknown[]): never {
  throw new Error('MeetingsQueries is not built yet (issue 20)');
}
