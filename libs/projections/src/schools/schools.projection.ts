import type { Database, Statement } from 'better-sqlite3';
import { STREAM_CATEGORIES } from '@rag-ledger/contract';
import { evolveCategoryScheme, schoolEffectiveDay, type CategorySchemeState, type EventMetadata, type SchoolEvent } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { LoadMode, Projection } from '../projection';
import { categorySchemeEventTypes, isCategorySchemeEvent, isSchoolEvent, schoolEventTypes, type SchoolRecordEvent } from '../tracker-events';

/** The types this read model reads: every school and category-scheme event (kept apart from the plans' TrackerEvent). */
export type SchoolRecordEventType = SchoolRecordEvent['type'];

const TABLES = `
  CREATE TABLE IF NOT EXISTS school_events (
    position     INTEGER PRIMARY KEY,
    urn          TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    effective_on TEXT,
    recorded_at  TEXT NOT NULL,
    actor        TEXT NOT NULL,
    data         TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS schools (
    urn           TEXT PRIMARY KEY,
    revision      INTEGER NOT NULL,
    last_position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS category_schemes (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    categories    TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    last_position INTEGER NOT NULL
  );`;

const INDEXES = 'CREATE INDEX IF NOT EXISTS school_events_by_urn ON school_events (urn, position);';

/**
 * The schools register: every event of every school as it was recorded (its effective day,
 * when and by whom), each school's stream revision, and the council's category schemes as they
 * now stand. The register "as at a UK day" is not stored: it is the fold of a school's events
 * that had taken effect by that day (schoolStateOn), which a categorisation recorded today for
 * last September changes retrospectively, so SchoolsQueries folds the stored events per read.
 * A council holds some 450 schools with a few dozen events each: folding them all is a few
 * thousand small objects per request, cheaper to keep right than versioned rows by effective day.
 */
export class SchoolsProjection implements Projection<SchoolRecordEventType> {
  readonly name = 'schools';
  readonly version = 1;
  readonly handles: readonly SchoolRecordEventType[] = [...schoolEventTypes, ...categorySchemeEventTypes];
  private s!: Record<'event' | 'school' | 'scheme' | 'schemeRow', Statement>;

  setup(db: Database, mode: LoadMode = 'live'): void {
    db.exec(TABLES);
    // A bulk rebuild builds the index once, at the end (finishBulkLoad), as the other read models do.
    if (mode === 'live') db.exec(INDEXES);
    this.s = {
      event: db.prepare(`INSERT INTO school_events (position, urn, revision, type, effective_on, recorded_at, actor, data)
        VALUES (@position, @urn, @revision, @type, @effective_on, @recorded_at, @actor, @data)`),
      school: db.prepare(`INSERT INTO schools (urn, revision, last_position) VALUES (@urn, @revision, @position)
        ON CONFLICT (urn) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position`),
      scheme: db.prepare(`INSERT INTO category_schemes (id, name, kind, categories, revision, last_position)
        VALUES (@id, @name, @kind, @categories, @revision, @position)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, categories = excluded.categories,
          revision = excluded.revision, last_position = excluded.last_position`),
      schemeRow: db.prepare('SELECT id, name, kind, categories FROM category_schemes WHERE id = ?'),
    };
  }

  finishBulkLoad(db: Database): void {
    db.exec(INDEXES);
  }

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS school_events; DROP TABLE IF EXISTS schools; DROP TABLE IF EXISTS category_schemes;');
  }

  apply(recorded: RecordedEvent): void {
    const revision = Number(recorded.revision);
    const position = Number(recorded.position);
    if (isSchoolEvent(recorded)) {
      // The stream names the school (school-<urn>): its revision is what If-Match compares.
      const urn = recorded.streamId.slice(STREAM_CATEGORIES.school.length);
      const metadata = recorded.metadata as EventMetadata;
      const event = { type: recorded.type, data: recorded.data } as SchoolEvent;
      this.s.event.run({
        position,
        urn,
        revision,
        type: recorded.type,
        effective_on: schoolEffectiveDay(event) ?? null,
        recorded_at: metadata.at,
        actor: JSON.stringify(metadata.actor),
        data: JSON.stringify(recorded.data),
      });
      this.s.school.run({ urn, revision, position });
      return;
    }
    if (isCategorySchemeEvent(recorded)) {
      const id = recorded.streamId.slice(STREAM_CATEGORIES.scheme.length);
      const row = this.s.schemeRow.get(id) as { id: string; name: string; kind: string; categories: string } | undefined;
      const before: CategorySchemeState = row ? { exists: true, id: row.id, name: row.name, kind: row.kind as never, categories: JSON.parse(row.categories) } : { exists: false };
      const after = evolveCategoryScheme(before, { type: recorded.type, data: recorded.data } as never);
      // A revision of a scheme never defined changes nothing (the decider refuses it; an odd log is read the same way).
      if (!after.exists) return;
      this.s.scheme.run({ id, name: after.name, kind: after.kind, categories: JSON.stringify(after.categories), revision, position });
    }
  }
}
