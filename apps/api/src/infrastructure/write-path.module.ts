import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { StreamStates, WritePath, type MetadataMarks } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../common/clock';

/**
 * The server's one write path (see WritePath, which knows nothing of Nest): every command
 * handler of every feature, the import included, writes through this one instance and its
 * cache of folded states.
 */
@Global()
@Module({})
export class WritePathModule {
  /** `marks`: what every event written carries in its metadata (`{ demo: true }` for `npm run demo`). */
  static forRoot(marks: MetadataMarks = {}): DynamicModule {
    return {
      module: WritePathModule,
      providers: [
        {
          provide: WritePath,
          inject: [EVENT_STORE, CLOCK],
          // The write path keeps the one cache of folded stream states itself (StreamStates).
          useFactory: (store: EventStore, clock: Clock) => new WritePath(store, clock, new StreamStates(), marks),
        },
      ],
      exports: [WritePath],
    };
  }
}
