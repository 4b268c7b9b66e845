import { EventStoreDbEventStore } from '@rag-ledger/event-store';
import { startEsdbProtocolServer } from '../../support/esdb-protocol-server';
import { sealsOnAStoreWithoutChain } from './seals-on-a-store-without-chain';

// Through the real @eventstore/db-client over gRPC, against the protocol-level test server: a
// fresh server (a fresh log) for each case, since a case tampers with what it holds.
describe('seals on EventStoreDB: the adapter and the real client over the protocol-level server', () => {
  sealsOnAStoreWithoutChain(async () => {
    const server = await startEsdbProtocolServer();
    const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
    return {
      store,
      edit: (position, data) => server.editEvent(position, { data }),
      remove: (position) => server.deleteEvent(position),
      close: async () => {
        await server.stop();
        await store.close();
      },
    };
  });
});
