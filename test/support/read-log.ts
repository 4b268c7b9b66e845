import { join } from 'node:path';
import type { EventMetadata } from '@rag-ledger/domain';
import { SqliteEventStore, type RecordedEvent } from '@rag-ledger/event-store';

export type LoggedEvent = RecordedEvent<string, Record<string, unknown>, EventMetadata>;

/** Every event of a data directory's embedded log, read with a connection of its own (the server may be running). */
export async function readLog(dataDir: string): Promise<LoggedEvent[]> {
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
  try {
    const events: LoggedEvent[] = [];
    for await (const e of store.readAll()) events.push(e as LoggedEvent);
    return events;
  } finally {
    await store.close();
  }
}
