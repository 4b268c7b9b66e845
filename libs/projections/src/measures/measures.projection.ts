import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@rag-ledger/event-store';
import {
  evolveMeasure,
  initialMeasureState,
  judgeMeasure,
  type EventMetadata,
  type ExistingMeasure,
  type MeasureEvent,
  type MeasureJudgement,
} from '@rag-ledger/domain';
import type { LoadMode, Projection } from '../projection';
import { VersionedTable } from '../versioned-table';

export interface MeasureRow {
  id: string;
  plan_id: string;
  workstream_id: string | null;
  /** The measure's state (definition, values, targets, comparators), as the domain folds it. */
  state: string;
  /** The judgement stored with the last event that made one. */
  judgement: string;
  /** The manual RAG, with who and when: shown beside the judgement. */
  override: string | null;
  last_changed_at: string;
  revision: number;
  seq: number;
}

const COLUMNS: Array<keyof MeasureRow> = ['id', 'plan_id', 'workstream_id', 'state', 'judgement', 'override', 'last_changed_at', 'revision', 'seq'];

const INDEXES = `CREATE INDEX IF NOT EXISTS measures_by_plan ON measures (plan_id, seq);
  ${VersionedTable.historyIndex('measures', ['id'])}`;

/** The measures of each plan, current and as they stood at any instant. */
export class MeasuresProjection implements Projection {
  readonly name = 'measures';
  readonly version = 3;
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
    if (!recorded.streamId.startsWith('measure-')) return;
    const event = { type: recorded.type, data: recorded.data } as MeasureEvent;
    const metadata = recorded.metadata as EventMetadata;
    const change = { at: metadata.at, revision: Number(recorded.revision), position: Number(recorded.position) };
    const current = this.measures.current(event.data.measureId);
    const before = current ? (JSON.parse(current.state) as ExistingMeasure) : initialMeasureState();
    const state = evolveMeasure(before, event);
    if (!state.exists) return;
    const stored = 'judgement' in event.data ? (event.data.judgement as MeasureJudgement) : undefined;
    const judgement = stored ?? (current ? (JSON.parse(current.judgement) as MeasureJudgement) : judgeMeasure(state));
    const override =
      event.type === 'MeasureRagOverridden'
        ? JSON.stringify({ rag: event.data.rag, reason: event.data.reason, by: metadata.actor, at: metadata.at })
        : (current?.override ?? null);
    this.measures.write(
      {
        id: state.id,
        plan_id: state.planId,
        workstream_id: state.workstreamId ?? null,
        state: JSON.stringify(state),
        judgement: JSON.stringify(judgement),
        override,
        last_changed_at: change.at,
        revision: change.revision,
        seq: current?.seq ?? change.position,
      },
      change,
      current,
    );
  }
}
