import type { Database, Statement } from 'better-sqlite3';
import type { LoadMode } from './projection';
import type { Change } from './rag-board/board-rows';

/**
 * A part of a row kept in a history table of its own, `<name>_versions`: the key and these
 * columns, one version each time one of them changes.
 */
export interface HistoryPart<Row> {
  name: string;
  columns: Array<keyof Row & string>;
}

/**
 * A current table, and its history: every version of every row, from the time of the event that made it.
 * A row whose columns change at different rates may keep its history in parts (an action's status
 * changes with nearly every event, its title and owners seldom), each part versioned only when it
 * changes; the row at an instant is the version of each part current then. In a bulk load the current
 * rows are held in memory and written once at the end, in the order of their last change (the
 * order a live REPLACE leaves them in).
 *
 * The version current at an instant is decided by the log, not by a clock: among the versions
 * whose time is not after the instant, the one latest in the log. A clock stepped back (or two
 * API nodes whose clocks disagree) gives a later event an earlier time, and choosing by time
 * would bring a superseded version back into the past board for good. Times nearly always rise
 * with the log, and then the latest by time is the latest in the log, found by one seek; a
 * version whose time is earlier than an earlier version's of the same row is marked
 * `out_of_order`, and the few such are looked at besides (see `versionAsOf`).
 */
/**
 * The parameters every statement built on `VersionedTable.versionAsOf` takes: the instant, and
 * the last log position the answer may include (every position when the read gives none).
 */
export function asOfBounds(when: { asOf?: string; upTo?: number }): { asOf: string | undefined; upTo: number } {
  return { asOf: when.asOf, upTo: when.upTo ?? Number.MAX_SAFE_INTEGER };
}

export class VersionedTable<Row extends object> {
  private readonly upsert: Statement;
  private readonly get: Statement;
  private readonly parts: Array<{
    columns: Array<keyof Row & string>;
    insert: Statement;
    /** The latest time among the part's versions of a row: live, from its index; in bulk, held here. */
    latestTime: Statement | Map<string, string>;
  }>;
  private readonly held: Map<string, Row> | undefined;

  constructor(
    db: Database,
    table: string,
    private readonly columns: Array<keyof Row & string>,
    private readonly key: Array<keyof Row & string>,
    mode: LoadMode = 'live',
    /** The history's parts; by default one, `<table>_versions`, with every column. */
    history: Array<HistoryPart<Row>> = [{ name: table, columns: columns.filter((c) => !key.includes(c)) }],
  ) {
    const names = columns.join(', ');
    const params = columns.map(() => '?').join(', ');
    const byKey = key.map((k) => `${k} = ?`).join(' AND ');
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${table} (${names}) VALUES (${params})`);
    this.get = db.prepare(`SELECT ${names} FROM ${table} WHERE ${byKey}`);
    this.parts = history.map((part) => {
      const partColumns = [...key, ...part.columns];
      return {
        columns: part.columns,
        insert: db.prepare(
          `INSERT INTO ${part.name}_versions (valid_from, position, out_of_order, ${partColumns.join(', ')}) VALUES (?, ?, ?, ${partColumns.map(() => '?').join(', ')})`,
        ),
        latestTime: mode === 'bulk' ? new Map() : db.prepare(`SELECT max(valid_from) FROM ${part.name}_versions WHERE ${byKey}`).pluck(),
      };
    });
    this.held = mode === 'bulk' ? new Map() : undefined;
  }

  /**
   * The current table and a history table. The history is a plain rowid table that only
   * ever grows at its end, found through an index on (key, valid_from, position): appending is
   * cheap, and a bulk load builds the index once instead of splitting a wide clustered B-tree.
   */
  static schema(table: string, columns: string, key: string[]): string {
    return `
      CREATE TABLE IF NOT EXISTS ${table} (${columns}, PRIMARY KEY (${key.join(', ')}));
      ${VersionedTable.historySchema(table, columns)}`;
  }

  /**
   * A history table (or part) `<name>_versions`: each version with the instant and position it
   * took effect, and whether its time is earlier than an earlier version's of the same row.
   */
  static historySchema(name: string, columns: string): string {
    return `CREATE TABLE IF NOT EXISTS ${name}_versions (valid_from TEXT NOT NULL, position INTEGER NOT NULL, out_of_order INTEGER NOT NULL, ${columns});`;
  }

  /**
   * The indexes the as-of reads use to find the version current at an instant: every version by
   * time, and the versions out of order by position (a partial index, nearly always empty).
   */
  static historyIndex(name: string, key: string[]): string {
    const k = key.join(', ');
    return `CREATE UNIQUE INDEX IF NOT EXISTS ${name}_versions_by_key ON ${name}_versions (${k}, valid_from, position);
      CREATE INDEX IF NOT EXISTS ${name}_versions_out_of_order ON ${name}_versions (${k}, position, valid_from) WHERE out_of_order = 1;`;
  }

  /**
   * SQL for the rowid of a row's version current at `@asOf`, `where` naming the row's key: the
   * latest in the log of the versions whose time is not after the instant and whose position is
   * not after `@upTo` (a meeting's pack is read from the log up to its stamp; pass `asOfBounds`).
   * That is the latest by time (ties by position), unless a version later in the log with a time
   * not after the instant has a time earlier than that one's: such a version is out of order, and
   * the latest of those in the log, if later than the one found by time, is the one. Bounding by
   * position leaves this true: whether a version is out of order depends only on those before it.
   */
  static versionAsOf(name: string, where: string): string {
    const byTime = `SELECT %s FROM ${name}_versions WHERE ${where} AND valid_from <= @asOf AND position <= @upTo ORDER BY valid_from DESC, position DESC LIMIT 1`;
    return `ifnull(
      (SELECT rowid FROM ${name}_versions WHERE ${where} AND out_of_order = 1 AND valid_from <= @asOf AND position <= @upTo
         AND position > (${byTime.replace('%s', 'position')}) ORDER BY position DESC LIMIT 1),
      (${byTime.replace('%s', 'rowid')}))`;
  }

  current(...key: string[]): Row | undefined {
    if (this.held) return this.held.get(key.join('\u0000'));
    return this.get.get(...key) as Row | undefined;
  }

  /** Stores the row's new version; `previous` is the current row it replaces (from `current`). */
  write(row: Row, change: Change, previous: Row | undefined): void {
    const keyValues = this.key.map((k) => row[k]);
    const id = keyValues.join('\u0000');
    for (const part of this.parts) {
      if (previous && part.columns.every((c) => row[c] === previous[c])) continue;
      const latest = (part.latestTime instanceof Map ? part.latestTime.get(id) : part.latestTime.get(...keyValues)) as string | null | undefined;
      const outOfOrder = latest != null && change.at < latest;
      if (part.latestTime instanceof Map && !outOfOrder) part.latestTime.set(id, change.at);
      part.insert.run(change.at, change.position, outOfOrder ? 1 : 0, ...keyValues, ...part.columns.map((c) => row[c]));
    }
    if (!this.held) {
      this.upsert.run(...this.columns.map((c) => row[c]));
      return;
    }
    this.held.delete(id);
    this.held.set(id, row);
  }

  /** Writes the rows held during a bulk load. */
  finishBulkLoad(): void {
    for (const part of this.parts) if (part.latestTime instanceof Map) part.latestTime.clear();
    if (!this.held) return;
    for (const row of this.held.values()) this.upsert.run(...this.columns.map((c) => row[c]));
    this.held.clear();
  }
}
