import { join } from 'node:path';
import { EventStoreDbEventStore } from '@rag-ledger/event-store';
import { built } from '../support/built-code';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The contract suite against a live EventStoreDB or KurrentDB, e.g.
 *   docker compose up -d eventstoredb
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest test/event-store
 * Streams have unique names, so a shared server is fine. The server must accept
 * appends over 1 MiB (the 1 MB payload test): docker-compose.yml sets --max-append-size.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING?.trim();
const appendLoop = join(__dirname, '../../dist/test/processes/append-loop.js');

if (connectionString) {
  describeEventStoreContract('EventStoreDB', () => ({
    open: async () => EventStoreDbEventStore.fromConnectionString(connectionString),
    appenderCommand: () => ({ command: process.execPath, args: [built(appendLoop), 'esdb', connectionString] }),
  }));
} else {
  console.warn('EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set');
  // Registered as skipped, so jest counts these tests as skipped, not passed.
  describe.skip('EventStoreDB (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    describeEventStoreContract('EventStoreDB', () => {
      throw new Error('not reached: the suite is skipped');
    });
  });
}
