/**
 * A child process for the crash test: appends batches of five events in a loop
 * and prints each batch number once its append has returned. The parent kills it
 * with SIGKILL and checks that every printed batch is stored whole.
 *
 * Usage: node append-loop.js sqlite <file> <runId>
 *        node append-loop.js esdb <connection string> <runId>
 */
import { writeSync } from 'node:fs';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@rag-ledger/event-store';

async function open(kind: string, target: string): Promise<EventStore> {
  if (kind === 'sqlite') return new SqliteEventStore({ filename: target });
  if (kind === 'esdb') return EventStoreDbEventStore.fromConnectionString(target);
  throw new Error(`unknown store kind ${kind}`);
}

async function main(): Promise<void> {
  const [kind, target, runId] = process.argv.slice(2);
  const store = await open(kind, target);
  for (let batch = 0; ; batch++) {
    const events = Array.from({ length: 5 }, (_, i) => ({ type: 'CrashTestAppended', data: { batch, i } }));
    await store.appendToStream(`crash${runId}-${batch % 7}`, events);
    // Synchronous write: the line leaves the process before the next append starts.
    writeSync(1, `${batch}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
