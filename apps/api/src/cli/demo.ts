/**
 * `npm run demo`: loads the real Norfolk plans (2013, 301 actions in 5 plans) into the
 * embedded store, so a newcomer sees real boards within a minute of cloning.
 * Running it again changes nothing.
 */
import { join } from 'node:path';
import { NORFOLK_PLAN_KINDS } from '@rag-ledger/import';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { issueToken } from '../auth/tokens';
import { loadConfig } from '../config/app-config';
import { importFile, printReport } from './import-plans';

const SAMPLE = join(__dirname, '../../../../../samples/norfolk-plans-2013.json');

async function main(): Promise<void> {
  const report = await importFile(SAMPLE, { user: 'demo', name: 'Demo loader', read: { kindFor: (id) => NORFOLK_PLAN_KINDS[id] } });
  printReport(report);
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
