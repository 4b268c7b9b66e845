import type { Database, Statement } from 'better-sqlite3';
import type { EventMetadata } from '@rag-ledger/domain';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { Projection } from '../projection';
import { categorySchemeEventTypes, meetingRecordEventTypes, schoolEventTypes, trackerEventTypes } from '../tracker-events';

/**
 * Whether the log holds demonstration data (events `npm run demo` wrote, marked `demo: true` in
 * their metadata), so the web board can say so on every page. One row, counted from the log:
 * a rebuild gives the same answer.
 */
export class DemoMarksProjection implements Projection<string> {
  readonly name = 'demo-marks';
  readonly version = 2;
  readonly handles: readonly string[] = [...trackerEventTypes, ...schoolEventTypes, ...categorySchemeEventTypes, ...meetingRecordEventTypes];
  private count!: Statement;

  setup(db: Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS demo_marks (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      events INTEGER NOT NULL,
      first_position INTEGER NOT NULL,
      last_position INTEGER NOT NULL,
      last_at TEXT NOT NULL
    )`);
    this.count = db.prepare(`INSERT INTO demo_marks (id, events, first_position, last_position, last_at) VALUES (1, 1, @position, @position, @at)
      ON CONFLICT (id) DO UPDATE SET events = events + 1, last_position = @position, last_at = max(last_at, @at)`);
  }

  finishBulkLoad(): void {}

  teardown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS demo_marks');
  }

  apply(recorded: RecordedEvent): void {
    const metadata = recorded.metadata as Partial<EventMetadata> | undefined;
    if (metadata?.demo !== true) return;
    this.count.run({ position: Number(recorded.position), at: metadata.at ?? '' });
  }
}
