/**
 * `npm run projections:rebuild`: drops every read model and projects the whole log
 * again into fresh files, showing progress and the time left, then puts them in place
 * of the old ones. Stop the server first: it owns the read models while it runs.
 */
import { join } from 'node:path';
import { createProjections, PROJECTED_STREAM_PREFIXES, rebuildReadModels, type RebuildProgress } from '@rag-ledger/projections';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';
import { READ_MODELS_FILE } from '../infrastructure/projections.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const { store, location } = openEventStore(config);
  const started = Date.now();
  let lastShown = 0;
  let threads = 1;
  const onProgress = (p: RebuildProgress) => {
    threads = p.threads;
    if (Date.now() - lastShown < 250 && p.processed < p.total) return;
    lastShown = Date.now();
    const percent = p.total > 0 ? Math.min(100, (100 * p.processed) / p.total) : 100;
    process.stderr.write(
      `\rrebuilding: position ${p.processed.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')} (${percent.toFixed(0)}%), ` +
        `${Math.round(p.eventsPerSecond).toLocaleString('en-GB')} events/s, about ${Math.ceil(p.secondsLeft)} s left   `,
    );
  };
  const count = await rebuildReadModels({
    store,
    filename: join(config.dataDir, READ_MODELS_FILE),
    projections: createProjections(),
    streamPrefixes: PROJECTED_STREAM_PREFIXES,
    onProgress,
    // The audit trail's file is rebuilt on a second thread that reads the log itself.
    storeLocation: location,
  });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(`rebuilt the read models from ${count.toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s, on ${threads} thread${threads === 1 ? '' : 's'}`);
  await store.close();
}

main().catch((error) => {
  console.error(`projections:rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
