import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@rag-ledger/event-store';
import type { ReadModelSchema } from './read-model-database';

/**
 * How a read model is being written. `live`: event by event as they are appended, every
 * index kept up to date. `bulk`: a rebuild into a fresh file that nobody reads until it is
 * finished, so secondary indexes are built once at the end and rows that change many
 * times may be held in memory and written once.
 */
export type LoadMode = 'live' | 'bulk';

/**
 * A read model kept in SQLite. Projections are deterministic: they take time
 * from the events' metadata, never from the clock, so a rebuild from the log
 * reproduces them exactly.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the tables or the way events are applied change: the read model is then rebuilt. */
  readonly version: number;
  /** The file its tables and checkpoint are in (see openReadModelDatabase); `main` if absent. */
  readonly schema?: ReadModelSchema;
  /** Creates the tables if absent and prepares statements (in `bulk`, without secondary indexes). */
  setup(db: Database, mode?: LoadMode): void;
  /** Drops the tables. */
  teardown(db: Database): void;
  /** Applies one event; runs inside the runner's transaction with the checkpoint. */
  apply(event: RecordedEvent): void;
  /** Ends a bulk load: writes what was held in memory and builds the indexes. Runs in the last transaction. */
  finishBulkLoad(db: Database): void;
}

/** The schema (file) a projection's tables and checkpoint are in. */
export const schemaOf = (projection: Projection): ReadModelSchema => projection.schema ?? 'main';
