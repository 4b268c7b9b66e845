/**
 * `npm run demo`: loads the real Norfolk plans (2013, 301 actions in 5 plans) and the people of
 * the education plan's glossary, then plays 18 invented months of history on a simulated clock
 * through the API (see apps/api/src/demo/play-demo.ts), every event marked as demo data, so a
 * newcomer's first screen has colours, exceptions, trends, packs and changes since the last
 * meeting. Running it again changes nothing. `--months <1-18>` plays a shorter history.
 */
import { parseArgs } from 'node:util';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { issueToken } from '../auth/tokens';
import { loadConfig } from '../config/app-config';
import { IMPROVEMENT_BOARD_ID, NotEmptyLogError, playDemo } from '../demo/play-demo';
import { DEMO_SEED } from '../demo/prng';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { months: { type: 'string' } } });
  const months = values.months === undefined ? undefined : Number(values.months);
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 18)) {
    process.stderr.write('usage: npm run demo [-- --months <1-18>]\n');
    process.exit(2);
  }
  // The server's request log would drown the history's own lines.
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  console.log(`Playing the demo history into ${config.dataDir} (seed ${DEMO_SEED}, simulated clock)...`);
  const played = await playDemo({ config, months, log: (line) => console.log(line) });
  if (played.alreadyPlayed) {
    console.log(`The demo is already in ${config.dataDir} (${played.events} events): nothing written.`);
  } else {
    console.log(`\nPlayed ${played.from} to ${played.to}: ${played.writes} changes, ${played.events} events, every one marked as demo data, in ${played.seconds.toFixed(0)} s.`);
    const last = played.issued[IMPROVEMENT_BOARD_ID]?.at(-1);
    if (last) console.log(`The last Improvement Board pack issued: ${last} (${played.issued[IMPROVEMENT_BOARD_ID].length} packs).`);
  }
  const secret = resolveJwtSecret(config);
  const admin = issueToken(secret, { user: 'demo-admin', name: 'Demo Admin', role: 'admin' });
  const board = issueToken(secret, { user: 'demo-chair', name: 'Demo Board Chair', role: 'board' });
  console.log(`\nStart the tracker with \`npm start\` and open http://localhost:${config.port}/ (a banner says the history is invented). To sign in,`);
  console.log('create an account with `npm run admin:create -- --email you@council.gov.uk --name "Your Name"`, or use the API:');
  console.log(`  curl -s -H "Authorization: Bearer ${board}" http://localhost:${config.port}/api/board`);
  console.log(`\nAn admin token (12 hours): ${admin}`);
}

main().catch((error) => {
  const message = error instanceof NotEmptyLogError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`demo failed: ${message}\n`);
  process.exit(1);
});
