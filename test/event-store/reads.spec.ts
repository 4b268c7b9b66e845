import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, UpcasterRegistry, verifyChain } from '@rag-ledger/event-store';
import { FakeEventStoreDb } from './esdb-stand-in';
import { collect } from './helpers';
import { describeReadContract } from './read-contract';

describeReadContract('SqliteEventStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-reads-'));
  const filename = join(dir, 'events.db');
  return {
    open: async (upcasters) => new SqliteEventStore({ filename, pollIntervalMs: 20, upcasters }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeReadContract('EventStoreDbEventStore over the stand-in client', () => {
  const server = new FakeEventStoreDb();
  return { open: async (upcasters) => new EventStoreDbEventStore(server.client(), { upcasters }) };
});

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();
if (connectionString) {
  describeReadContract('EventStoreDB', () => ({ open: async (upcasters) => EventStoreDbEventStore.fromConnectionString(connectionString, { upcasters }) }));
}

describe('verify checks what was stored, not the upcast shape', () => {
  it('passes on a log whose events a registry upcasts on reading, because it reads them raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-reads-'));
    const filename = join(dir, 'events.db');
    try {
      const writer = new SqliteEventStore({ filename });
      await writer.appendToStream('notes-1', [{ type: 'NoteAdded', data: { text: 'old' }, metadata: { by: 'test' } }]);
      await writer.close();
      const store = new SqliteEventStore({
        filename,
        upcasters: new UpcasterRegistry([{ type: 'NoteAdded', fromVersion: 1, upcast: (d: object) => ({ ...d, format: 'plain' }) }]),
      });
      try {
        await store.appendToStream('notes-1', [{ type: 'NoteAdded', data: { text: 'new', format: 'plain' }, metadata: { by: 'test' } }]);
        expect(await verifyChain(store)).toMatchObject({ ok: true, checked: 2 });
        // The upcast form is not what the hash covers: checked as read, the first event would break the chain.
        const upcastOnly = Object.assign(Object.create(store) as SqliteEventStore, { readAll: () => store.readAll() });
        expect(await verifyChain(upcastOnly)).toMatchObject({ ok: false, broken: { position: 1, reason: expect.stringContaining('does not match its hash') } });
        expect((await collect(store.readAll())).map((e) => e.data)).toEqual([{ text: 'old', format: 'plain' }, { text: 'new', format: 'plain' }]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
