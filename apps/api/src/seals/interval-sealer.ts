import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LogSealer, SEAL_SERVICE_ACTOR, type Sealing } from './log-sealer';

/**
 * Seals the log every RAG_LEDGER_SEAL_MINUTES when anything was written since the last seal
 * (the sealer finds nothing to do otherwise, so a quiet log gets no new seals). 0: never.
 */
@Injectable()
export class IntervalSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Seals');
  private timer?: NodeJS.Timeout;
  private sealing?: Promise<Sealing>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sealer: LogSealer,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.sealMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.sealNow().catch(() => undefined), minutes * 60_000);
    // The timer never keeps the process alive by itself.
    this.timer.unref();
  }

  /** Whether the timer runs (RAG_LEDGER_SEAL_MINUTES above 0). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** One timed sealing (one still under way is not started twice); a failure is logged, and the next interval tries again. */
  sealNow(): Promise<Sealing> {
    this.sealing ??= this.sealer
      .seal('interval', { actor: SEAL_SERVICE_ACTOR, correlationId: `seal-${randomUUID()}` })
      .then(
        (sealing) => {
          if (sealing.made.length > 0) this.logger.log(`sealed the log up to position ${sealing.latest?.position} (${sealing.made.length} seal(s))`);
          return sealing;
        },
        (error: Error) => {
          this.logger.error(`sealing the log failed: ${error.message}`);
          throw error;
        },
      )
      .finally(() => (this.sealing = undefined));
    return this.sealing;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
