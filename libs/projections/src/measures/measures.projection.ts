import type { Database } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { isMeasureEvent, measureEventTypes, type TrackerEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import { nextMeasureRow, type MeasureRow } from './measure-rows';

export type { MeasureRow } from './measure-rows';

const COLUMNS: Array<keyof MeasureRow> = ['id', 'plan_id', 'workstream_id', 'state', 'judgement', 'override', 'last_changed_at', 'revision', 'seq'];

const INDEXES = `CREATE INDEX IF NOT EXISTS measures_by_plan ON measures (plan_id, seq);
  ${VersionedTable.historyIndex('measures', ['id'])}`;

/** The measures of each plan, current and as they stood at any instant. */
export class MeasuresProjection implements Projection<TrackerEventType> {
  readonly name = 'measures';
  // 4: the state carries predictions and a register measure's indicator (issue 19).
  readonly version = 4;
  readonly handles = measureEventTypes;
  private measures!: VersionedTable<MeasureRow>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(VersionedTable.schema('measures', `id TEXT NOT NULL, plan_id TEXT NOT NULL, workstream_id TEXT, state TEXT NOT NULL,
      judgement TEXT NOT NULL, override TEXT, last_changed_at TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL`, ['id']));
    if (mode === 'live') db.exec(INDEXES);
    this.measures = new VersionedTable(db, 'measures', COLUMNS, ['id'], mode);
  }

  finishBulkLoad(db: Database): void {
    this.measures.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS measures; DROP TABLE IF EXISTS measures_versions;');
  }

  apply(recorded: RecordedEvent): void {
    if (!isMeasureEvent(recorded)) return;
    const metadata = recorded.metadata as EventMetadata;
    const change = { at: metadata.at, actor: metadata.actor, revision: Number(recorded.revision), position: Number(recorded.position) };
    const current = this.measures.current(recorded.data.measureId);
    const row = nextMeasureRow(current, recorded, change);
    if (row) this.measures.write(row, change, current);
  }
}
