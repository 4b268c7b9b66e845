/**
 * A worker thread's share of a rebuild (see rebuildReadModels): opens the log itself,
 * projects it into one fresh read-model file, and publishes its progress in shared memory,
 * which the main thread reads while its own loop keeps it from handling messages.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStoreAt, type EventStoreLocation } from '@rag-ledger/event-store';
import { trackerUpcasters } from '@rag-ledger/upcasting';
import { createProjections } from './create-projections';
import type { ReadModelSchema } from './read-model-database';
import { rebuildFile, type FileRebuilt } from './rebuild-file';

export interface RebuildWorkerData {
  location: EventStoreLocation;
  filename: string;
  schema: ReadModelSchema;
  projectionNames: string[];
  streamPrefixes: string[];
  batchSize: number;
  /** Two float64s: events projected, position reached. */
  progress: SharedArrayBuffer;
}

export type RebuildWorkerMessage = { done: FileRebuilt } | { error: string };

async function main(data: RebuildWorkerData): Promise<RebuildWorkerMessage> {
  const known = createProjections();
  const projections = data.projectionNames.map((name) => {
    const projection = known.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}`);
    return projection;
  });
  const progress = new Float64Array(data.progress);
  // The same log as the main thread's, never a new empty one.
  if ('sqlite' in data.location && !existsSync(data.location.sqlite)) throw new Error(`no event log at ${data.location.sqlite}`);
  // With the tracker's upcasters, as every store the server opens: the files hold current shapes.
  const store = openEventStoreAt(data.location, { upcasters: trackerUpcasters() });
  try {
    const done = await rebuildFile(store, {
      ...data,
      projections,
      onBatch: (count, position) => {
        progress[0] = count;
        progress[1] = position;
      },
    });
    return { done };
  } finally {
    await store.close();
  }
}

main(workerData as RebuildWorkerData).then(
  (message) => parentPort?.postMessage(message),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
