import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../common/clock';

/**
 * The server's one write path (see WritePath, which knows nothing of Nest): every command
 * handler of every feature, the import included, writes through this one instance and its
 * cache of folded states.
 */
@Global()
@Module({
  providers: [
    {
      provide: WritePath,
      inject: [EVENT_STORE, CLOCK],
      // The write path keeps the one cache of folded stream states itself (StreamStates).
      useFactory: (store: EventStore, clock: Clock) => new WritePath(store, clock),
    },
  ],
  exports: [WritePath],
})
export class WritePathModule {}
