import { resolve } from 'node:path';
import { loadConfig } from '../../apps/api/src/config/app-config';

describe('configuration', () => {
  it('has defaults for a fresh machine', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      jwtSecret: undefined,
      eventStoreConnectionString: undefined,
      logLevel: 'info',
      authFailuresPerMinute: 20,
      trustProxy: undefined,
      requestTimeoutSeconds: 30,
      maxEvidenceBytes: 50 * 1024 * 1024,
      identity: { invitationDays: 7, sessionIdleMinutes: 30, sessionMaxHours: 12, lockAfterFailures: 5, lockMinutes: 15 },
      // No SMTP server: digests are written to the data directory.
      reminders: { checkMinutes: 60, days: 7, from: 'RAG Ledger <no-reply@localhost>', retries: 4, retryMs: 1000 },
      sealMinutes: 60,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      RAG_LEDGER_DATA_DIR: '/var/lib/rag-ledger',
      RAG_LEDGER_JWT_SECRET: 'x'.repeat(40),
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      LOG_LEVEL: 'warn',
      RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: '5',
      RAG_LEDGER_TRUST_PROXY: 'loopback, 10.1.0.0/16',
      RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '90',
      RAG_LEDGER_MAX_EVIDENCE_MB: '20',
      RAG_LEDGER_INVITATION_DAYS: '3',
      RAG_LEDGER_SESSION_IDLE_MINUTES: '20',
      RAG_LEDGER_SESSION_MAX_HOURS: '8',
      RAG_LEDGER_PUBLIC_URL: 'https://rag-ledger.norfolk.gov.uk/',
      RAG_LEDGER_SMTP_URL: 'smtp://mail.norfolk.gov.uk:587',
      RAG_LEDGER_SMTP_FROM: 'Improvement Board <improvement.board@norfolk.gov.uk>',
      RAG_LEDGER_SMTP_RETRIES: '2',
      RAG_LEDGER_SMTP_RETRY_MS: '500',
      RAG_LEDGER_REMINDER_CHECK_MINUTES: '30',
      RAG_LEDGER_REMINDER_DAYS: '3',
      RAG_LEDGER_SEAL_MINUTES: '15',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/rag-ledger',
      jwtSecret: 'x'.repeat(40),
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      logLevel: 'warn',
      authFailuresPerMinute: 5,
      trustProxy: 'loopback,10.1.0.0/16',
      requestTimeoutSeconds: 90,
      maxEvidenceBytes: 20 * 1024 * 1024,
      identity: { invitationDays: 3, sessionIdleMinutes: 20, sessionMaxHours: 8, lockAfterFailures: 5, lockMinutes: 15, publicUrl: 'https://rag-ledger.norfolk.gov.uk' },
      reminders: { smtpUrl: 'smtp://mail.norfolk.gov.uk:587', from: 'Improvement Board <improvement.board@norfolk.gov.uk>', retries: 2, retryMs: 500, checkMinutes: 30, days: 3 },
      sealMinutes: 15,
    });
  });

  it('turns the sealing timer off with RAG_LEDGER_SEAL_MINUTES=0', () => {
    expect(loadConfig({ RAG_LEDGER_SEAL_MINUTES: '0' }).sealMinutes).toBe(0);
  });

  it('takes the proxies to trust as a hop count or as addresses and ranges', () => {
    expect(loadConfig({ RAG_LEDGER_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ RAG_LEDGER_TRUST_PROXY: ' uniquelocal ' }).trustProxy).toBe('uniquelocal');
    expect(loadConfig({ RAG_LEDGER_TRUST_PROXY: '192.168.0.10,::1' }).trustProxy).toBe('192.168.0.10,::1');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ RAG_LEDGER_JWT_SECRET: 'short' }, /RAG_LEDGER_JWT_SECRET/],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' }, /EVENTSTORE_CONNECTION_STRING/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: 'lots' }, /RAG_LEDGER_AUTH_FAILURES_PER_MINUTE/],
    [{ RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: '0' }, /RAG_LEDGER_AUTH_FAILURES_PER_MINUTE/],
    // "true" would believe any X-Forwarded-For: anyone could pick the address the limit counts.
    [{ RAG_LEDGER_TRUST_PROXY: 'true' }, /RAG_LEDGER_TRUST_PROXY/],
    [{ RAG_LEDGER_TRUST_PROXY: '0' }, /RAG_LEDGER_TRUST_PROXY/],
    [{ RAG_LEDGER_TRUST_PROXY: '50' }, /RAG_LEDGER_TRUST_PROXY/],
    [{ RAG_LEDGER_TRUST_PROXY: 'proxy.council.example' }, /RAG_LEDGER_TRUST_PROXY/],
    [{ RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '0' }, /RAG_LEDGER_REQUEST_TIMEOUT_SECONDS/],
    [{ RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '1.5' }, /RAG_LEDGER_REQUEST_TIMEOUT_SECONDS/],
    [{ RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '86400' }, /RAG_LEDGER_REQUEST_TIMEOUT_SECONDS/],
    [{ RAG_LEDGER_MAX_EVIDENCE_MB: '0' }, /RAG_LEDGER_MAX_EVIDENCE_MB/],
    [{ RAG_LEDGER_MAX_EVIDENCE_MB: '2.5' }, /RAG_LEDGER_MAX_EVIDENCE_MB/],
    [{ RAG_LEDGER_MAX_EVIDENCE_MB: '5000' }, /RAG_LEDGER_MAX_EVIDENCE_MB/],
    [{ RAG_LEDGER_INVITATION_DAYS: '0' }, /RAG_LEDGER_INVITATION_DAYS/],
    [{ RAG_LEDGER_INVITATION_DAYS: 'a week' }, /RAG_LEDGER_INVITATION_DAYS/],
    [{ RAG_LEDGER_SESSION_IDLE_MINUTES: '1.5' }, /RAG_LEDGER_SESSION_IDLE_MINUTES/],
    [{ RAG_LEDGER_SESSION_MAX_HOURS: '1000' }, /RAG_LEDGER_SESSION_MAX_HOURS/],
    [{ RAG_LEDGER_PUBLIC_URL: 'rag-ledger.norfolk.gov.uk' }, /RAG_LEDGER_PUBLIC_URL/],
    [{ RAG_LEDGER_PUBLIC_URL: 'https://rag-ledger.norfolk.gov.uk/#/signin' }, /RAG_LEDGER_PUBLIC_URL/],
    [{ RAG_LEDGER_SEAL_MINUTES: 'hourly' }, /RAG_LEDGER_SEAL_MINUTES/],
    [{ RAG_LEDGER_SEAL_MINUTES: '2000' }, /RAG_LEDGER_SEAL_MINUTES/],
  ])('stops on a wrong value and names the variable: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
