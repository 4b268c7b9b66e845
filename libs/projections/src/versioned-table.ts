import type { Database, Statement } from 'better-sqlite3';
import type { Change } from './rag-board/board-rows';

/** A current table, and its history: every version of every row, from the time of the event that made it. */
export class VersionedTable<Row extends object> {
  private readonly upsert: Statement;
  private readonly version: Statement;
  private readonly get: Statement;

  constructor(db: Database, table: string, columns: string[], key: string[]) {
    const names = columns.join(', ');
    const params = columns.map((c) => `@${c}`).join(', ');
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${table} (${names}) VALUES (${params})`);
    this.version = db.prepare(`INSERT INTO ${table}_versions (valid_from, position, ${names}) VALUES (@valid_from, @position, ${params})`);
    this.get = db.prepare(`SELECT ${names} FROM ${table} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`);
  }

  static schema(table: string, columns: string, key: string[]): string {
    return `
      CREATE TABLE IF NOT EXISTS ${table} (${columns}, PRIMARY KEY (${key.join(', ')}));
      CREATE TABLE IF NOT EXISTS ${table}_versions (valid_from TEXT NOT NULL, position INTEGER NOT NULL, ${columns},
        PRIMARY KEY (${key.join(', ')}, valid_from, position)) WITHOUT ROWID;`;
  }

  current(...key: string[]): Row | undefined {
    return this.get.get(...key) as Row | undefined;
  }

  write(row: Row, change: Change): void {
    this.upsert.run(row);
    this.version.run({ ...row, valid_from: change.at, position: change.position });
  }
}

