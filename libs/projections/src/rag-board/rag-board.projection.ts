import type { Database, Statement } from 'better-sqlite3';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { ActionEvent, EventMetadata, PlanEvent } from '@rag-ledger/domain';
import type { Projection } from '../projection';

/**
 * The RAG board: plans, their work-streams and every action's current status,
 * the rows behind the boards, the exceptions list and an action's current state.
 */
export class RagBoardProjection implements Projection {
  readonly name = 'rag-board';
  readonly version = 3;
  private s!: Record<string, Statement>;

  setup(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS board_plans (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, board TEXT, version TEXT,
        period_start TEXT, period_end TEXT, created_at TEXT NOT NULL, last_changed_at TEXT NOT NULL,
        revision INTEGER NOT NULL, seq INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS board_workstreams (
        plan_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, accountable TEXT, responsible TEXT,
        project_manager TEXT, outcome TEXT, seq INTEGER NOT NULL, PRIMARY KEY (plan_id, id)
      );
      CREATE TABLE IF NOT EXISTS board_actions (
        id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, workstream_id TEXT NOT NULL, ref TEXT, title TEXT NOT NULL,
        owners TEXT NOT NULL, enabling_teams TEXT NOT NULL, target_date TEXT, target_date_text TEXT,
        measures TEXT, links TEXT NOT NULL, status TEXT NOT NULL, last_reason TEXT,
        created_at TEXT NOT NULL, last_changed_at TEXT NOT NULL, last_change TEXT NOT NULL,
        revision INTEGER NOT NULL, seq INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS board_actions_by_plan ON board_actions (plan_id, workstream_id, seq);
      CREATE INDEX IF NOT EXISTS board_actions_by_status ON board_actions (status, plan_id);
    `);
    this.s = {
      insertPlan: db.prepare(`INSERT INTO board_plans (id, kind, title, board, version, period_start, period_end, created_at, last_changed_at, revision, seq)
        VALUES (@id, @kind, @title, @board, @version, @periodStart, @periodEnd, @at, @at, @revision, @seq)`),
      touchPlan: db.prepare('UPDATE board_plans SET last_changed_at = @at, revision = @revision WHERE id = @id'),
      insertWorkstream: db.prepare(`INSERT INTO board_workstreams (plan_id, id, title, accountable, responsible, project_manager, outcome, seq)
        VALUES (@planId, @workstreamId, @title, @accountable, @responsible, @projectManager, @outcome, @seq)`),
      insertAction: db.prepare(`INSERT INTO board_actions (id, plan_id, workstream_id, ref, title, owners, enabling_teams, target_date,
          target_date_text, measures, links, status, last_reason, created_at, last_changed_at, last_change, revision, seq)
        VALUES (@actionId, @planId, @workstreamId, @ref, @title, @owners, @enablingTeams, @targetDate, @targetDateText, @measures,
          @links, 'W', NULL, @at, @at, 'ActionAdded', @revision, @seq)`),
      setStatus: db.prepare(`UPDATE board_actions SET status = @status, last_reason = @reason, last_changed_at = @at,
          last_change = @type, revision = @revision WHERE id = @id`),
      setTargetDate: db.prepare(`UPDATE board_actions SET target_date = @targetDate, target_date_text = @targetDateText, last_reason = @reason,
          last_changed_at = @at, last_change = @type, revision = @revision WHERE id = @id`),
      setOwners: db.prepare(`UPDATE board_actions SET owners = @owners, last_reason = @reason, last_changed_at = @at,
          last_change = @type, revision = @revision WHERE id = @id`),
      touchAction: db.prepare(`UPDATE board_actions SET last_changed_at = @at, last_change = @type, revision = @revision WHERE id = @id`),
      refreshPlan: db.prepare(`UPDATE board_plans SET version = coalesce(@version, version), title = coalesce(@title, title),
          board = coalesce(@board, board), period_start = coalesce(@periodStart, period_start), period_end = coalesce(@periodEnd, period_end),
          last_changed_at = @at, revision = @revision WHERE id = @id`),
      reviseWorkstream: db.prepare(`UPDATE board_workstreams SET title = coalesce(@title, title), accountable = coalesce(@accountable, accountable),
          responsible = coalesce(@responsible, responsible), project_manager = coalesce(@projectManager, project_manager),
          outcome = coalesce(@outcome, outcome) WHERE plan_id = @planId AND id = @workstreamId`),
      reviseAction: db.prepare(`UPDATE board_actions SET workstream_id = coalesce(@workstreamId, workstream_id), ref = coalesce(@ref, ref),
          title = coalesce(@title, title), enabling_teams = coalesce(@enablingTeams, enabling_teams),
          target_date_text = coalesce(@targetDateText, target_date_text), measures = coalesce(@measures, measures),
          links = coalesce(@links, links), last_reason = @reason, last_changed_at = @at, last_change = @type, revision = @revision WHERE id = @id`),
    };
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS board_plans; DROP TABLE IF EXISTS board_workstreams; DROP TABLE IF EXISTS board_actions;');
  }

  apply(recorded: RecordedEvent): void {
    const event = recorded as unknown as RecordedEvent & (PlanEvent | ActionEvent);
    const at = (recorded.metadata as EventMetadata).at;
    const revision = Number(recorded.revision);
    const seq = Number(recorded.position);
    const type = event.type;
    switch (event.type) {
      case 'PlanCreated': {
        const d = event.data;
        this.s.insertPlan.run({
          id: d.planId, kind: d.kind, title: d.title, board: d.board ?? null, version: d.version ?? null,
          periodStart: d.periodStart ?? null, periodEnd: d.periodEnd ?? null, at, revision, seq,
        });
        return;
      }
      case 'WorkstreamAdded': {
        const d = event.data;
        this.s.insertWorkstream.run({
          planId: d.planId, workstreamId: d.workstreamId, title: d.title, accountable: d.accountable ?? null,
          responsible: d.responsible ?? null, projectManager: d.projectManager ?? null, outcome: d.outcome ?? null, seq,
        });
        this.s.touchPlan.run({ id: d.planId, at, revision });
        return;
      }
      case 'ActionAdded': {
        const d = event.data;
        this.s.insertAction.run({
          actionId: d.actionId, planId: d.planId, workstreamId: d.workstreamId, ref: d.ref ?? null, title: d.title,
          owners: JSON.stringify(d.owners), enablingTeams: JSON.stringify(d.enablingTeams), targetDate: d.targetDate ?? null,
          targetDateText: d.targetDateText ?? null, measures: d.measures ?? null, links: JSON.stringify(d.links), at, revision, seq,
        });
        return;
      }
      case 'ActionStarted':
        return void this.s.setStatus.run({ id: event.data.actionId, status: event.data.rag, reason: event.data.note ?? null, at, type, revision });
      case 'ActionRagChanged':
        return void this.s.setStatus.run({ id: event.data.actionId, status: event.data.to, reason: event.data.reason, at, type, revision });
      case 'ActionCompleted':
        return void this.s.setStatus.run({ id: event.data.actionId, status: 'B', reason: event.data.note ?? null, at, type, revision });
      case 'ActionReopened':
        return void this.s.setStatus.run({ id: event.data.actionId, status: event.data.rag, reason: event.data.reason, at, type, revision });
      case 'ActionWithdrawn':
        return void this.s.setStatus.run({ id: event.data.actionId, status: 'withdrawn', reason: event.data.reason, at, type, revision });
      case 'ActionTargetDateRevised':
        return void this.s.setTargetDate.run({ id: event.data.actionId, targetDate: event.data.to, targetDateText: event.data.targetDateText ?? null, reason: event.data.reason, at, type, revision });
      case 'ActionOwnersReassigned':
        return void this.s.setOwners.run({ id: event.data.actionId, owners: JSON.stringify(event.data.to), reason: event.data.reason, at, type, revision });
      case 'ActionProgressNoted':
        return void this.s.touchAction.run({ id: event.data.actionId, at, type, revision });
      case 'PlanVersionRefreshed': {
        const d = event.data;
        return void this.s.refreshPlan.run({
          id: d.planId, version: d.version ?? null, title: d.title ?? null, board: d.board ?? null,
          periodStart: d.periodStart ?? null, periodEnd: d.periodEnd ?? null, at, revision,
        });
      }
      case 'WorkstreamRevised': {
        const c = event.data.changes;
        this.s.reviseWorkstream.run({
          planId: event.data.planId, workstreamId: event.data.workstreamId, title: c.title ?? null, accountable: c.accountable ?? null,
          responsible: c.responsible ?? null, projectManager: c.projectManager ?? null, outcome: c.outcome ?? null,
        });
        return void this.s.touchPlan.run({ id: event.data.planId, at, revision });
      }
      case 'ActionDetailsRevised': {
        const c = event.data.changes;
        const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
        return void this.s.reviseAction.run({
          id: event.data.actionId, workstreamId: c.workstreamId ?? null, ref: c.ref ?? null, title: c.title ?? null,
          enablingTeams: json(c.enablingTeams), targetDateText: c.targetDateText ?? null, measures: c.measures ?? null,
          links: json(c.links), reason: event.data.reason, at, type, revision,
        });
      }
    }
  }
}
