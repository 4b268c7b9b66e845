import type { Database } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { actionEventTypes, isActionEvent, isPlanEvent, planEventTypes, type TrackerEventType } from '../tracker-events';
import { VersionedTable } from '../versioned-table';
import {
  ACTION_STATUS_COLUMNS,
  isStepEvent,
  nextActionRow,
  nextPlanRow,
  nextStepRow,
  nextWorkstreamRow,
  type ActionRow,
  type Change,
  type PlanRow,
  type StepRow,
  type WorkstreamRow,
} from './board-rows';

const PLAN_COLUMNS: Array<keyof PlanRow> = ['id', 'kind', 'title', 'board', 'version', 'period_start', 'period_end', 'created_at', 'last_changed_at', 'revision', 'seq'];
const WORKSTREAM_COLUMNS: Array<keyof WorkstreamRow> = ['plan_id', 'id', 'title', 'accountable', 'responsible', 'project_manager', 'outcome', 'seq'];
const INDEXES = `
  CREATE INDEX IF NOT EXISTS board_actions_by_plan ON board_actions (plan_id, workstream_id, seq);
  CREATE INDEX IF NOT EXISTS board_actions_by_status ON board_actions (status, plan_id);
  ${VersionedTable.historyIndex('board_plans', ['id'])}
  ${VersionedTable.historyIndex('board_workstreams', ['plan_id', 'id'])}
  ${VersionedTable.historyIndex('board_actions', ['id'])}
  ${VersionedTable.historyIndex('board_actions_details', ['id'])}
  ${VersionedTable.historyIndex('board_action_steps', ['action_id', 'step_id'])}`;
const ACTION_COLUMNS: Array<keyof ActionRow> = [
  'id', 'plan_id', 'workstream_id', 'ref', 'title', 'owners', 'enabling_teams', 'target_date', 'target_date_text', 'measures',
  'links', 'status', 'last_reason', 'created_at', 'last_changed_at', 'last_change', 'revision', 'steps_done', 'steps_total', 'seq',
];
/** What few events change (the action's description, owners and dates): versioned in `board_actions_details_versions`. */
const ACTION_DETAIL_COLUMNS = ACTION_COLUMNS.filter((c) => c !== 'id' && !ACTION_STATUS_COLUMNS.includes(c));
const ACTION_HISTORY = [
  { name: 'board_actions', columns: ACTION_STATUS_COLUMNS },
  { name: 'board_actions_details', columns: ACTION_DETAIL_COLUMNS },
];

const ACTION_DETAILS_SQL = `id TEXT NOT NULL, plan_id TEXT NOT NULL, workstream_id TEXT NOT NULL, ref TEXT, title TEXT NOT NULL,
  owners TEXT NOT NULL, enabling_teams TEXT NOT NULL, target_date TEXT, target_date_text TEXT, measures TEXT, links TEXT NOT NULL,
  created_at TEXT NOT NULL, seq INTEGER NOT NULL`;
const ACTION_STATUS_SQL = `status TEXT NOT NULL, last_reason TEXT, last_changed_at TEXT NOT NULL, last_change TEXT NOT NULL,
  revision INTEGER NOT NULL, steps_done INTEGER NOT NULL, steps_total INTEGER NOT NULL`;
const STEP_COLUMNS: Array<keyof StepRow> = [
  'action_id', 'step_id', 'plan_id', 'text', 'owners', 'enabling_teams', 'target_date', 'target_date_text', 'status_note', 'status', 'last_changed_at', 'seq',
];
const STEP_SQL = `action_id TEXT NOT NULL, step_id TEXT NOT NULL, plan_id TEXT NOT NULL, text TEXT NOT NULL, owners TEXT NOT NULL,
  enabling_teams TEXT NOT NULL, target_date TEXT, target_date_text TEXT, status_note TEXT, status TEXT NOT NULL, last_changed_at TEXT NOT NULL,
  seq INTEGER NOT NULL`;

/**
 * The RAG board: plans, their work-streams and every action's current status (the
 * boards, the exceptions and an action's state), and every earlier version of each,
 * from which the board as it stood at any instant is read.
 */
export class RagBoardProjection implements Projection<TrackerEventType> {
  readonly name = 'rag-board';
  readonly version = 8;
  readonly handles = [...planEventTypes, ...actionEventTypes];
  private plans!: VersionedTable<PlanRow>;
  private workstreams!: VersionedTable<WorkstreamRow>;
  private actions!: VersionedTable<ActionRow>;
  /** Every action's steps, each versioned, so an action as of an instant has the steps it had then. */
  private steps!: VersionedTable<StepRow>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(`
      ${VersionedTable.schema('board_plans', `id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, board TEXT, version TEXT,
        period_start TEXT, period_end TEXT, created_at TEXT NOT NULL, last_changed_at TEXT NOT NULL, revision INTEGER NOT NULL,
        seq INTEGER NOT NULL`, ['id'])}
      ${VersionedTable.schema('board_workstreams', `plan_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, accountable TEXT,
        responsible TEXT, project_manager TEXT, outcome TEXT, seq INTEGER NOT NULL`, ['plan_id', 'id'])}
      CREATE TABLE IF NOT EXISTS board_actions (${ACTION_DETAILS_SQL}, ${ACTION_STATUS_SQL}, PRIMARY KEY (id));
      ${VersionedTable.historySchema('board_actions', `id TEXT NOT NULL, ${ACTION_STATUS_SQL}`)}
      ${VersionedTable.historySchema('board_actions_details', ACTION_DETAILS_SQL)}
      ${VersionedTable.schema('board_action_steps', STEP_SQL, ['action_id', 'step_id'])}
    `);
    if (mode === 'live') db.exec(INDEXES);
    this.plans = new VersionedTable(db, 'board_plans', PLAN_COLUMNS, ['id'], mode);
    this.workstreams = new VersionedTable(db, 'board_workstreams', WORKSTREAM_COLUMNS, ['plan_id', 'id'], mode);
    this.actions = new VersionedTable(db, 'board_actions', ACTION_COLUMNS, ['id'], mode, ACTION_HISTORY);
    this.steps = new VersionedTable(db, 'board_action_steps', STEP_COLUMNS, ['action_id', 'step_id'], mode);
  }

  finishBulkLoad(db: Database): void {
    for (const table of [this.plans, this.workstreams, this.actions, this.steps]) table.finishBulkLoad();
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    for (const table of ['board_plans', 'board_workstreams', 'board_actions', 'board_action_steps']) {
      db.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_versions;`);
    }
    db.exec('DROP TABLE IF EXISTS board_actions_details_versions');
  }

  apply(recorded: RecordedEvent): void {
    const change: Change = {
      at: (recorded.metadata as EventMetadata).at,
      revision: Number(recorded.revision),
      position: Number(recorded.position),
    };
    if (isPlanEvent(recorded)) {
      const event = recorded;
      const planId = event.data.planId;
      const currentPlan = this.plans.current(planId);
      const plan = nextPlanRow(currentPlan, event, change);
      if (plan) this.plans.write(plan, change, currentPlan);
      if (event.type === 'WorkstreamAdded' || event.type === 'WorkstreamRevised') {
        const currentWorkstream = this.workstreams.current(planId, event.data.workstreamId);
        const ws = nextWorkstreamRow(currentWorkstream, event, change);
        if (ws) this.workstreams.write(ws, change, currentWorkstream);
      }
    } else if (isActionEvent(recorded)) {
      const event = recorded;
      const current = this.actions.current(event.data.actionId);
      const action = nextActionRow(current, event, change);
      if (action) this.actions.write(action, change, current);
      if (isStepEvent(event)) {
        const currentStep = this.steps.current(event.data.actionId, event.data.stepId);
        const step = nextStepRow(currentStep, event, change);
        if (step) this.steps.write(step, change, currentStep);
      }
    }
  }
}
