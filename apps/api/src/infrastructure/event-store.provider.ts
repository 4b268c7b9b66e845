import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
  type EventStoreLocation,
  type StoreKind,
  type Upcaster,
} from '@rag-ledger/event-store';
import { trackerUpcasters } from '@rag-ledger/upcasting';
import type { AppConfig } from '../config/app-config';

/** The event-store library's own (re-exported for the modules that inject STORE_KIND). */
export type { StoreKind };

export interface OpenedEventStore {
  kind: StoreKind;
  store: EventStore;
  /** Where another thread can open the same log. */
  location: EventStoreLocation;
}

/**
 * The embedded store unless an EventStoreDB connection string is configured.
 * EventStoreDB is connected to lazily: the app starts its projections (which
 * retry until the server answers) and the health endpoint reports reachability.
 * `server`: the long-running API, which checkpoints the embedded log from a worker thread.
 * Every store is opened with the tracker's upcasters (libs/upcasting), and `upcasters` besides
 * (tests that make up a shape change), so whoever reads or writes through it sees current shapes.
 */
export function openEventStore(config: AppConfig, options: { server?: boolean; upcasters?: readonly Upcaster[] } = {}): OpenedEventStore {
  const upcasters = trackerUpcasters(options.upcasters);
  if (config.eventStoreConnectionString) {
    const logger = new Logger('EventStoreDB');
    const store = EventStoreDbEventStore.fromConnectionString(config.eventStoreConnectionString, {
      upcasters,
      onSubscriptionReconnect: (error, attempt, delayMs) =>
        logger.warn(
          `subscription to $all dropped (${error instanceof Error ? error.message : String(error)}); ` +
            `reconnecting in ${delayMs} ms (attempt ${attempt})`,
        ),
      onAppendRetry: (error, streamId, delayMs) =>
        logger.warn(
          `append to ${streamId} failed (${error instanceof Error ? error.message : String(error)}); ` +
            `sending it once more with the same event ids in ${delayMs} ms, so it is not written twice`,
        ),
    });
    return { kind: 'eventstoredb', store, location: { eventStoreDb: config.eventStoreConnectionString } };
  }
  const logger = new Logger('EventStore');
  const filename = join(config.dataDir, 'events.db');
  return {
    kind: 'sqlite',
    location: { sqlite: filename },
    store: new SqliteEventStore({
      filename,
      upcasters,
      // A server checkpoints the log beside its requests; short command-line runs leave it to SQLite.
      backgroundCheckpoints: options.server ? { onError: (error) => logger.warn(`background checkpoints stopped: ${String(error)}`) } : undefined,
    }),
  };
}
