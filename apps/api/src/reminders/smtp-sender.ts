import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';

export type SendOutcome = { accepted: true; attempts: number } | { accepted: false; attempts: number; why: string };

export interface RetryPolicy {
  /** Further tries after the first. */
  retries: number;
  /** The wait before the first retry, in ms; doubled before each next one. */
  firstDelayMs: number;
}

/** SMTP's own split: a 5xx reply is the server saying no for good (an unknown mailbox), so trying again cannot help. */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** What went wrong, in words for the admin page; never the server's address or account. */
function describe(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; syscall?: string; message?: string };
  if (typeof e.responseCode === 'number') return `the mail server refused it (${e.response ?? e.responseCode})`;
  if (e.syscall === 'connect' || e.syscall === 'getaddrinfo' || e.code === 'EDNS') return 'the mail server could not be reached';
  if (e.code === 'ETIMEDOUT') return 'the mail server did not answer in time';
  if (e.code === 'ECONNECTION' || e.code === 'ECONNRESET' || e.code === 'ESOCKET') return 'the mail server closed the connection';
  return `it could not be sent (${e.message ?? String(error)})`;
}

/**
 * Sends digests over SMTP (nodemailer), trying a send the server did not take again with
 * exponential back-off: a mail server busy or restarting (421, 451, a dropped connection) is
 * the common case, and an hour's wait for the next check would risk missing the papers' day.
 * One connection per message (no pool): a retry starts on a fresh connection.
 */
export class SmtpSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly policy: RetryPolicy,
    /** Resolves after the wait, or at once when the server is stopping. */
    private readonly wait: (ms: number) => Promise<void>,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(mail: SendMailOptions, stopping: () => boolean = () => false): Promise<SendOutcome> {
    let delay = this.policy.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transport.sendMail(mail);
        return { accepted: true, attempts: attempt };
      } catch (error) {
        const last = attempt > this.policy.retries || isPermanent(error) || stopping();
        if (last) return { accepted: false, attempts: attempt, why: `${describe(error)}${attempt > 1 ? `, after ${attempt} tries` : ''}` };
        await this.wait(delay);
        delay *= 2;
      }
    }
  }

  close(): void {
    this.transport.close();
  }
}
