import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { aggregateStream } from '../aggregate-stream';
import {
  DuplicateEventIdError,
  EventStoreClosedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ExpectedRevision,
  type Position,
  type AggregatedStream,
  type AggregateStreamOptions,
  type EventShape,
  type ReadAllOptions,
  type RecordedEventOf,
  type StreamFold,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamRevision,
  type SubscribeToAllOptions,
  appendedEvents,
} from '../event-store.port';
import { chainedEvent } from '../hash-chain';
import type { StoreIdentity } from '../store-identity';
import type { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { AppendSignal } from './append-signal';
import { BackgroundCheckpointer, type BackgroundCheckpointerOptions } from './background-checkpointer';
import { rowToRecordedEvent, type EventRow } from './event-row';
import { compileFilter, type CompiledFilter } from './filter-sql';
import { GroupCommit } from './group-commit';
import { EVENT_LOG_MIGRATIONS, migrate } from './migrations';
import { SqliteAllSubscription } from './sqlite-all-subscription';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for tests that need no durability. */
  filename: string;
  /**
   * FULL (default) makes every acknowledged append survive an operating-system
   * crash; NORMAL survives a process kill but may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often a caught-up subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  /** Rows read per page by readAll and subscriptions. */
  pageSize?: number;
  /** How long a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
  /** Checkpoint the write-ahead log from a worker thread instead of inside commits (for a server). */
  backgroundCheckpoints?: Omit<BackgroundCheckpointerOptions, 'synchronous'>;
  /** Old shapes of events turned into the current ones on every read (unless `raw`); appends stamped with their version. */
  upcasters?: UpcasterRegistry;
}

/** One stream's events, with ids, as the group commit writes them. */
interface PendingAppend {
  streamId: string;
  events: EventData[];
  expected: ExpectedRevision;
}

/** The embedded event store: EventStoreDB's semantics on one SQLite file in WAL mode. */
export class SqliteEventStore implements EventStore {
  /** A multi-stream append is one item of the group commit, on one savepoint: all or nothing. */
  readonly atomicMultiStreamAppend = true;
  /** Each append computes its events' links of the hash chain, in the same transaction. */
  readonly keepsHashChain = true;
  readonly db: Database;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<SqliteAllSubscription>();
  private closed = false;
  private storeIdentity: StoreIdentity | undefined;
  private readonly checkpointer: BackgroundCheckpointer | undefined;
  private readonly upcasters: UpcasterRegistry | undefined;
  private readonly stmt: {
    byId: Statement<[string], Pick<EventRow, 'stream_id' | 'revision' | 'position' | 'id'>>;
    streamRange: Statement<[string, number, number], Pick<EventRow, 'revision' | 'position' | 'id'>>;
    lastRevision: Statement<[string], { revision: number | null }>;
    insert: Statement<[number, string, number, string, string, string, string, number, string]>;
    lastHash: Statement<[], { hash: string | null }>;
    sequence: Statement<[], { seq: number }>;
    head: Statement<[], { position: number | null }>;
  };
  private readonly appends: GroupCommit<PendingAppend[], AppendResult[]>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new BetterSqlite3(options.filename);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    migrate(this.db, EVENT_LOG_MIGRATIONS);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.pageSize = options.pageSize ?? 2_000;
    this.upcasters = options.upcasters;
    this.stmt = {
      byId: this.db.prepare('SELECT stream_id, revision, position, id FROM events WHERE id = ?'),
      streamRange: this.db.prepare(
        'SELECT revision, position, id FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? ORDER BY revision',
      ),
      lastRevision: this.db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (position, stream_id, revision, id, type, data, metadata, created, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      lastHash: this.db.prepare('SELECT hash FROM events ORDER BY position DESC LIMIT 1'),
      sequence: this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      head: this.db.prepare('SELECT max(position) AS position FROM events'),
    };
    if (options.backgroundCheckpoints && options.filename !== ':memory:') {
      this.checkpointer = new BackgroundCheckpointer(this.db, options.filename, {
        ...options.backgroundCheckpoints,
        synchronous: options.synchronous ?? 'FULL',
      });
    }
    this.appends = new GroupCommit(
      this.db,
      (appends) => appends.map(({ streamId, events, expected }) => this.appendInTransaction(streamId, events, expected)),
      () => this.signal.notify(),
    );
  }

  async appendToStream(
    streamId: string,
    eventOrEvents: EventData | EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const [result] = await this.appends.submit([this.pendingAppend(streamId, eventOrEvents, options.expectedRevision)]);
    return result;
  }

  /**
   * All or nothing: the appends go to the group commit as one item, so they share the
   * batch's transaction on one savepoint. A wrong expected revision or a duplicate id on
   * any stream fails the whole call with that error and writes nothing.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const pending = appends.map((a) => this.pendingAppend(a.streamId, a.events, a.expectedRevision));
    if (pending.length === 0) return [];
    return this.appends.submit(pending);
  }

  private pendingAppend(streamId: string, eventOrEvents: EventData | EventData[], expected: ExpectedRevision | undefined): PendingAppend {
    const pending = pendingAppend(streamId, eventOrEvents, expected);
    const upcasters = this.upcasters;
    // Stamped before the hash is computed: the chain covers the version like the rest of the metadata.
    return upcasters ? { ...pending, events: pending.events.map((e) => upcasters.stamp(e)) } : pending;
  }

  /** A stored row as the port's event: in its current shape, or as stored for a raw read. */
  private reader(raw: boolean | undefined): (row: EventRow) => RecordedEvent {
    const upcasters = this.upcasters;
    if (!upcasters || raw) return rowToRecordedEvent;
    return (row) => upcasters.upcast(rowToRecordedEvent(row));
  }

  private appendInTransaction(streamId: string, events: EventData[], expected: ExpectedRevision): AppendResult {
    const retried = this.findRetriedAppend(streamId, events);
    if (retried) return retried;

    const last = this.stmt.lastRevision.get(streamId)?.revision;
    const actual = last === null || last === undefined ? undefined : BigInt(last);
    if (!revisionMatches(expected, actual)) {
      throw new WrongExpectedVersionError(streamId, expected, actual);
    }
    let revision = actual === undefined ? 0 : Number(actual) + 1;
    // Positions are given explicitly (the next AUTOINCREMENT value) because each
    // event's hash covers its position and chains it to the event before it.
    let position = this.stmt.sequence.get()?.seq ?? 0;
    let previousHash = this.stmt.lastHash.get()?.hash ?? null;
    const now = Date.now();
    for (const event of events) {
      position++;
      // Data and metadata are encoded once, for the row and for the hash.
      const row = chainedEvent({ position, streamId, revision, type: event.type, data: event.data, metadata: event.metadata }, previousHash);
      try {
        this.stmt.insert.run(position, streamId, revision, event.id as string, event.type, row.data, row.metadata, now, row.hash);
      } catch (error) {
        // The unique index on ids finds an id already stored (elsewhere in the log, or
        // earlier in this append) in the same step as the insert, instead of one look-up per
        // event first; throwing rolls back the events of this append already inserted.
        const found = isUniqueViolation(error) ? this.stmt.byId.get(event.id as string) : undefined;
        throw found ? new DuplicateEventIdError(found.id, found.stream_id) : error;
      }
      previousHash = row.hash;
      revision++;
    }
    return { nextExpectedRevision: BigInt(revision - 1), position: BigInt(position) };
  }

  /**
   * A client that lost the reply to an append sends it again with the same event
   * ids. Like EventStoreDB, answer with the original result and store nothing.
   */
  private findRetriedAppend(streamId: string, events: EventData[]): AppendResult | undefined {
    const first = this.stmt.byId.get(events[0].id as string);
    // A later event whose id is already stored fails at its insert (appendInTransaction).
    if (!first) return undefined;
    if (first.stream_id !== streamId) throw new DuplicateEventIdError(first.id, first.stream_id);
    const stored = this.stmt.streamRange.all(streamId, first.revision, first.revision + events.length - 1);
    const sameAppend = stored.length === events.length && stored.every((row, i) => row.id === events[i].id);
    if (!sameAppend) throw new DuplicateEventIdError(first.id, streamId);
    const lastStored = stored[stored.length - 1];
    return { nextExpectedRevision: BigInt(lastStored.revision), position: BigInt(lastStored.position) };
  }

  readStream<E extends EventShape = EventShape>(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEventOf<E>> {
    this.assertOpen();
    const toEvent = this.reader(options.raw) as (row: EventRow) => RecordedEventOf<E>;
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const maxCount = options.maxCount === undefined ? -1 : Number(options.maxCount);
    const sql =
      `SELECT * FROM events WHERE stream_id = ?` +
      (from === START || from === END ? '' : backwards ? ' AND revision <= ?' : ' AND revision >= ?') +
      ` ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
    const params: (string | number)[] = [streamId];
    if (from !== START && from !== END) params.push(Number(from));
    params.push(maxCount);
    const store = this;
    return {
      async *[Symbol.asyncIterator]() {
        store.assertOpen();
        const rows = store.prepared(sql).all(...params) as EventRow[];
        if (rows.length === 0 && store.stmt.lastRevision.get(streamId)?.revision == null) {
          throw new StreamNotFoundError(streamId);
        }
        for (const row of rows) yield toEvent(row);
      },
    };
  }

  readAll<E extends EventShape = EventShape>(options: ReadAllOptions = {}): AsyncIterable<RecordedEventOf<E>> {
    this.assertOpen();
    const toEvent = this.reader(options.raw) as (row: EventRow) => RecordedEventOf<E>;
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    let remaining = options.maxCount === undefined ? Infinity : Number(options.maxCount);
    const store = this;
    const pageSize = this.pageSize;
    const page = backwards
      ? this.prepared('SELECT * FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?')
      : this.prepared('SELECT * FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?');
    return {
      async *[Symbol.asyncIterator]() {
        let cursor: number =
          from === START ? (backwards ? -1 : 0) : from === END ? (backwards ? Number.MAX_SAFE_INTEGER : Infinity) : Number(from);
        if (cursor === Infinity || cursor < 0) return;
        while (remaining > 0) {
          store.assertOpen();
          const rows = page.all(cursor, Math.min(pageSize, remaining)) as EventRow[];
          for (const row of rows) yield toEvent(row);
          remaining -= rows.length;
          if (rows.length < pageSize) return;
          cursor = backwards ? rows[rows.length - 1].position - 1 : rows[rows.length - 1].position + 1;
        }
      },
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const from = options.fromPosition ?? START;
    const start = from === START ? 0 : from === END ? Number(this.stmt.head.get()?.position ?? 0) : Number(from);
    const subscription = new SqliteAllSubscription({
      afterPosition: start,
      filter: compileFilter(options.filter),
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      signal: this.signal,
      readPage: (after, upTo, filter, limit) => this.readPage(after, upTo, filter, limit),
      toEvent: this.reader(options.raw),
      head: () => Number(this.stmt.head.get()?.position ?? 0),
      onClose: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  aggregateStream<State, E extends EventShape>(
    streamId: string,
    fold: StreamFold<State, E>,
    options?: AggregateStreamOptions<State>,
  ): Promise<AggregatedStream<State>> {
    this.assertOpen();
    return aggregateStream(this, streamId, fold, options);
  }

  private readonly statements = new Map<string, Statement>();

  /** Statements are prepared once: commands read their stream, and subscriptions pages, on every call. */
  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private readPage(after: number, upTo: number, filter: CompiledFilter, limit: number): EventRow[] {
    const stmt = this.prepared(`SELECT * FROM events WHERE position > ? AND position <= ?${filter.where} ORDER BY position LIMIT ?`);
    return stmt.all(after, upTo, ...filter.params, limit) as EventRow[];
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const head = this.stmt.head.get()?.position;
    return head === null || head === undefined ? undefined : BigInt(head);
  }

  /** Generated by the migration that created the table, and kept in the file (see migrations.ts). */
  async identity(): Promise<StoreIdentity> {
    this.assertOpen();
    this.storeIdentity ??= { kind: 'sqlite', id: this.db.prepare<[], { id: string }>('SELECT id FROM store_identity').get()!.id };
    return this.storeIdentity;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.appends.flush();
    this.closed = true;
    await this.checkpointer?.stop();
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function pendingAppend(streamId: string, eventOrEvents: EventData | EventData[], expected: ExpectedRevision | undefined): PendingAppend {
  const events = appendedEvents(eventOrEvents).map((e) => (e.id ? e : { ...e, id: randomUUID() }));
  return { streamId, events, expected: expected ?? ANY };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function revisionMatches(expected: ExpectedRevision, actual: StreamRevision | undefined): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return actual === undefined;
  if (expected === STREAM_EXISTS) return actual !== undefined;
  return actual === expected;
}
