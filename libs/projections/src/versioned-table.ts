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
 * changes; the row at an instant is the latest version of each part. In a bulk load the current
 * rows are held in memory and written once at the end, in the order of their last change (the
 * order a live REPLACE leaves them in).
 */
export class VersionedTable<Row extends object> {
  private readonly upsert: Statement;
  private readonly get: Statement;
  private readonly parts: Array<{ columns: Array<keyof Row & string>; insert: Statement }>;
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
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${table} (${names}) VALUES (${params})`);
    this.get = db.prepare(`SELECT ${names} FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`);
    this.parts = history.map((part) => {
      const partColumns = [...key, ...part.columns];
      return {
        columns: part.columns,
        insert: db.prepare(
          `INSERT INTO ${part.name}_versions (valid_from, position, ${partColumns.join(', ')}) VALUES (?, ?, ${partColumns.map(() => '?').join(', ')})`,
        ),
      };
    });
    this.held = mode === 'bulk' ? new Map() : undefined;
  }

  /**
   * The current table and a history table. The history is a plain rowid table that only
   * ever grows at its end, found through an index on (key, position, valid_from): appending is
   * cheap, and a bulk load builds the index once instead of splitting a wide clustered B-tree.
   */
  static schema(table: string, columns: string, key: string[]): string {
    return `
      CREATE TABLE IF NOT EXISTS ${table} (${columns}, PRIMARY KEY (${key.join(', ')}));
      ${VersionedTable.historySchema(table, columns)}`;
  }

  /** A history table (or part) `<name>_versions`: each version with the instant and position it took effect. */
  static historySchema(name: string, columns: string): string {
    return `CREATE TABLE IF NOT EXISTS ${name}_versions (valid_from TEXT NOT NULL, position INTEGER NOT NULL, ${columns});`;
  }

  /**
   * The index the as-of reads use to find the version current at an instant: the one latest in
   * the log among those written up to it (see `versionAsOf`). Ordered by position, with the
   * time beside it, so the read walks back from a row's last version and stops at the first
   * one not after the instant, without reading the table.
   */
  static historyIndex(name: string, key: string[]): string {
    return `CREATE UNIQUE INDEX IF NOT EXISTS ${name}_versions_by_position ON ${name}_versions (${key.join(', ')}, position, valid_from);`;
  }

  /**
   * SQL for the position of a row's version current at `@asOf`, given `where` naming the row's
   * key: among the versions whose time is not after the instant, the one latest in the log.
   * The log decides, not the writer's clock: a clock stepped back (or two API nodes whose
   * clocks disagree) gives a later event an earlier time, and choosing by time would bring a
   * superseded version back into the past board for good.
   */
  static versionAsOf(name: string, where: string): string {
    return `(SELECT position FROM ${name}_versions WHERE ${where} AND valid_from <= @asOf ORDER BY position DESC LIMIT 1)`;
  }

  current(...key: string[]): Row | undefined {
    if (this.held) return this.held.get(key.join('\u0000'));
    return this.get.get(...key) as Row | undefined;
  }

  /** Stores the row's new version; `previous` is the current row it replaces (from `current`). */
  write(row: Row, change: Change, previous: Row | undefined): void {
    const keyValues = this.key.map((k) => row[k]);
    for (const part of this.parts) {
      if (previous && part.columns.every((c) => row[c] === previous[c])) continue;
      part.insert.run(change.at, change.position, ...keyValues, ...part.columns.map((c) => row[c]));
    }
    if (!this.held) {
      this.upsert.run(...this.columns.map((c) => row[c]));
      return;
    }
    const id = keyValues.join('\u0000');
    this.held.delete(id);
    this.held.set(id, row);
  }

  /** Writes the rows held during a bulk load. */
  finishBulkLoad(): void {
    if (!this.held) return;
    for (const row of this.held.values()) this.upsert.run(...this.columns.map((c) => row[c]));
    this.held.clear();
  }
}
