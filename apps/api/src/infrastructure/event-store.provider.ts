import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@rag-ledger/event-store';
import type { AppConfig } from '../config/app-config';

export type StoreKind = 'sqlite' | 'eventstoredb';

export interface OpenedEventStore {
  kind: StoreKind;
  store: EventStore;
}

/** The embedded store unless an EventStoreDB connection string is configured. */
export function openEventStore(config: AppConfig): OpenedEventStore {
  if (config.eventStoreConnectionString) {
    throw new Error('EVENTSTORE_CONNECTION_STRING is set, but the EventStoreDB adapter is not part of this build yet');
  }
  return { kind: 'sqlite', store: new SqliteEventStore({ filename: join(config.dataDir, 'events.db') }) };
}
