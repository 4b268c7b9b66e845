import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@rag-ledger/event-store';

/**
 * A read model kept in SQLite. Projections are deterministic: they take time
 * from the events' metadata, never from the clock, so a rebuild from the log
 * reproduces them exactly.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the tables or the way events are applied change: the read model is then rebuilt. */
  readonly version: number;
  /** Creates the tables if absent and prepares statements. */
  setup(db: Database): void;
  /** Drops the tables. */
  teardown(db: Database): void;
  /** Applies one event; runs inside the runner's transaction with the checkpoint. */
  apply(event: RecordedEvent): void;
}
