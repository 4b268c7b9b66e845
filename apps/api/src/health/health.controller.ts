import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { Public } from '../auth/decorators';
import { STORE_KIND } from '../infrastructure/event-store.module';
import type { StoreKind } from '../infrastructure/event-store.provider';

/** How long the health check waits for the store before reporting it unreachable. */
export const HEALTH_STORE_TIMEOUT_MS = 3_000;

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_KIND) private readonly kind: StoreKind,
  ) {}

  /**
   * Which store is in use and whether it answers: `reachable: false` (status
   * `degraded`) when EventStoreDB is down or does not answer within 3 s.
   */
  @Get()
  @Public()
  async health() {
    try {
      const head = await withTimeout(this.store.headPosition(), HEALTH_STORE_TIMEOUT_MS);
      return { status: 'ok', store: this.kind, reachable: true, position: head === undefined ? 0 : Number(head) };
    } catch (error) {
      return { status: 'degraded', store: this.kind, reachable: false, error: (error as Error).message };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the event store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
