import { EventStoreDbEventStore } from '@rag-ledger/event-store';
import { startEsdbProtocolServer, type EsdbProtocolServer } from '../support/esdb-protocol-server';
import { describeReadContract } from './read-contract';

/** The read contract (aggregateStream, typed reads, upcasting) through the real client, against the protocol server. */
describe('reads over the protocol-level EventStoreDB server', () => {
  let server: EsdbProtocolServer;
  beforeAll(async () => {
    server = await startEsdbProtocolServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  describeReadContract('EventStoreDbEventStore (protocol server, real client)', () => ({
    open: async (upcasters) => EventStoreDbEventStore.fromConnectionString(server.connectionString, { upcasters }),
  }));
});
