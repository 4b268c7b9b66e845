import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REMINDER_SERVICE_ACTOR, RemindersService, type RemindersRun } from './reminders.service';

/**
 * Looks every RAG_LEDGER_REMINDER_CHECK_MINUTES for meetings whose papers fall due within
 * RAG_LEDGER_REMINDER_DAYS and sends their reminders; the owners already reminded are left
 * out by the service, so an hourly look sends each digest once. 0 minutes: never.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer?: NodeJS.Timeout;
  private checking?: Promise<RemindersRun[]>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.reminders.checkMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.check().catch(() => undefined), minutes * 60_000);
    // The look-out never keeps the process alive by itself.
    this.timer.unref();
  }

  /** One look (a look still running is not started twice); each meeting's failure is logged, and the others still go. */
  check(): Promise<RemindersRun[]> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<RemindersRun[]> {
    const runs: RemindersRun[] = [];
    for (const meeting of this.reminders.meetingsFallingDue()) {
      if (this.stopped) break;
      try {
        const run = await this.reminders.sendFor(meeting.id, { actor: REMINDER_SERVICE_ACTOR, correlationId: `reminders-${randomUUID()}` });
        if (run.reminded.length > 0 || run.notReminded.some((n) => n.why !== 'already reminded for this meeting')) {
          this.logger.log(`meeting ${meeting.id}: ${run.reminded.length} reminded (${run.channel}), ${run.notReminded.length} not`);
        }
        runs.push(run);
      } catch (error) {
        this.logger.error(`reminders for meeting ${meeting.id} failed: ${(error as Error).message}`);
      }
    }
    return runs;
  }

  /** No new look, nor the next meeting of one under way; the service ends the run in progress. */
  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }
}
