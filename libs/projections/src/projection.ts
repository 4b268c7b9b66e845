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
export interface Projection<Type extends string = string> {
  readonly name: string;
  /**
   * The event types it reads; it is given no others (the runner and the rebuild skip them).
   * The tracker's projections build theirs from the domain's unions (tracker-events.ts), so a
   * new event type is a compile error until each is told whether it reads it.
   */
  readonly handles: readonly Type[];
  /** Bump when the tables or the way events are applied change: the read model is then rebuilt. */
  readonly version: number;
  /** The file its tables and checkpoint are in (see openReadModelDatabase); `main` if absent. */
  readonly schema?: ReadModelSchema;
  /** Creates the tables if absent and prepares statements (in `bulk`, without secondary indexes). */
  setup(db: Database, mode?: LoadMode): void;
  /** Drops the tables. */
  teardown(db: Database): void;
  /** Applies one event of a type it handles; runs inside the runner's transaction with the checkpoint. */
  apply(event: RecordedEvent): void;
  /** Ends a bulk load: writes what was held in memory and builds the indexes. Runs in the last transaction. */
  finishBulkLoad(db: Database): void;
}

/** The schema (file) a projection's tables and checkpoint are in. */
export const schemaOf = (projection: Projection): ReadModelSchema => projection.schema ?? 'main';

const handled = new WeakMap<Projection, ReadonlySet<string>>();

/** Whether the projection reads events of this type (its `handles`, looked up in a set). */
export function readsType(projection: Projection, type: string): boolean {
  let types = handled.get(projection);
  if (!types) handled.set(projection, (types = new Set(projection.handles)));
  return types.has(type);
}
