import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { built } from '../support/built-code';
import { describeEventStoreContract } from './event-store.contract';

const appendLoop = join(__dirname, '../../dist/test/processes/append-loop.js');

describeEventStoreContract('SqliteEventStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-es-'));
  const filename = join(dir, 'events.db');
  return {
    open: async () => new SqliteEventStore({ filename, pollIntervalMs: 20 }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    appenderCommand: () => ({ command: process.execPath, args: [built(appendLoop), 'sqlite', filename] }),
    uniqueIdsAcrossStreams: true,
  };
});
