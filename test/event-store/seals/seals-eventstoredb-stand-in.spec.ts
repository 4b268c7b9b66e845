import { EventStoreDbEventStore } from '@rag-ledger/event-store';
import { FakeEventStoreDb } from '../esdb-stand-in';
import { sealsOnAStoreWithoutChain } from './seals-on-a-store-without-chain';

describe('seals on EventStoreDB: the adapter over the in-memory stand-in client', () => {
  sealsOnAStoreWithoutChain(async () => {
    const fake = new FakeEventStoreDb();
    const store = new EventStoreDbEventStore(fake.client(), { backoff: { initialMs: 5, maxMs: 20 } });
    const at = (position: bigint) => {
      const index = fake.log.findIndex((e) => e.position === position);
      if (index < 0) throw new Error(`the stand-in has no event at ${position}`);
      return index;
    };
    return {
      store,
      edit: (position, data) => void (fake.log[at(position)].data = data),
      remove: (position) => void fake.log.splice(at(position), 1),
      close: () => store.close(),
    };
  });
});
