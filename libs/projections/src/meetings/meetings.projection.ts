import type { Database, Statement } from 'better-sqlite3';
import type { MeetingView, PackStampView } from '@rag-ledger/contract';
import type { BoardEvent, EventMetadata, MeetingEvent } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { assertUnreachable, isBoardActionEvent, isBoardEvent, isMeetingEvent, meetingRecordEventTypes, type MeetingRecordEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import { nextBoardActionRow, type BoardActionLogRow, type MeetingRecordChange } from './board-action-rows';

export type { BoardActionLogRow } from './board-action-rows';

export interface MeetingBoardRow {
  id: string;
  name: string;
  kind: string;
  /** JSON string[]. */
  plan_ids: string;
  /** JSON string[]. */
  members: string;
  established_at: string;
  revision: number;
  position: number;
}

export interface MeetingRow {
  id: string;
  board_id: string;
  date: string;
  title: string;
  papers_due_on: string;
  scheduled_at: string;
  /** JSON PackStampView, null until issued. */
  pack: string | null;
  /** JSON MeetingView['reminders']. */
  reminders: string;
  revision: number;
  position: number;
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS meeting_boards (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, plan_ids TEXT NOT NULL, members TEXT NOT NULL,
    established_at TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, board_id TEXT NOT NULL, date TEXT NOT NULL, title TEXT NOT NULL, papers_due_on TEXT NOT NULL,
    scheduled_at TEXT NOT NULL, pack TEXT, reminders TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL
  );
  ${VersionedTable.schema(
    'meeting_board_actions',
    `id TEXT NOT NULL, board_id TEXT NOT NULL, meeting_id TEXT NOT NULL, agenda_item TEXT NOT NULL, text TEXT NOT NULL, owner TEXT NOT NULL,
    due_on TEXT NOT NULL, state TEXT NOT NULL, agreed_at TEXT NOT NULL, agreed_by TEXT NOT NULL, responses TEXT NOT NULL, closure TEXT,
    last_changed_at TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL`,
    ['id'],
  )}`;

// The as-of reads of the action log pick a version by time and by position (see MeetingsQueries).
const INDEXES = `CREATE INDEX IF NOT EXISTS meetings_by_board ON meetings (board_id, date, id);
  CREATE INDEX IF NOT EXISTS meeting_board_actions_by_board ON meeting_board_actions (board_id, seq);
  CREATE INDEX IF NOT EXISTS meeting_board_actions_by_meeting ON meeting_board_actions (meeting_id, seq);
  CREATE INDEX IF NOT EXISTS meeting_board_actions_versions_by_position ON meeting_board_actions_versions (id, position);`;

const BOARD_ACTION_COLUMNS: Array<keyof BoardActionLogRow> = [
  'id', 'board_id', 'meeting_id', 'agenda_item', 'text', 'owner', 'due_on', 'state', 'agreed_at', 'agreed_by', 'responses', 'closure', 'last_changed_at', 'revision', 'seq',
];

/**
 * The boards that meet, their meetings (with the stamp of the pack issued and the reminders
 * sent) and the board's own action log, versioned so the log can be read as it stood at an
 * instant and up to a log position (a pack is drawn from the log up to its stamp). Boards and
 * meetings are few and are read as they now stand; their events are in the audit trail.
 */
export class MeetingsProjection implements Projection<MeetingRecordEventType> {
  readonly name = 'meetings';
  readonly version = 1;
  readonly handles = meetingRecordEventTypes;
  private boardActions!: VersionedTable<BoardActionLogRow>;
  private s!: Record<'board' | 'putBoard' | 'meeting' | 'putMeeting', Statement>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(TABLES);
    if (mode === 'live') db.exec(INDEXES);
    this.boardActions = new VersionedTable(db, 'meeting_board_actions', BOARD_ACTION_COLUMNS, ['id'], mode);
    this.s = {
      board: db.prepare('SELECT * FROM meeting_boards WHERE id = ?'),
      putBoard: db.prepare(`INSERT OR REPLACE INTO meeting_boards (id, name, kind, plan_ids, members, established_at, revision, position)
        VALUES (@id, @name, @kind, @plan_ids, @members, @established_at, @revision, @position)`),
      meeting: db.prepare('SELECT * FROM meetings WHERE id = ?'),
      putMeeting: db.prepare(`INSERT OR REPLACE INTO meetings (id, board_id, date, title, papers_due_on, scheduled_at, pack, reminders, revision, position)
        VALUES (@id, @board_id, @date, @title, @papers_due_on, @scheduled_at, @pack, @reminders, @revision, @position)`),
    };
  }

  finishBulkLoad(db: Database): void {
    this.boardActions.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS meeting_boards; DROP TABLE IF EXISTS meetings; DROP TABLE IF EXISTS meeting_board_actions; DROP TABLE IF EXISTS meeting_board_actions_versions;');
  }

  apply(recorded: RecordedEvent): void {
    const metadata = recorded.metadata as EventMetadata;
    const change: MeetingRecordChange = { at: metadata.at, actor: metadata.actor, revision: Number(recorded.revision), position: Number(recorded.position) };
    if (isBoardEvent(recorded)) this.applyBoard(recorded, change);
    else if (isMeetingEvent(recorded)) this.applyMeeting(recorded, change);
    else if (isBoardActionEvent(recorded)) {
      const current = this.boardActions.current(recorded.data.boardActionId);
      const row = nextBoardActionRow(current, recorded, change);
      if (row) this.boardActions.write(row, change, current);
    }
  }

  private applyBoard(event: BoardEvent, c: MeetingRecordChange): void {
    switch (event.type) {
      case 'BoardEstablished': {
        const d = event.data;
        this.s.putBoard.run({ id: d.boardId, name: d.name, kind: d.kind, plan_ids: JSON.stringify(d.planIds), members: JSON.stringify(d.members), established_at: c.at, revision: c.revision, position: c.position });
        return;
      }
      case 'BoardRevised': {
        const current = this.s.board.get(event.data.boardId) as MeetingBoardRow | undefined;
        if (!current) return;
        const x = event.data.changes;
        this.s.putBoard.run({
          ...current,
          ...(x.name !== undefined ? { name: x.name } : {}),
          ...(x.kind !== undefined ? { kind: x.kind } : {}),
          ...(x.planIds !== undefined ? { plan_ids: JSON.stringify(x.planIds) } : {}),
          ...(x.members !== undefined ? { members: JSON.stringify(x.members) } : {}),
          revision: c.revision,
          position: c.position,
        });
        return;
      }
      default:
        return assertUnreachable(event);
    }
  }

  private applyMeeting(event: MeetingEvent, c: MeetingRecordChange): void {
    if (event.type === 'MeetingScheduled') {
      const d = event.data;
      this.s.putMeeting.run({ id: d.meetingId, board_id: d.boardId, date: d.date, title: d.title, papers_due_on: d.papersDueOn, scheduled_at: c.at, pack: null, reminders: '[]', revision: c.revision, position: c.position });
      return;
    }
    const current = this.s.meeting.get(event.data.meetingId) as MeetingRow | undefined;
    if (!current) return;
    const touched = { revision: c.revision, position: c.position };
    switch (event.type) {
      case 'MeetingRescheduled': {
        const x = event.data.changes;
        this.s.putMeeting.run({
          ...current,
          ...(x.date !== undefined ? { date: x.date } : {}),
          ...(x.title !== undefined ? { title: x.title } : {}),
          ...(x.papersDueOn !== undefined ? { papers_due_on: x.papersDueOn } : {}),
          ...touched,
        });
        return;
      }
      case 'PackIssued': {
        const { meetingId: _m, boardId: _b, ...stamp } = event.data;
        const pack: PackStampView = { ...stamp, issuedBy: { id: c.actor.id, name: c.actor.name, role: c.actor.role } };
        this.s.putMeeting.run({ ...current, pack: JSON.stringify(pack), ...touched });
        return;
      }
      case 'RemindersSent': {
        const reminders = JSON.parse(current.reminders) as MeetingView['reminders'];
        reminders.push({ sentAt: c.at, owners: event.data.reminded.map((r) => r.owner), channel: event.data.channel });
        this.s.putMeeting.run({ ...current, reminders: JSON.stringify(reminders), ...touched });
        return;
      }
      default:
        return assertUnreachable(event);
    }
  }
}
