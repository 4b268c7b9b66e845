import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@rag-ledger/event-store';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { HEALTH_STORE_TIMEOUT_MS, HealthController } from '../../apps/api/src/health/health.controller';
import { openEventStore } from '../../apps/api/src/infrastructure/event-store.provider';

/** Nothing listens on port 1: the client's connection is refused, as when EventStoreDB is down. */
const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

describe('store selection by configuration', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rag-ledger-selection-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the embedded store when EVENTSTORE_CONNECTION_STRING is not set (or blank)', async () => {
    for (const env of [{}, { EVENTSTORE_CONNECTION_STRING: '  ' }]) {
      const opened = openEventStore(loadConfig({ RAG_LEDGER_DATA_DIR: dir, ...env }));
      expect(opened.kind).toBe('sqlite');
      expect(opened.store).toBeInstanceOf(SqliteEventStore);
      await opened.store.close();
    }
  });

  it('uses EventStoreDB when EVENTSTORE_CONNECTION_STRING is set (esdb or kurrentdb scheme), without connecting yet', async () => {
    for (const connectionString of [UNREACHABLE, 'kurrentdb://127.0.0.1:1?tls=false', 'esdb://a:2113,b:2113,c:2113?tls=false&nodePreference=leader']) {
      const opened = openEventStore(loadConfig({ RAG_LEDGER_DATA_DIR: dir, EVENTSTORE_CONNECTION_STRING: connectionString }));
      expect(opened.kind).toBe('eventstoredb');
      expect(opened.store).toBeInstanceOf(EventStoreDbEventStore);
      await opened.store.close();
    }
  });
});

describe('health with EventStoreDB', () => {
  it('reports the store and reachable: false when the server is down', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(UNREACHABLE);
    const health = await new HealthController(store, 'eventstoredb').health();
    expect(health).toMatchObject({ status: 'degraded', store: 'eventstoredb', reachable: false });
    expect((health as { error: string }).error).toMatch(/UNAVAILABLE|ECONNREFUSED/);
    await store.close();
  });

  it('reports reachable: false when the server does not answer in time', async () => {
    jest.useFakeTimers();
    try {
      const silent = { headPosition: () => new Promise(() => undefined) } as unknown as EventStore;
      const pending = new HealthController(silent, 'eventstoredb').health();
      await jest.advanceTimersByTimeAsync(HEALTH_STORE_TIMEOUT_MS);
      expect(await pending).toMatchObject({ status: 'degraded', store: 'eventstoredb', reachable: false, error: expect.stringMatching(/did not answer/) });
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports the head position when the store answers', async () => {
    const answering = { headPosition: async () => 1042n } as unknown as EventStore;
    expect(await new HealthController(answering, 'eventstoredb').health()).toEqual({
      status: 'ok',
      store: 'eventstoredb',
      reachable: true,
      position: 1042,
    });
  });
});
