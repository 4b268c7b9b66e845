import { ConfigurationError } from './app-config';
import { wholeNumber } from './identity-config';

/** The reminders before meetings, from the environment (see the README's configuration table). */
export interface RemindersConfig {
  /** RAG_LEDGER_SMTP_URL: where digests are sent (smtp:// or smtps://); unset, they are written to the data directory. */
  smtpUrl?: string;
  /** RAG_LEDGER_SMTP_FROM: the digests' sender. */
  from: string;
  /** RAG_LEDGER_SMTP_RETRIES: further tries of a send the server did not take, after the first. */
  retries: number;
  /** RAG_LEDGER_SMTP_RETRY_MS: the wait before the first retry, doubled before each next one. */
  retryMs: number;
  /** RAG_LEDGER_REMINDER_CHECK_MINUTES: how often the server looks for papers falling due; 0: never (only on request). */
  checkMinutes: number;
  /** RAG_LEDGER_REMINDER_DAYS: reminders go this many UK days before the papers are due, or fewer. */
  days: number;
}

export const DEFAULT_REMINDERS: Omit<RemindersConfig, 'smtpUrl'> = {
  from: 'RAG Ledger <no-reply@localhost>',
  retries: 4,
  retryMs: 1000,
  checkMinutes: 60,
  days: 7,
};

/** The URL without its password, for messages. */
const withoutPassword = (url: URL) => {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '****';
  return copy.href;
};

export function loadRemindersConfig(env: NodeJS.ProcessEnv): RemindersConfig {
  const smtpUrl = env.RAG_LEDGER_SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(smtpUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
      // Never echo what was given: it may hold the mail account's password.
      throw new ConfigurationError(
        `RAG_LEDGER_SMTP_URL must be the mail server's address, such as smtp://user:password@smtp.council.gov.uk:587 or smtps://smtp.council.gov.uk:465${url ? `, not "${withoutPassword(url)}"` : ''}`,
      );
    }
  }
  const from = env.RAG_LEDGER_SMTP_FROM?.trim() || DEFAULT_REMINDERS.from;
  if (!/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new ConfigurationError(`RAG_LEDGER_SMTP_FROM must be an e-mail address, such as "Improvement Board <improvement.board@council.gov.uk>", not "${from}"`);
  }
  return {
    ...(smtpUrl !== undefined ? { smtpUrl } : {}),
    from,
    retries: wholeNumber(env, 'RAG_LEDGER_SMTP_RETRIES', 0, 10, DEFAULT_REMINDERS.retries, 'retries'),
    retryMs: wholeNumber(env, 'RAG_LEDGER_SMTP_RETRY_MS', 1, 600_000, DEFAULT_REMINDERS.retryMs, 'milliseconds'),
    checkMinutes: wholeNumber(env, 'RAG_LEDGER_REMINDER_CHECK_MINUTES', 0, 1440, DEFAULT_REMINDERS.checkMinutes, 'minutes'),
    days: wholeNumber(env, 'RAG_LEDGER_REMINDER_DAYS', 1, 60, DEFAULT_REMINDERS.days, 'days'),
  };
}
