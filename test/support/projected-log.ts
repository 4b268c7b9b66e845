import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@rag-ledger/event-store';
import { readPlansJson } from '@rag-ledger/import';
import { createProjections, openReadModelDatabase, PROJECTED_STREAM_PREFIXES, ProjectionRunner } from '@rag-ledger/projections';
import { runImport } from '../../apps/api/src/import/run-import';
import { NORFOLK_FILE } from './norfolk';

export interface NorfolkLog {
  dir: string;
  store: SqliteEventStore;
  /** Closes the store and removes the directory. */
  remove(): Promise<void>;
}

/**
 * A temporary directory with an embedded log holding the Norfolk plans, their RAG history and
 * the education measures, imported as `npm run import` does: every projection has work.
 */
export async function norfolkLog(prefix: string): Promise<NorfolkLog> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const file = readPlansJson(readFileSync(NORFOLK_FILE, 'utf8'));
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  await runImport(store, clock, file, {}, { actor: { id: 'importer', name: 'Importer', role: 'admin' }, correlationId: 'c-1' });
  return {
    dir,
    store,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Projects the whole log into the read models at `filename` as the server does while it runs. */
export async function projectLive(store: EventStore, filename: string, batchSize?: number): Promise<void> {
  const db = openReadModelDatabase(filename);
  const runner = new ProjectionRunner(store, db, createProjections(), { streamPrefixes: PROJECTED_STREAM_PREFIXES, batchSize });
  await runner.start();
  await runner.stop();
  db.close();
}
