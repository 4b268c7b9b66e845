import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDecider, DIRECTORY_ID, evidenceDecider, peopleDecider, type ActionCommand, type EvidenceCommand } from '@rag-ledger/domain';
import { SqliteEventStore, type EventStore } from '@rag-ledger/event-store';
import { readGlossary, readPlansJson } from '@rag-ledger/import';
import { createProjections, openReadModelDatabase, PROJECTED_STREAM_PREFIXES, ProjectionRunner } from '@rag-ledger/projections';
import { WritePath } from '@rag-ledger/write-path';
import { runImport } from '../../apps/api/src/import/run-import';
import { NORFOLK_FILE, NORFOLK_GLOSSARY_FILE } from './norfolk';

export interface NorfolkLog {
  dir: string;
  store: SqliteEventStore;
  /** Closes the store and removes the directory. */
  remove(): Promise<void>;
}

/**
 * A temporary directory with an embedded log holding the Norfolk plans, their RAG history and
 * the education measures, imported as `npm run import` does, and the glossary's people with
 * rights granted, revoked and a person deactivated (as `npm run demo` and an admin would), and
 * evidence documents attached, withdrawn and erased, and an action's steps: every projection has work.
 */
export async function norfolkLog(prefix: string): Promise<NorfolkLog> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const file = readPlansJson(readFileSync(NORFOLK_FILE, 'utf8'));
  const clock = { now: () => new Date('2013-11-21T09:00:00.000Z') };
  const context = { actor: { id: 'importer', name: 'Importer', role: 'admin' as const }, correlationId: 'c-1' };
  await runImport(store, clock, file, {}, context);
  const directory = new WritePath(store, clock);
  const people = readGlossary(readFileSync(NORFOLK_GLOSSARY_FILE, 'utf8'));
  for (const command of [
    { type: 'ImportPeople', data: { people, reason: 'imported from a glossary of people' } },
    { type: 'GrantRight', data: { personId: 'cs', role: 'owner', planId: 'EDU', reason: 'Leads the education plan' } },
    { type: 'GrantRight', data: { personId: 'gb', role: 'board', reason: 'Sits on the Improvement Board' } },
    { type: 'RevokeRight', data: { personId: 'gb', role: 'board', reason: 'Left the board' } },
    { type: 'RevisePersonDetails', data: { personId: 'jw', changes: { email: 'janet.warburton@norfolk.gov.uk' }, reason: 'Email added' } },
    { type: 'DeactivatePerson', data: { personId: 'tj', reason: 'Left the council' } },
  ] as const) {
    await directory.handle(peopleDecider, DIRECTORY_ID, command, context);
  }
  const subject = { kind: 'action', actionId: 'SIP.PS.1.1.1' } as const;
  const attach = (documentId: string, sha256: string): EvidenceCommand => ({
    type: 'AttachEvidence',
    data: { documentId, planId: 'SIP', subject, fileName: `${documentId}.pdf`, mediaType: 'application/pdf', size: 2048, sha256, description: 'Board minutes' },
  });
  for (const [documentId, command] of [
    ['doc-1', attach('doc-1', 'a'.repeat(64))],
    ['doc-2', attach('doc-2', 'b'.repeat(64))],
    ['doc-3', attach('doc-3', 'a'.repeat(64))],
    ['doc-2', { type: 'WithdrawEvidence', data: { documentId: 'doc-2', reason: 'The draft, not the minutes' } }],
    ['doc-1', { type: 'EraseEvidence', data: { documentId: 'doc-1', reason: 'Names a child' } }],
  ] as Array<[string, EvidenceCommand]>) {
    await directory.handle(evidenceDecider, documentId, command, context);
  }
  // Steps added, done, revised and reopened, so the steps' read model has versions to rebuild.
  const actionId = 'SIP.PS.1.1.1';
  for (const command of [
    { type: 'AddActionStep', data: { actionId, stepId: 'SIP.PS.1.1.1.log-1', text: 'Map the front door', owners: ['AB'], targetDate: '2013-12-31', targetDateText: 'Dec 2013' } },
    { type: 'AddActionStep', data: { actionId, stepId: 'SIP.PS.1.1.1.log-2', text: 'Map the hand-offs to locality teams', statusNote: 'due end of January' } },
    { type: 'CompleteActionStep', data: { actionId, stepId: 'SIP.PS.1.1.1.log-1', note: 'Workshop held' } },
    { type: 'ReviseActionStep', data: { actionId, stepId: 'SIP.PS.1.1.1.log-2', changes: { targetDate: '2014-01-31' }, reason: 'Dated at the board' } },
    { type: 'ReopenActionStep', data: { actionId, stepId: 'SIP.PS.1.1.1.log-1', reason: 'Two teams missed' } },
  ] as ActionCommand[]) {
    await directory.handle(actionDecider, actionId, command, context);
  }
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
