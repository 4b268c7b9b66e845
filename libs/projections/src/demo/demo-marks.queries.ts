import type { Database } from 'better-sqlite3';

/** What the log holds of demonstration data (see DemoMarksProjection). */
export interface DemoMarks {
  /** Whether any event is marked as demo data. */
  demo: boolean;
  /** How many are. */
  events: number;
  /** The log positions of the first and the last of them (null without any). */
  firstPosition: number | null;
  lastPosition: number | null;
  /** The latest time among them (their simulated clock's), null without any. */
  lastAt: string | null;
}

export class DemoMarksQueries {
  constructor(private readonly db: Database) {}

  marks(): DemoMarks {
    const row = this.db.prepare('SELECT events, first_position, last_position, last_at FROM demo_marks WHERE id = 1').get() as
      | { events: number; first_position: number; last_position: number; last_at: string }
      | undefined;
    return row
      ? { demo: true, events: row.events, firstPosition: row.first_position, lastPosition: row.last_position, lastAt: row.last_at || null }
      : { demo: false, events: 0, firstPosition: null, lastPosition: null, lastAt: null };
  }
}
