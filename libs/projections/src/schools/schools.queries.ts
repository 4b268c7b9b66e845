import type { Database, Statement } from 'better-sqlite3';
import type { SchemeCategory, SchemeKind, SchoolRow, SchoolTimelineEntry } from '@rag-ledger/contract';
import { dayOf, schoolStateOn, type ExistingScheme, type ExistingSchool, type SchoolEvent } from '@rag-ledger/domain';
import { toSchoolRow } from './school-rows';
import { schoolTimeline, type StoredSchoolEvent } from './school-timeline';

interface EventRow {
  position: number;
  urn: string;
  type: string;
  effective_on: string | null;
  recorded_at: string;
  actor: string;
  data: string;
}

interface SchemeRow {
  id: string;
  name: string;
  kind: SchemeKind;
  categories: string;
  revision: number;
}

/** A scheme as the register reads it: the domain's state with the stream's revision (for If-Match). */
export type RegisterScheme = ExistingScheme & { revision: number };

const stored = (row: EventRow): StoredSchoolEvent => ({
  position: row.position,
  event: { type: row.type, data: JSON.parse(row.data) } as SchoolEvent,
  effectiveOn: row.effective_on,
  at: row.recorded_at,
  by: JSON.parse(row.actor),
});

/**
 * The order a timeline tells: the registration first (it opens the school's file), then by the
 * day each change took effect, a change with no day of its own (a correction of details) on the
 * UK day it was recorded, then the log's order.
 */
const shownOn = (e: StoredSchoolEvent): string => (e.event.type === 'SchoolRegistered' ? '' : (e.effectiveOn ?? dayOf(new Date(e.at))));
const inTimelineOrder = (a: StoredSchoolEvent, b: StoredSchoolEvent): number => {
  const [x, y] = [shownOn(a), shownOn(b)];
  return x < y ? -1 : x > y ? 1 : a.position - b.position;
};

/**
 * Reads of the schools register. Each read folds the stored events of the schools it is about
 * (see SchoolsProjection for why that is the right cost at a council's size), so "as at a UK
 * day" always counts what was recorded late for an earlier day. `day` is a UK calendar day,
 * YYYY-MM-DD; without one, every event recorded (the register now, future openings included).
 */
export class SchoolsQueries {
  private readonly s: Record<'all' | 'ofSchool' | 'revision' | 'schemes' | 'lastPosition', Statement>;

  constructor(db: Database) {
    this.s = {
      all: db.prepare('SELECT position, urn, type, effective_on, recorded_at, actor, data FROM school_events ORDER BY position'),
      ofSchool: db.prepare('SELECT position, urn, type, effective_on, recorded_at, actor, data FROM school_events WHERE urn = ? ORDER BY position'),
      revision: db.prepare('SELECT revision FROM schools WHERE urn = ?').pluck(),
      schemes: db.prepare('SELECT id, name, kind, categories, revision FROM category_schemes ORDER BY id'),
      lastPosition: db.prepare('SELECT max(position) FROM (SELECT max(last_position) AS position FROM schools UNION ALL SELECT max(last_position) FROM category_schemes)').pluck(),
    };
  }

  /**
   * Every school registered by the day (opened by then, or with no opening day), open or not, by
   * URN; with `upTo`, from the log up to that position only (a meeting's pack, as it was issued).
   */
  schoolsOn(day?: string, upTo?: number): ExistingSchool[] {
    const byUrn = new Map<string, SchoolEvent[]>();
    for (const row of this.s.all.all() as EventRow[]) {
      if (upTo !== undefined && row.position > upTo) continue;
      const events = byUrn.get(row.urn) ?? [];
      events.push({ type: row.type, data: JSON.parse(row.data) } as SchoolEvent);
      byUrn.set(row.urn, events);
    }
    return [...byUrn.keys()]
      .sort()
      .map((urn) => schoolStateOn(byUrn.get(urn)!, day))
      .filter((state): state is ExistingSchool => state.exists);
  }

  /** One school as at the day, or undefined if it was not registered by then (or never). */
  school(urn: string, day?: string): ExistingSchool | undefined {
    const state = schoolStateOn(this.eventsOf(urn).map((e) => e.event), day);
    return state.exists ? state : undefined;
  }

  /**
   * The school's timeline as at the day, in words: what had happened by then (a correction by
   * the day it was recorded, though the state it corrects holds from the start), in the order
   * it happened. Empty when the school was not registered by the day.
   */
  timeline(urn: string, day?: string): SchoolTimelineEntry[] {
    if (!this.school(urn, day)) return [];
    const events = this.eventsOf(urn)
      .filter((e) => day === undefined || e.event.type === 'SchoolRegistered' || shownOn(e) <= day)
      .sort(inTimelineOrder);
    return schoolTimeline(events, this.schemes(), (at) => dayOf(new Date(at)));
  }

  /** The school stream's revision (what If-Match compares), or undefined for a URN never recorded. */
  revisionOf(urn: string): number | undefined {
    return (this.s.revision.get(urn) as number | undefined) ?? undefined;
  }

  /** The council's category and intervention-stage schemes as they now stand, by id. */
  schemes(): Map<string, RegisterScheme> {
    return new Map(
      (this.s.schemes.all() as SchemeRow[]).map((row) => [
        row.id,
        { exists: true, id: row.id, name: row.name, kind: row.kind, categories: JSON.parse(row.categories) as SchemeCategory[], revision: row.revision },
      ]),
    );
  }

  /** The register's rows as at the day (every school registered by then), by URN. */
  rowsOn(day: string): SchoolRow[] {
    const schemes = this.schemes();
    return this.schoolsOn(day).map((school) => toSchoolRow(school, day, schemes));
  }

  /** The log position of the last school or scheme event this read model holds, or null before the first. */
  lastPosition(): number | null {
    return (this.s.lastPosition.get() as number | null) ?? null;
  }

  private eventsOf(urn: string): StoredSchoolEvent[] {
    return (this.s.ofSchool.all(urn) as EventRow[]).map(stored);
  }
}
