import { SmtpSender } from '../../../apps/api/src/reminders/smtp-sender';
import { parseMail, startSmtpTestServer, type Behaviour, type SmtpTestServer } from '../../support/smtp-test-server';

const MAIL = {
  from: 'Improvement Board <improvement.board@norfolk.gov.uk>',
  to: 'chris.snudden@norfolk.gov.uk',
  subject: 'Reminder: your action before Improvement Board, March on 12 March 2014',
  text: 'Dear Chris Snudden,\n\nEDU 2.1: Chairs of Governors told – by 31 January 2014\n',
  html: '<p>Dear Chris Snudden,</p>',
  messageId: '<reminder.IB-2014-03-12.CS-1234abcd@rag-ledger.norfolk.gov.uk>',
};

/** The waits the sender asked for, taken at once: the test checks the back-off, not the clock. */
function sender(server: SmtpTestServer, retries = 4) {
  const waits: number[] = [];
  const smtp = new SmtpSender(server.url, { retries, firstDelayMs: 10 }, async (ms) => void waits.push(ms));
  return { smtp, waits };
}

describe('sending a digest over SMTP, with retries', () => {
  let server: SmtpTestServer | undefined;
  afterEach(async () => server?.close());
  const start = async (behaviour?: Behaviour) => (server = await startSmtpTestServer(behaviour));

  it('hands the message to the server once, as written', async () => {
    const s = await start();
    const { smtp, waits } = sender(s);
    await expect(smtp.send(MAIL)).resolves.toEqual({ accepted: true, attempts: 1 });
    expect(waits).toEqual([]);
    expect(s.received).toHaveLength(1);
    expect(s.received[0]).toMatchObject({ from: 'improvement.board@norfolk.gov.uk', to: ['chris.snudden@norfolk.gov.uk'] });
    const { headers, parts } = parseMail(s.received[0].raw);
    expect(headers['message-id']).toBe(MAIL.messageId);
    expect(headers.subject).toBe(MAIL.subject);
    expect(parts['text/plain'].trimEnd()).toBe(MAIL.text.replace(/\n/g, '\r\n').trimEnd());
    expect(parts['text/html']).toBe(MAIL.html);
    smtp.close();
  });

  it('tries again after a temporary refusal (451), waiting twice as long each time, until the server takes it', async () => {
    const s = await start((attempt) => (attempt <= 2 ? { refuse: 451, message: 'Try again later' } : 'accept'));
    const { smtp, waits } = sender(s);
    await expect(smtp.send(MAIL)).resolves.toEqual({ accepted: true, attempts: 3 });
    expect(waits).toEqual([10, 20]);
    expect(s.received).toHaveLength(1);
  });

  it('tries again on a fresh connection when the server drops the connection mid-message', async () => {
    const s = await start((attempt) => (attempt === 1 ? 'drop' : 'accept'));
    const { smtp, waits } = sender(s);
    await expect(smtp.send(MAIL)).resolves.toEqual({ accepted: true, attempts: 2 });
    expect(waits).toEqual([10]);
    expect(s.attempts()).toBe(2);
    expect(s.received).toHaveLength(1);
  });

  it('gives up after the retries, saying why, when the server always refuses', async () => {
    const s = await start(() => ({ refuse: 451, message: 'Mailbox busy' }));
    const { smtp, waits } = sender(s, 3);
    const outcome = await smtp.send(MAIL);
    expect(outcome).toEqual({ accepted: false, attempts: 4, why: expect.stringMatching(/^the mail server refused it \(451 Mailbox busy\), after 4 tries$/) });
    expect(waits).toEqual([10, 20, 40]);
    expect(s.received).toHaveLength(0);
  });

  it('does not try again when the server says no for good (550)', async () => {
    const s = await start(() => ({ refuse: 550, message: 'No such mailbox' }));
    const { smtp, waits } = sender(s);
    await expect(smtp.send(MAIL)).resolves.toEqual({ accepted: false, attempts: 1, why: expect.stringContaining('550 No such mailbox') });
    expect(waits).toEqual([]);
  });

  it('says the server could not be reached when nothing listens', async () => {
    const s = await start();
    await s.close();
    server = undefined;
    const { smtp, waits } = sender(s, 1);
    await expect(smtp.send(MAIL)).resolves.toEqual({ accepted: false, attempts: 2, why: 'the mail server could not be reached, after 2 tries' });
    expect(waits).toEqual([10]);
  });
});
