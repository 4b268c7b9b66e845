import BetterSqlite3 from 'better-sqlite3';
import { readModelFiles, type ReadModelSchema } from '@rag-ledger/projections';

export interface DatabaseDump {
  /** Every row of every table, each table ordered by all of its columns. */
  tables: Record<string, unknown[]>;
  /** The names of the indexes. */
  indexes: string[];
}

/** A SQLite file's whole content, comparable with toEqual: how tests show two read models are the same. */
export function dumpDatabase(filename: string): DatabaseDump {
  const db = new BetterSqlite3(filename, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const tables: Record<string, unknown[]> = {};
    for (const table of names) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      tables[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
    }
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];
    return { tables, indexes };
  } finally {
    db.close();
  }
}

/** Every read-model file of a set (the main one and the audit trail's beside it), each dumped whole. */
export function dumpReadModels(filename: string): Record<ReadModelSchema, DatabaseDump> {
  const files = readModelFiles(filename);
  return { main: dumpDatabase(files.main), audit_trail: dumpDatabase(files.audit_trail) };
}
