/**
 * `npm run demo`: loads the real Norfolk plans (2013, 301 actions in 5 plans) into the
 * embedded store, and the people of the education plan's glossary into the directory (through
 * the same import as POST /api/people/import), so a newcomer sees real boards, with names
 * beside the owners' initials, within a minute of cloning. Running it again changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NORFOLK_PLAN_KINDS, readGlossary } from '@rag-ledger/import';
import { WritePath } from '@rag-ledger/write-path';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { issueToken } from '../auth/tokens';
import { systemClock } from '../common/clock';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';
import { importPeople } from '../people/import-people';
import { importFile, printReport } from './import-plans';

const SAMPLE = join(__dirname, '../../../../../samples/norfolk-plans-2013.json');
/** The glossary of initials the Norfolk education plan prints (seed 002), as copied from the document. */
const GLOSSARY = join(__dirname, '../../../../../samples/norfolk-glossary-2013.txt');

async function loadGlossary(): Promise<void> {
  const people = readGlossary(readFileSync(GLOSSARY, 'utf8'));
  const { store } = openEventStore(loadConfig());
  try {
    const result = await importPeople(new WritePath(store, systemClock), people, 'glossary', {
      actor: { id: 'demo', name: 'Demo loader', role: 'admin' },
      correlationId: randomUUID(),
    });
    console.log(`people        ${result.added} added, ${result.revised} revised, ${result.unchanged} unchanged (the education plan's glossary)`);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const report = await importFile(SAMPLE, { user: 'demo', name: 'Demo loader', read: { kindFor: (id) => NORFOLK_PLAN_KINDS[id] } });
  printReport(report);
  await loadGlossary();
  const config = loadConfig();
  const secret = resolveJwtSecret(config);
  const admin = issueToken(secret, { user: 'demo-admin', name: 'Demo Admin', role: 'admin' });
  const board = issueToken(secret, { user: 'demo-chair', name: 'Demo Board Chair', role: 'board' });
  console.log(`\nThe Norfolk plans are in ${config.dataDir}. Start the tracker with \`npm start\`, then:`);
  console.log(`  curl -s -H "Authorization: Bearer ${board}" http://localhost:${config.port}/api/board`);
  console.log(`\nAn admin token (12 hours): ${admin}`);
}

main().catch((error) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
