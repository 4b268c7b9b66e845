import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore, PersonalTokens } from '@rag-ledger/identity';
import { ManualClock } from './support';

describe('the credential store', () => {
  it('keeps its secrets\' hashes in a file across restarts, never the secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-credentials-'));
    try {
      const file = join(dir, 'credentials.db');
      const first = new CredentialStore(file);
      const { token } = new PersonalTokens(first, new ManualClock()).create('cs', 'Script');
      first.setPasswordHash('cs', '$argon2id$example', '2013-11-21T09:00:00.000Z');
      first.close();
      const again = new CredentialStore(file);
      expect(new PersonalTokens(again, new ManualClock()).authenticate(token)?.personId).toBe('cs');
      expect(again.passwordHashOf('cs')).toBe('$argon2id$example');
      again.close();
      const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
      expect(readFileSync(file).includes(Buffer.from(token.slice(4)))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a password hash when a new password is set', () => {
    const store = CredentialStore.inMemory();
    store.setPasswordHash('cs', 'one', '2013-11-21T09:00:00.000Z');
    store.setPasswordHash('cs', 'two', '2013-11-22T09:00:00.000Z');
    expect(store.passwordHashOf('cs')).toBe('two');
    expect(store.passwordHashOf('ab')).toBeUndefined();
  });

  it('forgets sign-in failures that no longer count', () => {
    const store = CredentialStore.inMemory();
    store.saveFailures('old@x.uk', { failures: 2, firstAt: '2013-11-21T08:00:00.000Z' });
    store.saveFailures('locked@x.uk', { failures: 5, firstAt: '2013-11-21T08:00:00.000Z', lockedUntil: '2013-11-21T09:10:00.000Z' });
    store.saveFailures('new@x.uk', { failures: 1, firstAt: '2013-11-21T08:58:00.000Z' });
    store.forgetFailuresBefore('2013-11-21T08:45:00.000Z');
    expect(store.failuresOf('old@x.uk')).toBeUndefined();
    expect(store.failuresOf('locked@x.uk')?.failures).toBe(5);
    expect(store.failuresOf('new@x.uk')?.failures).toBe(1);
  });
});
