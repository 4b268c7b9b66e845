import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../common/clock';
import { StreamStateCache } from '../common/stream-state-cache';

/**
 * The server's one write path (see WritePath, which knows nothing of Nest): every command
 * handler of every feature, the import included, writes through this one instance and its
 * cache of folded states.
 */
@Global()
@Module({
  providers: [
    StreamStateCache,
    {
      provide: WritePath,
      inject: [EVENT_STORE, CLOCK, StreamStateCache],
      useFactory: (store: EventStore, clock: Clock, cache: StreamStateCache) => new WritePath(store, clock, cache),
    },
  ],
  exports: [WritePath],
})
export class WritePathModule {}
