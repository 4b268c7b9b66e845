import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { Public } from '../auth/decorators';
import { STORE_KIND } from '../infrastructure/event-store.module';
import type { StoreKind } from '../infrastructure/event-store.provider';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_KIND) private readonly kind: StoreKind,
  ) {}

  @Get()
  @Public()
  async health() {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', store: this.kind, reachable: true, position: head === undefined ? 0 : Number(head) };
    } catch (error) {
      return { status: 'degraded', store: this.kind, reachable: false, error: (error as Error).message };
    }
  }
}
