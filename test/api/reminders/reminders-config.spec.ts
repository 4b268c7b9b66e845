import { loadConfig } from '../../../apps/api/src/config/app-config';

const load = (env: Record<string, string>) => loadConfig({ RAG_LEDGER_DATA_DIR: '/tmp/rag-ledger-config-test', ...env }).reminders;

describe('the reminders settings', () => {
  it('default to files in the data directory, four retries from one second, an hourly check and seven days ahead', () => {
    expect(load({})).toEqual({ from: 'RAG Ledger <no-reply@localhost>', retries: 4, retryMs: 1000, checkMinutes: 60, days: 7 });
  });

  it('take the SMTP server, the sender and the timings from the environment', () => {
    expect(
      load({
        RAG_LEDGER_SMTP_URL: 'smtps://board:secret@smtp.norfolk.gov.uk:465',
        RAG_LEDGER_SMTP_FROM: 'Improvement Board <improvement.board@norfolk.gov.uk>',
        RAG_LEDGER_SMTP_RETRIES: '0',
        RAG_LEDGER_SMTP_RETRY_MS: '250',
        RAG_LEDGER_REMINDER_CHECK_MINUTES: '0',
        RAG_LEDGER_REMINDER_DAYS: '10',
      }),
    ).toEqual({ smtpUrl: 'smtps://board:secret@smtp.norfolk.gov.uk:465', from: 'Improvement Board <improvement.board@norfolk.gov.uk>', retries: 0, retryMs: 250, checkMinutes: 0, days: 10 });
  });

  it('refuse an address that is not an SMTP server, without repeating its password', () => {
    expect(() => load({ RAG_LEDGER_SMTP_URL: 'https://board:secret@smtp.norfolk.gov.uk' })).toThrow(/^RAG_LEDGER_SMTP_URL must be the mail server's address/);
    expect(() => load({ RAG_LEDGER_SMTP_URL: 'https://board:secret@smtp.norfolk.gov.uk' })).not.toThrow(/secret/);
    expect(() => load({ RAG_LEDGER_SMTP_URL: 'smtp.norfolk.gov.uk' })).toThrow(/RAG_LEDGER_SMTP_URL/);
  });

  it.each([
    ['RAG_LEDGER_SMTP_RETRIES', '11'],
    ['RAG_LEDGER_SMTP_RETRY_MS', '0'],
    ['RAG_LEDGER_REMINDER_CHECK_MINUTES', 'hourly'],
    ['RAG_LEDGER_REMINDER_DAYS', '0'],
    ['RAG_LEDGER_SMTP_FROM', 'the board'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(new RegExp(`^${name} must be`));
  });
});
