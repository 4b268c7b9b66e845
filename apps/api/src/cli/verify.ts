/**
 * `npm run verify`: checks the tamper-evident hash chain of the whole log and prints
 * { ok, checked, head } or the first event that breaks it. Exits 1 when it is broken.
 */
import { verifyChain } from '@rag-ledger/event-store';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';

async function main(): Promise<void> {
  const { store } = openEventStore(loadConfig());
  try {
    const result = await verifyChain(store, (checked) => process.stderr.write(`\rchecked ${checked.toLocaleString('en-GB')} events`));
    process.stderr.write('\n');
    console.log(JSON.stringify(result, null, 2));
    if (!result.ok) {
      process.stderr.write(`the chain is broken at ${result.broken.streamId} revision ${result.broken.revision} (log position ${result.broken.position}): ${result.broken.reason}\n`);
      process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  process.stderr.write(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
