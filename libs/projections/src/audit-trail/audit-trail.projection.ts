import type { Database, Statement } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import {
  assertUnreachable,
  isEvidenceEvent,
  isMeetingRecordEvent,
  isPersonEvent,
  isTrackerEvent,
  meetingRecordEventTypes,
  trackerEventTypes,
  type MeetingRecordEvent,
  type MeetingRecordEventType,
  type TrackerEvent,
  type TrackerEventType,
} from '../tracker-events';

/** The types the trail records: every tracker event, and the boards', meetings' and board actions' (who issued which pack, who agreed what, who was reminded). */
export type AuditedEventType = TrackerEventType | MeetingRecordEventType;
export const auditedEventTypes: readonly AuditedEventType[] = [...trackerEventTypes, ...meetingRecordEventTypes];

// Each index ends with the row id, which is the position: (plan_id) is ordered as (plan_id, position).
// Only measure events have a measure, milestone events a milestone, and only the directory's events a person: those indexes hold those rows alone.
const INDEXES = `
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_plan ON audit_events (plan_id);
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_action ON audit_events (action_id);
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_measure ON audit_events (measure_id) WHERE measure_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_actor ON audit_events (actor_id);
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_type ON audit_events (type);
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_time ON audit_events (at);
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_person ON audit_events (person_id) WHERE person_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS audit_trail.audit_by_milestone ON audit_events (milestone_id) WHERE milestone_id IS NOT NULL;`;

/**
 * One row per event: who, when, what and why, indexed the ways auditors ask
 * (by plan, action, person, kind of change and period). The event's own data is
 * kept whole, so the trail says everything the log says.
 */
export class AuditTrailProjection implements Projection<AuditedEventType> {
  readonly name = 'audit-trail';
  readonly version = 7;
  /** Every event of the plans, actions, measures and evidence, of the directory of people (who granted what to whom), and of the boards and their meetings. */
  readonly handles = auditedEventTypes;
  readonly schema = 'audit_trail';
  private insert!: Statement;

  setup(db: Database, mode: LoadMode = 'live'): void {
    // Up to version 2 the trail was kept in the main file, where it would hide this one.
    db.exec('DROP TABLE IF EXISTS main.audit_events');
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_trail.audit_events (
        position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
        type TEXT NOT NULL, at TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_role TEXT NOT NULL,
        plan_id TEXT, action_id TEXT, measure_id TEXT, person_id TEXT, milestone_id TEXT, data TEXT NOT NULL, reason TEXT,
        correlation_id TEXT, causation_id TEXT, idempotency_key TEXT
      );
    `);
    // In a bulk load the indexes are built once, at the end: far cheaper than keeping six up to date row by row.
    if (mode === 'live') db.exec(INDEXES);
    this.insert = db.prepare(`INSERT INTO audit_trail.audit_events (position, stream_id, revision, event_id, type, at, actor_id, actor_name,
        actor_role, plan_id, action_id, measure_id, person_id, milestone_id, data, reason, correlation_id, causation_id, idempotency_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS audit_trail.audit_events');
  }

  finishBulkLoad(db: Database): void {
    db.exec(INDEXES);
  }

  apply(event: RecordedEvent): void {
    const meetingRecord = isMeetingRecordEvent(event);
    if (!isTrackerEvent(event) && !meetingRecord) return;
    const metadata = event.metadata as Partial<EventMetadata>;
    const data = (event.data ?? {}) as Record<string, unknown>;
    const reason = reasonOf(event);
    const actor = metadata.actor;
    // A right over a plan (PlanOwnershipGranted) names the plan, but it is the directory's event,
    // not the plan's: it is found by its person, and the plan's evidence and changes stay the plan's own.
    const person = isPersonEvent(event);
    // Evidence names its action, measure or milestone in its subject: the trail of an action lists the files attached to it.
    const subject = isEvidenceEvent(event) ? event.data.subject : undefined;
    this.insert.run(
      Number(event.position),
      event.streamId,
      Number(event.revision),
      event.id,
      event.type,
      metadata.at ?? event.created.toISOString(),
      actor?.id ?? 'unknown',
      actor?.name ?? 'unknown',
      actor?.role ?? 'unknown',
      // A board's events name no one plan (a board reviews several): the plan's trail stays the plan's own.
      !person && !meetingRecord && typeof data.planId === 'string' ? data.planId : null,
      subject?.kind === 'action' ? subject.actionId : typeof data.actionId === 'string' ? data.actionId : null,
      subject?.kind === 'measure' ? subject.measureId : typeof data.measureId === 'string' ? data.measureId : null,
      person && typeof data.personId === 'string' ? data.personId : null,
      subject?.kind === 'milestone' ? subject.milestoneId : typeof data.milestoneId === 'string' ? data.milestoneId : null,
      JSON.stringify(data),
      reason,
      metadata.correlationId ?? null,
      metadata.causationId ?? null,
      metadata.idempotencyKey ?? null,
    );
  }
}

/** Why, in the words of whoever made the change: its reason, the note it came with, or the note itself. */
export function reasonOf(event: TrackerEvent | MeetingRecordEvent): string | null {
  switch (event.type) {
    case 'BoardRevised':
    case 'MeetingRescheduled':
    case 'BoardActionClosed':
      return textOrNull(event.data.reason);
    case 'BoardActionResponded':
      return textOrNull(event.data.text);
    case 'BoardEstablished':
    case 'MeetingScheduled':
    case 'PackIssued':
    case 'RemindersSent':
    case 'BoardActionAgreed':
      return null;
    case 'ActionRagChanged':
    case 'ActionTargetDateRevised':
    case 'ActionOwnersReassigned':
    case 'ActionReopened':
    case 'ActionWithdrawn':
    case 'ActionDetailsRevised':
    case 'PlanVersionRefreshed':
    case 'WorkstreamRevised':
    case 'MeasureValueRevised':
    case 'MeasureRagOverridden':
    case 'MeasurePredictionRecorded':
    case 'PersonDetailsRevised':
    case 'RoleGranted':
    case 'RoleRevoked':
    case 'PlanOwnershipGranted':
    case 'PlanOwnershipRevoked':
    case 'SchoolRightGranted':
    case 'SchoolRightRevoked':
    case 'PersonDeactivated':
    case 'PersonReactivated':
    case 'EvidenceWithdrawn':
    case 'EvidenceErased':
    case 'ActionStepReopened':
    case 'ActionStepRevised':
    case 'MilestoneRevised':
    case 'MilestoneAssessed':
      return textOrNull(event.data.reason);
    case 'EvidenceAttached':
      return textOrNull(event.data.description) || null;
    case 'ActionStarted':
    case 'ActionCompleted':
    case 'ActionStepCompleted':
      return textOrNull(event.data.note);
    case 'ActionProgressNoted':
      return textOrNull(event.data.text);
    case 'PlanCreated':
    case 'WorkstreamAdded':
    case 'ActionAdded':
    case 'ActionStepAdded':
    case 'MilestoneSet':
    case 'MeasureDefined':
    case 'MeasureTargetSet':
    case 'MeasureValueRecorded':
    case 'MeasureComparatorRecorded':
    case 'PersonAdded':
    case 'PersonInvited':
    case 'InvitationAccepted':
      return null;
    default:
      return assertUnreachable(event);
  }
}

/** The log may hold anything another writer put there: only text is a reason. */
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
