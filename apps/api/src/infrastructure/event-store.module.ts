import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type Upcaster } from '@rag-ledger/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openEventStore, type OpenedEventStore } from './event-store.provider';

export const STORE_KIND = Symbol('STORE_KIND');
const OPENED_STORE = Symbol('OPENED_STORE');

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `upcasters`: besides the tracker's own (tests that make up a change of an event's shape). */
  static forRoot(options: { upcasters?: readonly Upcaster[] } = {}): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: OPENED_STORE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => openEventStore(config, { server: true, upcasters: options.upcasters }),
        },
        { provide: EVENT_STORE, inject: [OPENED_STORE], useFactory: (opened: OpenedEventStore) => opened.store },
        { provide: STORE_KIND, inject: [OPENED_STORE], useFactory: (opened: OpenedEventStore) => opened.kind },
      ],
      exports: [EVENT_STORE, STORE_KIND],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
