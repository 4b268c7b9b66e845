import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  at: string;
  actor: { id: string; name: string; role: string };
  planId: string | null;
  actionId: string | null;
  /** The person a directory event is about (added, granted or revoked a right, deactivated...). */
  personId: string | null;
  data: Record<string, unknown>;
  reason: string | null;
  correlationId: string | null;
  causationId: string | null;
}

export interface AuditFilter {
  planId?: string;
  actionId?: string;
  /** The person a directory event is about: who was granted or revoked what. */
  personId?: string;
  actor?: string;
  type?: string;
  /** Inclusive lower bound on the time of the change (ISO). */
  from?: string;
  /** Inclusive upper bound on the time of the change (ISO). */
  to?: string;
  /** The position of the last entry of the previous page. */
  cursor?: number;
  limit?: number;
}

export interface AuditRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  at: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  plan_id: string | null;
  action_id: string | null;
  person_id: string | null;
  data: string;
  reason: string | null;
  correlation_id: string | null;
  causation_id: string | null;
}

export const AUDIT_PAGE_MAX = 500;

/** One event of an action's or a measure's history, as the history routes answer it. */
export const toHistoryEntry = ({ position, revision, type, at, actor, data, reason }: AuditEntry) => ({ position, revision, type, at, actor, data, reason });

export class AuditTrailQueries {
  constructor(private readonly db: Database) {}

  /** A page of the trail in log order, and the cursor of the next page when there is one. */
  page(filter: AuditFilter): { items: AuditEntry[]; nextCursor: number | null } {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), AUDIT_PAGE_MAX);
    const clauses: string[] = ['position > @cursor'];
    if (filter.planId !== undefined) clauses.push('plan_id = @planId');
    if (filter.actionId !== undefined) clauses.push('action_id = @actionId');
    if (filter.personId !== undefined) clauses.push('person_id = @personId');
    if (filter.actor !== undefined) clauses.push('actor_id = @actor');
    if (filter.type !== undefined) clauses.push('type = @type');
    if (filter.from !== undefined) clauses.push('at >= @from');
    if (filter.to !== undefined) clauses.push('at <= @to');
    const rows = this.db
      .prepare(`SELECT * FROM audit_events WHERE ${clauses.join(' AND ')} ORDER BY position LIMIT @limit`)
      .all({ ...filter, cursor: filter.cursor ?? 0, limit: limit + 1 }) as AuditRow[];
    const items = rows.slice(0, limit).map(AuditTrailQueries.toEntry);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].position : null };
  }

  /** Every event of one measure, in order. */
  measureHistory(measureId: string): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_events WHERE measure_id = ? ORDER BY position').all(measureId) as AuditRow[]).map(AuditTrailQueries.toEntry);
  }

  /** Every event of one milestone, in order (its evidence among them). */
  milestoneHistory(milestoneId: string): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_events WHERE milestone_id = ? ORDER BY position').all(milestoneId) as AuditRow[]).map(AuditTrailQueries.toEntry);
  }

  /** Every event of one action, in order. */
  actionHistory(actionId: string): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_events WHERE action_id = ? ORDER BY position').all(actionId) as AuditRow[]).map(AuditTrailQueries.toEntry);
  }

  /** Every event of a plan in a period (inclusive ISO instants), in log order. */
  planEvents(planId: string, from: string | undefined, to: string): AuditEntry[] {
    return (
      this.db.prepare('SELECT * FROM audit_events WHERE plan_id = ? AND at >= ? AND at <= ? ORDER BY position').all(planId, from ?? '', to) as AuditRow[]
    ).map(AuditTrailQueries.toEntry);
  }

  /** The evidence events of a plan up to an instant (inclusive ISO), from the first: every document's story to then, in log order. */
  planEvidenceEvents(planId: string, to: string): AuditEntry[] {
    return (
      this.db
        .prepare(`SELECT * FROM audit_events WHERE plan_id = ? AND type IN ('EvidenceAttached', 'EvidenceWithdrawn', 'EvidenceErased') AND at <= ? ORDER BY position`)
        .all(planId, to) as AuditRow[]
    ).map(AuditTrailQueries.toEntry);
  }

  /**
   * The SHA-256 of every file erased, in any plan, as the log stands now, with the position of
   * its last erasure: the document store keeps one copy of the same bytes, so erasing one
   * document's file erases it for every document attached before (the same bytes attached
   * again later are a new copy).
   */
  evidenceErasures(): Map<string, number> {
    const rows = this.db
      .prepare(`SELECT json_extract(data, '$.sha256') AS sha256, max(position) AS position FROM audit_events WHERE type = 'EvidenceErased' GROUP BY 1`)
      .all() as { sha256: string; position: number }[];
    return new Map(rows.map((row) => [row.sha256, row.position]));
  }

  /** The position of the last event recorded at or before an instant: where a report as at that instant stands in the log. */
  positionAt(instant: string): number | null {
    const row = this.db.prepare('SELECT max(position) AS position FROM audit_events WHERE at <= ?').get(instant) as { position: number | null };
    return row.position;
  }

  static toEntry(row: AuditRow): AuditEntry {
    return {
      position: row.position,
      streamId: row.stream_id,
      revision: row.revision,
      eventId: row.event_id,
      type: row.type,
      at: row.at,
      actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
      planId: row.plan_id,
      actionId: row.action_id,
      personId: row.person_id,
      data: JSON.parse(row.data),
      reason: row.reason,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    };
  }
}
