import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteEventStore } from '@rag-ledger/event-store';
import { createProjections, openReadModelDatabase, PROJECTED_STREAM_PREFIXES, ProjectionRunner, readModelFiles } from '@rag-ledger/projections';
import { dumpReadModels } from '../support/dump-database';
import { norfolkLog, projectLive, type NorfolkLog } from '../support/projected-log';

const tableNames = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
  } finally {
    db.close();
  }
};

describe('read-model files: the boards in one, the audit trail in its own', () => {
  let log: NorfolkLog;
  let dir: string;
  let store: SqliteEventStore;
  let head: number;

  beforeAll(async () => {
    log = await norfolkLog('rag-ledger-read-model-files-');
    ({ dir, store } = log);
    head = Number(await store.headPosition());
  });
  afterAll(() => log.remove());

  it('names the audit trail file after the main one, and keeps each projection and its checkpoint in its file', async () => {
    const filename = join(dir, 'read-models.db');
    expect(readModelFiles(filename)).toEqual({ main: filename, audit_trail: join(dir, 'read-models-audit-trail.db') });
    await projectLive(store, filename);
    expect(tableNames(filename)).toEqual(expect.arrayContaining(['board_actions', 'evidence_documents', 'measures', 'milestones', 'people', 'projection_checkpoints', 'store_identity', 'school_events', 'category_schemes', 'meetings', 'meeting_board_actions', 'demo_marks']));
    expect(tableNames(filename)).not.toContain('audit_events');
    expect(tableNames(join(dir, 'read-models-audit-trail.db'))).toEqual(['audit_events', 'projection_checkpoints', 'store_identity']);
    // Each file names the log its checkpoints are positions in.
    const identity = await store.identity();
    expect(dumpReadModels(filename).main.tables.store_identity).toEqual([{ only: 1, ...identity }]);
    expect(dumpReadModels(filename).audit_trail.tables.store_identity).toEqual([{ only: 1, ...identity }]);
    const dump = dumpReadModels(filename);
    expect(dump.main.tables.projection_checkpoints).toEqual([
      { name: 'demo-marks', version: expect.any(Number), position: head },
      { name: 'evidence-documents', version: expect.any(Number), position: head },
      { name: 'measures', version: expect.any(Number), position: head },
      { name: 'meetings', version: expect.any(Number), position: head },
      { name: 'milestones', version: expect.any(Number), position: head },
      { name: 'people', version: expect.any(Number), position: head },
      { name: 'rag-board', version: expect.any(Number), position: head },
      { name: 'schools', version: expect.any(Number), position: head },
    ]);
    expect(dump.audit_trail.tables.projection_checkpoints).toEqual([{ name: 'audit-trail', version: 7, position: head }]);
    // One connection reads both: the audit queries name the table alone.
    const db = openReadModelDatabase(filename);
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(head);
    expect(db.pragma('audit_trail.journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('rebuilds boards and measures of the versions that chose past rows by clock, with the versions out of order marked', async () => {
    const filename = join(dir, 'by-clock.db');
    await projectLive(store, filename);
    const expected = dumpReadModels(filename);
    expect(expected.main.indexes).toEqual(expect.arrayContaining(['board_actions_versions_out_of_order', 'measures_versions_out_of_order']));
    // As rag-board 6 and measures 2 left them: histories without the mark.
    const old = new BetterSqlite3(filename);
    for (const table of ['board_plans', 'board_workstreams', 'board_actions', 'board_actions_details', 'measures']) {
      old.exec(`DROP INDEX ${table}_versions_out_of_order; ALTER TABLE ${table}_versions DROP COLUMN out_of_order`);
    }
    old.exec("UPDATE projection_checkpoints SET version = 6 WHERE name = 'rag-board'; UPDATE projection_checkpoints SET version = 2 WHERE name = 'measures'");
    old.close();

    await projectLive(store, filename);
    expect(dumpReadModels(filename)).toEqual(expected);
  });

  it('moves an audit trail kept in the main file (version 2) into its own, leaving the boards as they were', async () => {
    const filename = join(dir, 'old-layout.db');
    await projectLive(store, filename);
    const expected = dumpReadModels(filename);
    // As version 2 left it: the trail and its checkpoint in the main file, no file of its own.
    const old = new BetterSqlite3(filename);
    old.exec('CREATE TABLE audit_events (position INTEGER PRIMARY KEY, stream_id TEXT, data TEXT)');
    old.prepare("INSERT INTO audit_events VALUES (1, 'plan-x', '{}')").run();
    old.prepare("INSERT INTO projection_checkpoints (name, version, position) VALUES ('audit-trail', 2, ?)").run(head);
    old.close();
    rmSync(readModelFiles(filename).audit_trail);

    const db = openReadModelDatabase(filename);
    const boardsBefore = db.prepare('SELECT * FROM board_actions ORDER BY id').all();
    const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES });
    await runner.start();
    await runner.stop();
    expect(db.prepare('SELECT * FROM board_actions ORDER BY id').all()).toEqual(boardsBefore);
    db.close();
    expect(existsSync(readModelFiles(filename).audit_trail)).toBe(true);
    expect(dumpReadModels(filename)).toEqual(expected);
  });
});
