import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, ServiceUnavailableException, type OnModuleDestroy } from '@nestjs/common';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MeetingView } from '@rag-ledger/contract';
import {
  boardDecider,
  dayOf,
  daysAfter,
  digestActionIds,
  meetingDecider,
  MeetingNotFoundError,
  reminderDigests,
  type Actor,
  type DigestAction,
  type ExistingMeeting,
  type OwnerDigest,
  type OwnerReminded,
  type ReminderChannel,
} from '@rag-ledger/domain';
import { BACKWARDS, END, EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { MeetingsQueries, now, PeopleQueries, PROJECTED_STREAM_PREFIXES, ProjectionRunner, RagBoardQueries } from '@rag-ledger/projections';
import { WritePath, type WriteContext } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { publicUrlOf } from '../config/identity-config';
import { digestMail } from './digest-mail';
import { digestMessage } from './digest-message';
import { MeetingHeldError } from './meeting-held.error';
import { SmtpSender } from './smtp-sender';

/** Who the scheduled reminders are recorded as sent by. */
export const REMINDER_SERVICE_ACTOR: Actor = { id: 'reminders', name: 'Reminder service', role: 'admin' };

/** POST /api/meetings/:id/reminders: who was reminded now, and who not and why. */
export interface RemindersRun {
  meetingId: string;
  channel: ReminderChannel;
  reminded: Array<{ owner: string; email: string; actionIds: string[] }>;
  notReminded: Array<{ owner: string; why: string }>;
}

/** Where the digests written without SMTP go, relative to the data directory. */
export const REMINDERS_DIR = 'reminders';

/** A file name from a printed owner: letters and digits kept, anything else (a path separator) made harmless. */
const fileNameOf = (owner: string) => `${owner.replace(/[^A-Za-z0-9-]/g, '_') || 'owner'}.eml`;

/**
 * The reminders before a meeting: one digest per owner with actions in the plans its board
 * reviews, sent over SMTP (or written to the data directory without it), and `RemindersSent`
 * recorded for those that went, so nobody is chased twice for the same meeting.
 */
@Injectable()
export class RemindersService implements OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private readonly smtp?: SmtpSender;
  /** One run at a time per meeting (the scheduler and an admin's request may meet). */
  private readonly running = new Map<string, Promise<RemindersRun>>();
  private readonly stop = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly board: RagBoardQueries,
    private readonly people: PeopleQueries,
    private readonly meetings: MeetingsQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    const { smtpUrl, retries, retryMs } = config.reminders;
    if (smtpUrl) this.smtp = new SmtpSender(smtpUrl, { retries, firstDelayMs: retryMs }, (ms) => this.wait(ms));
  }

  get channel(): ReminderChannel {
    return this.smtp ? 'smtp' : 'file';
  }

  /** Sends the meeting's digests now, to the owners not yet reminded for it. */
  sendFor(meetingId: string, context: Omit<WriteContext, 'idempotencyKey' | 'expectedRevision'>): Promise<RemindersRun> {
    const earlier = this.running.get(meetingId) ?? Promise.resolve(undefined);
    const run = earlier.catch(() => undefined).then(() => this.run(meetingId, context));
    this.running.set(meetingId, run);
    void run.finally(() => this.running.get(meetingId) === run && this.running.delete(meetingId)).catch(() => undefined);
    return run;
  }

  /** The meetings whose papers are due from today up to `days` UK days ahead: the scheduler's list. */
  meetingsFallingDue(): MeetingView[] {
    const today = dayOf(this.clock.now());
    const until = daysAfter(today, this.config.reminders.days);
    return this.meetings.allMeetings().filter((m) => m.papersDueOn >= today && m.papersDueOn <= until);
  }

  private async run(meetingId: string, context: Omit<WriteContext, 'idempotencyKey' | 'expectedRevision'>): Promise<RemindersRun> {
    const { state: meeting } = await this.writePath.stateOf(meetingDecider, meetingId);
    if (!meeting.exists) throw new MeetingNotFoundError(meetingId);
    const instant = this.clock.now();
    const today = dayOf(instant);
    if (meeting.date < today) throw new MeetingHeldError(meeting.id, meeting.date);
    await this.caughtUp();
    const digests = await this.digestsFor(meeting, today);
    const result: RemindersRun = { meetingId, channel: this.channel, reminded: [], notReminded: [] };
    const ready: Array<{ digest: OwnerDigest; email: string }> = [];
    for (const digest of digests) {
      if (meeting.reminded.includes(digest.owner)) result.notReminded.push({ owner: digest.owner, why: 'already reminded for this meeting' });
      else if (digest.email === null) result.notReminded.push({ owner: digest.owner, why: this.noEmailWhy(digest) });
      else ready.push({ digest, email: digest.email });
    }
    const write = { ...context, correlationId: context.correlationId || randomUUID() };
    if (this.smtp) await this.sendAll(this.smtp, meeting, ready, instant, write, result);
    else await this.writeAll(meeting, ready, instant, write, result);
    result.notReminded.sort((a, b) => a.owner.localeCompare(b.owner, 'en'));
    return result;
  }

  /**
   * Each accepted digest is recorded at once, one event per owner, not one for the run: a
   * crash (or a stop) between two sends then loses the record of one message at most, and the
   * owners already reminded are not sent the same digest again on the next run.
   */
  private async sendAll(smtp: SmtpSender, meeting: ExistingMeeting, ready: Array<{ digest: OwnerDigest; email: string }>, instant: Date, write: WriteContext, result: RemindersRun) {
    for (const { digest, email } of ready) {
      if (this.stop.signal.aborted) {
        result.notReminded.push({ owner: digest.owner, why: 'the server stopped before it was sent; the next run sends it' });
        continue;
      }
      const outcome = await smtp.send(this.mailOf(digest, meeting, email, instant), () => this.stop.signal.aborted);
      if (!outcome.accepted) {
        this.logger.warn(`reminder for meeting ${meeting.id} to ${digest.owner} not sent: ${outcome.why}`);
        result.notReminded.push({ owner: digest.owner, why: outcome.why });
        continue;
      }
      await this.record(meeting.id, 'smtp', [this.remindedOf(digest, email)], write);
      result.reminded.push({ owner: digest.owner, email, actionIds: digestActionIds(digest) });
    }
  }

  /**
   * Without SMTP, each digest is written as the e-mail it would have been (an .eml file any
   * mail program opens) and listed on the admin page. Writing the same file again is harmless,
   * so the run is recorded once, after every file is written.
   */
  private async writeAll(meeting: ExistingMeeting, ready: Array<{ digest: OwnerDigest; email: string }>, instant: Date, write: WriteContext, result: RemindersRun) {
    if (ready.length === 0) return;
    const dir = join(REMINDERS_DIR, meeting.id);
    await mkdir(join(this.config.dataDir, dir), { recursive: true });
    const reminded: OwnerReminded[] = [];
    for (const { digest, email } of ready) {
      const file = join(dir, fileNameOf(digest.owner));
      const message = await new MailComposer(this.mailOf(digest, meeting, email, instant)).compile().build();
      await writeFile(join(this.config.dataDir, file), message);
      reminded.push({ ...this.remindedOf(digest, email), file });
      result.reminded.push({ owner: digest.owner, email, actionIds: digestActionIds(digest) });
    }
    await this.record(meeting.id, 'file', reminded, write);
  }

  private record(meetingId: string, channel: ReminderChannel, reminded: OwnerReminded[], write: WriteContext) {
    return this.writePath.handle(meetingDecider, meetingId, { type: 'RecordReminders', data: { meetingId, channel, reminded } }, write);
  }

  private remindedOf(digest: OwnerDigest, email: string): OwnerReminded {
    return { owner: digest.owner, email, overdue: digest.overdue, dueBeforeMeeting: digest.dueBeforeMeeting, noUpdateSincePreviousPack: digest.noUpdateSincePreviousPack };
  }

  private mailOf(digest: OwnerDigest, meeting: ExistingMeeting, email: string, instant: Date) {
    const publicUrl = publicUrlOf(this.config);
    return digestMail(digest, digestMessage(digest, meeting, publicUrl), { from: this.config.reminders.from, publicUrl, date: instant, to: email });
  }

  private noEmailWhy(digest: OwnerDigest): string {
    const person = this.people.directory().personWithInitials(digest.owner);
    if (!person) return 'nobody in the directory has these initials, so there is no e-mail to send to';
    if (!person.active) return `${person.name} is deactivated in the directory`;
    return `the directory has no e-mail for ${person.name}`;
  }

  /** The digests as the board's plans stand now, against the board's previous issued pack. */
  private async digestsFor(meeting: ExistingMeeting, today: string): Promise<OwnerDigest[]> {
    const { state: board } = await this.writePath.stateOf(boardDecider, meeting.boardId);
    const planIds = board.exists ? board.planIds : [];
    const when = now(this.clock.now());
    const actions: DigestAction[] = planIds.flatMap((planId) =>
      (this.board.planBoard(planId, when)?.workstreams ?? []).flatMap((w) => w.actions.map((a) => ({ ...a, planId }))),
    );
    const directory = this.people.directory();
    return reminderDigests({
      meeting,
      today,
      previousPack: this.previousPackOf(meeting),
      actions,
      personOf: (owner) => {
        const person = directory.personWithInitials(owner);
        // A deactivated person is not written to: their digest is reported, as one without an e-mail.
        return person && { name: person.name, email: person.active ? (person.email ?? null) : null };
      },
    });
  }

  /** The board's latest pack issued before this meeting (its own, once issued, names it). */
  private previousPackOf(meeting: ExistingMeeting): { meetingId: string; issuedAt: string } | null {
    if (meeting.pack) return meeting.pack.previous && { meetingId: meeting.pack.previous.meetingId, issuedAt: meeting.pack.previous.issuedAt };
    const issued = this.meetings
      .meetings(meeting.boardId)
      .filter((m) => m.id !== meeting.id && m.pack !== null && m.date <= meeting.date)
      .sort((a, b) => (a.pack?.position ?? 0) - (b.pack?.position ?? 0));
    const latest = issued.at(-1);
    return latest?.pack ? { meetingId: latest.id, issuedAt: latest.pack.issuedAt } : null;
  }

  /**
   * The boards read as the log stands now: a change recorded a moment before the run (an
   * owner updating the action an admin is about to chase) is in the digest, not chased for.
   */
  private async caughtUp(): Promise<void> {
    // The latest event the read models take (sign-in's own streams are not projected, so never "reached").
    for await (const last of this.store.readAll({ fromPosition: END, direction: BACKWARDS })) {
      if (!PROJECTED_STREAM_PREFIXES.some((prefix) => last.streamId.startsWith(prefix))) continue;
      if (!(await this.runner.waitFor(last.position, 5000))) throw new ServiceUnavailableException('The boards have not caught up with the latest changes yet; send the reminders again shortly.');
      return;
    }
  }

  /** A back-off wait that ends at once when the server stops. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stop.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      this.stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  /** First of the shutdown hooks: a run in progress ends (its waits cut short) while the read models and the store are still open. */
  async onModuleDestroy(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running.values()]);
    this.smtp?.close();
  }
}
