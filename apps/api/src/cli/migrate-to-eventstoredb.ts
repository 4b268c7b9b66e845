/**
 * `npm run migrate:to-eventstoredb`: copies the embedded log
 * (`$RAG_LEDGER_DATA_DIR/events.db`) into the EventStoreDB named by
 * `EVENTSTORE_CONNECTION_STRING`, in log order, keeping every event's id, stream,
 * revision, type, data and metadata. Safe to run again: events already copied
 * are recognised by their ids and not stored twice.
 *
 * Stop the API first. Before copying, the embedded log's hash chain is verified
 * (`--no-verify` skips that). After a run that stored events, the node's read
 * models (whose checkpoints are embedded-store positions) are moved aside, kept as they
 * were, and the API rebuilds them from EventStoreDB when it starts. Kept in place
 * (`--keep-read-models`), or on another node that was never moved, they record the embedded
 * store's identity beside their checkpoints, so the API rebuilds them all the same when it
 * starts on EventStoreDB (never resuming from an embedded position); only the old files are lost.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, migrateLog, SqliteEventStore, verifyChain, type EventStore } from '@rag-ledger/event-store';
import { readModelFiles } from '@rag-ledger/projections';
import { loadConfig } from '../config/app-config';
import { READ_MODELS_FILE } from '../infrastructure/projections.module';

const USAGE = 'usage: EVENTSTORE_CONNECTION_STRING=esdb://host:2113?tls=false npm run migrate:to-eventstoredb [-- --no-verify] [--keep-read-models]';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  for (const arg of args) {
    if (!['--no-verify', '--keep-read-models'].includes(arg)) throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  const config = loadConfig();
  if (!config.eventStoreConnectionString) {
    throw new Error(`EVENTSTORE_CONNECTION_STRING is not set: it names the EventStoreDB to copy into\n${USAGE}`);
  }
  const logFile = join(config.dataDir, 'events.db');
  if (!existsSync(logFile)) throw new Error(`there is no embedded log at ${logFile} (set RAG_LEDGER_DATA_DIR)`);

  const source = new SqliteEventStore({ filename: logFile });
  const target = EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString);
  try {
    const sourceHead = await source.headPosition();
    process.stderr.write(`source: ${logFile} (${(sourceHead ?? 0n).toLocaleString('en-GB')} positions)\n`);

    if (!args.has('--no-verify')) {
      const verification = await verifyChain(source, (checked) => process.stderr.write(`\rverifying the hash chain: ${checked.toLocaleString('en-GB')} events   `));
      process.stderr.write('\r');
      if (!verification.ok) {
        const b = verification.broken;
        throw new Error(
          `the embedded log's hash chain is broken at position ${b.position} (${b.streamId} revision ${b.revision}): ${b.reason}. ` +
            'Nothing was copied; investigate, or copy anyway with --no-verify.',
        );
      }
      process.stderr.write(`hash chain verified: ${verification.checked.toLocaleString('en-GB')} events, head ${verification.head ?? '(empty)'}\n`);
    }

    const targetHead = await reach(target);
    process.stderr.write(`target: ${redact(config.eventStoreConnectionString)} (${targetHead === undefined ? 'empty' : `head at ${targetHead}`})\n`);

    const started = Date.now();
    let lastShown = 0;
    const result = await migrateLog(source, target, {
      progressEvery: 500,
      onProgress: (p) => {
        if (Date.now() - lastShown < 250 && p.position < p.head) return;
        lastShown = Date.now();
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        const rate = p.read / seconds;
        const done = p.head > 0n ? Math.min(1, Number(p.position) / Number(p.head)) : 1;
        const percent = 100 * done;
        const left = done > 0 ? (seconds * (1 - done)) / done : 0;
        process.stderr.write(
          `\rcopying: ${p.read.toLocaleString('en-GB')} events (${percent.toFixed(0)}%), ${p.written.toLocaleString('en-GB')} stored, ` +
            `${p.alreadyPresent.toLocaleString('en-GB')} already there, ${Math.round(rate).toLocaleString('en-GB')} events/s, about ${Math.ceil(left)} s left   `,
        );
      },
    });
    process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `copied ${result.read.toLocaleString('en-GB')} events of ${result.streams.toLocaleString('en-GB')} streams in ${seconds} s: ` +
        `${result.written.toLocaleString('en-GB')} stored now, ${result.alreadyPresent.toLocaleString('en-GB')} were already in EventStoreDB`,
    );

    const readModels = join(config.dataDir, READ_MODELS_FILE);
    if (result.written > 0 && !args.has('--keep-read-models') && existsSync(readModels)) {
      const stamp = `.embedded-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const file of Object.values(readModelFiles(readModels))) {
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(file + suffix)) renameSync(file + suffix, file + stamp + suffix);
        }
      }
      console.log(`moved the read models aside to ${readModels}${stamp} (and the audit trail's file beside it): their checkpoints are embedded-store positions; the API rebuilds them from EventStoreDB on start`);
    } else if (existsSync(readModels)) {
      console.log(`left the read models at ${readModels} in place: they record the store they were projected from, and the API rebuilds them from EventStoreDB on start if that was another`);
    }
    console.log(`next: start the API with EVENTSTORE_CONNECTION_STRING set; ${logFile} is no longer written and can be kept as a backup`);
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}

/** The target's head, or a clear error when EventStoreDB does not answer. */
async function reach(target: EventStore) {
  try {
    return await target.headPosition();
  } catch (error) {
    throw new Error(`EventStoreDB is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The connection string without credentials, for the log. */
function redact(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

main().catch((error) => {
  process.stderr.write('\n');
  console.error(`migrate:to-eventstoredb failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
