import { RuleViolationError } from '@rag-ledger/domain';

/** Reminders are to bring the pack up to date before a meeting: once it has been held, there is nothing to chase for it. */
export class MeetingHeldError extends RuleViolationError {
  constructor(
    readonly meetingId: string,
    readonly date: string,
  ) {
    super(`Meeting "${meetingId}" was held on ${date}: reminders go before a meeting, not after it.`);
  }
}
