import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import type { UpcasterRegistry } from './upcasting/upcaster-registry';

/**
 * Where a log is, as plain data: what another thread needs to open the same log
 * (an open store cannot be handed to a worker).
 */
export type EventStoreLocation = { sqlite: string } | { eventStoreDb: string };

/** Opens the log at a location, with default options (no background work) and the upcasters given. */
export function openEventStoreAt(location: EventStoreLocation, options: { upcasters?: UpcasterRegistry } = {}): EventStore {
  return 'sqlite' in location
    ? new SqliteEventStore({ filename: location.sqlite, upcasters: options.upcasters })
    : EventStoreDbEventStore.fromConnectionString(location.eventStoreDb, { upcasters: options.upcasters });
}
