import type { Database } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { isMilestoneEvent, milestoneEventTypes, type TrackerEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import { nextMilestoneRow, type MilestoneRow } from './milestone-rows';

export type { MilestoneRow } from './milestone-rows';

const COLUMNS: Array<keyof MilestoneRow> = ['id', 'plan_id', 'workstream_id', 'date', 'state', 'assessment', 'last_changed_at', 'revision', 'seq'];

const INDEXES = `CREATE INDEX IF NOT EXISTS milestones_by_plan ON milestones (plan_id, date, id);
  ${VersionedTable.historyIndex('milestones', ['id'])}`;

/** The milestones of each plan and work-stream with their latest assessment, current and as they stood at any instant. */
export class MilestonesProjection implements Projection<TrackerEventType> {
  readonly name = 'milestones';
  readonly version = 1;
  readonly handles = milestoneEventTypes;
  private milestones!: VersionedTable<MilestoneRow>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(VersionedTable.schema('milestones', `id TEXT NOT NULL, plan_id TEXT NOT NULL, workstream_id TEXT, date TEXT NOT NULL,
      state TEXT NOT NULL, assessment TEXT, last_changed_at TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL`, ['id']));
    if (mode === 'live') db.exec(INDEXES);
    this.milestones = new VersionedTable(db, 'milestones', COLUMNS, ['id'], mode);
  }

  finishBulkLoad(db: Database): void {
    this.milestones.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS milestones; DROP TABLE IF EXISTS milestones_versions;');
  }

  apply(recorded: RecordedEvent): void {
    if (!isMilestoneEvent(recorded)) return;
    const metadata = recorded.metadata as EventMetadata;
    const change = { at: metadata.at, actor: metadata.actor, revision: Number(recorded.revision), position: Number(recorded.position) };
    const current = this.milestones.current(recorded.data.milestoneId);
    const row = nextMilestoneRow(current, recorded, change);
    if (row) this.milestones.write(row, change, current);
  }
}
