import { Controller, Get, HttpException, HttpStatus, Inject, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { ProjectionRunner } from '@rag-ledger/projections';
import { Public } from '../auth/decorators';
import { IgnoresMinPosition } from '../common/read-your-writes.interceptor';
import { STORE_KIND } from '../infrastructure/event-store.module';
import type { StoreKind } from '../infrastructure/event-store.provider';
import { failedProjectionsReport } from './failed-projections-report';

/** How long the health check waits for the store before reporting it unreachable. */
export const HEALTH_STORE_TIMEOUT_MS = 3_000;

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_KIND) private readonly kind: StoreKind,
    // Absent only where a controller is made by hand to check the store alone.
    @Optional() private readonly runner?: ProjectionRunner,
  ) {}

  /**
   * Which store is in use and whether it answers: `reachable: false` (status
   * `degraded`) when EventStoreDB is down or does not answer within 3 s. A projection
   * that cannot apply an event makes it 503 (status `failing`), naming it, for as long
   * as it fails. It answers at once: `minPosition` is ignored (anyone may call it, and
   * nobody may hold a connection by asking for a position not yet written).
   */
  @Get()
  @Public()
  @IgnoresMinPosition()
  async health() {
    const store = await this.storeHealth();
    const failures = this.runner?.failures ?? [];
    if (failures.length === 0) return store;
    // The body as it is, with the status a load balancer or monitor acts on.
    throw new HttpException({ ...store, status: 'failing', failedProjections: failedProjectionsReport(failures) }, HttpStatus.SERVICE_UNAVAILABLE);
  }

  private async storeHealth() {
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
