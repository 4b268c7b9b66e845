import type { Database, Statement } from 'better-sqlite3';
import type { LoadMode } from './projection';
import type { Change } from './rag-board/board-rows';

/**
 * A current table, and its history: every version of every row, from the time of the event that made it.
 * In a bulk load the current rows are held in memory and written once at the end, in the order
 * of their last change (the order a live REPLACE leaves them in).
 */
export class VersionedTable<Row extends object> {
  private readonly upsert: Statement;
  private readonly version: Statement;
  private readonly get: Statement;
  private readonly held: Map<string, Row> | undefined;

  constructor(
    db: Database,
    table: string,
    private readonly columns: Array<keyof Row & string>,
    private readonly key: Array<keyof Row & string>,
    mode: LoadMode = 'live',
  ) {
    const names = columns.join(', ');
    const params = columns.map(() => '?').join(', ');
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${table} (${names}) VALUES (${params})`);
    this.version = db.prepare(`INSERT INTO ${table}_versions (valid_from, position, ${names}) VALUES (?, ?, ${params})`);
    this.get = db.prepare(`SELECT ${names} FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`);
    this.held = mode === 'bulk' ? new Map() : undefined;
  }

  /**
   * The current table and the history table. The history is a plain rowid table that only
   * ever grows at its end, found through an index on (key, valid_from, position): appending is
   * cheap, and a bulk load builds the index once instead of splitting a wide clustered B-tree.
   */
  static schema(table: string, columns: string, key: string[]): string {
    return `
      CREATE TABLE IF NOT EXISTS ${table} (${columns}, PRIMARY KEY (${key.join(', ')}));
      CREATE TABLE IF NOT EXISTS ${table}_versions (valid_from TEXT NOT NULL, position INTEGER NOT NULL, ${columns});`;
  }

  /** The index the as-of reads use to find the version current at an instant. */
  static historyIndex(table: string, key: string[]): string {
    return `CREATE UNIQUE INDEX IF NOT EXISTS ${table}_versions_by_key ON ${table}_versions (${key.join(', ')}, valid_from, position);`;
  }

  current(...key: string[]): Row | undefined {
    if (this.held) return this.held.get(key.join('\u0000'));
    return this.get.get(...key) as Row | undefined;
  }

  write(row: Row, change: Change): void {
    const values = this.columns.map((c) => row[c]);
    this.version.run(change.at, change.position, ...values);
    if (!this.held) {
      this.upsert.run(...values);
      return;
    }
    const id = this.key.map((k) => row[k]).join('\u0000');
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
