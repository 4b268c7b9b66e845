import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { createProjections, PROJECTED_STREAM_PREFIXES, rebuildReadModels, type RebuildProgress } from '@rag-ledger/projections';

/**
 * A full rebuild of the read models, exactly as `npm run projections:rebuild` runs
 * it (same function, same projections, same files), with its progress line. That command
 * runs Node with a larger young generation (--max-semi-space-size=64: a rebuild makes
 * short-lived objects for every event), and `npm run bench:http` starts this process the
 * same way. Returns events per second.
 */
export async function rebuildRate(dataDir: string, showProgress: (line: string) => void): Promise<{ events: number; perSecond: number }> {
  const filename = join(dataDir, 'events.db');
  const store = new SqliteEventStore({ filename });
  try {
    const start = performance.now();
    let shown = 0;
    const onProgress = (p: RebuildProgress) => {
      if (performance.now() - shown < 250 && p.processed < p.total) return;
      shown = performance.now();
      showProgress(
        `rebuilding: position ${p.processed.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')}, ` +
          `${Math.round(p.eventsPerSecond).toLocaleString('en-GB')} events/s, about ${Math.ceil(p.secondsLeft)} s left`,
      );
    };
    const events = await rebuildReadModels({
      store,
      filename: join(dataDir, 'read-models.db'),
      projections: createProjections(),
      streamPrefixes: PROJECTED_STREAM_PREFIXES,
      onProgress,
      storeLocation: { sqlite: filename },
    });
    const seconds = (performance.now() - start) / 1000;
    return { events, perSecond: events / seconds };
  } finally {
    await store.close();
  }
}

/** The physical floor of the same work: read every event of events.db in order and parse its JSON. */
export function rawReadParseRate(dataDir: string): { events: number; perSecond: number } {
  const db = new BetterSqlite3(join(dataDir, 'events.db'), { readonly: true });
  try {
    const start = performance.now();
    let events = 0;
    let check = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
      const data = JSON.parse(row.data);
      const metadata = JSON.parse(row.metadata);
      check += (data ? 1 : 0) + (metadata ? 1 : 0);
      events++;
    }
    if (check !== events * 2) throw new Error('raw read: unexpected rows');
    return { events, perSecond: events / ((performance.now() - start) / 1000) };
  } finally {
    db.close();
  }
}
