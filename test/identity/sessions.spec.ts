import { hashSecret, Sessions } from '@rag-ledger/identity';
import { freshStore, ManualClock } from './support';

describe('sessions', () => {
  const setup = () => {
    const store = freshStore();
    const clock = new ManualClock();
    return { store, clock, sessions: new Sessions(store, clock, { sessionIdleMinutes: 30, sessionMaxHours: 12 }) };
  };

  it('starts with a random id and CSRF token, kept only as the id\'s SHA-256', () => {
    const { store, sessions } = setup();
    const a = sessions.start('cs');
    const b = sessions.start('cs');
    expect(a.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(a.expiresAt).toBe('2013-11-21T21:00:00.000Z');
    expect(store.sessionByIdHash(hashSecret(a.sessionId))?.personId).toBe('cs');
    // Looked up by the secret itself, nothing is found: the store does not have it.
    expect(store.sessionByIdHash(a.sessionId)).toBeUndefined();
  });

  it('resumes a live session; an unknown id resumes nothing', () => {
    const { sessions } = setup();
    const started = sessions.start('cs');
    expect(sessions.resume(started.sessionId)).toEqual({ personId: 'cs', csrfToken: started.csrfToken, expiresAt: started.expiresAt, idleExpiresAt: '2013-11-21T09:30:00.000Z' });
    expect(sessions.resume('not-a-session')).toBeUndefined();
  });

  it('ends after the idle time without a request; each request moves it on, a look without touching does not', () => {
    const { clock, sessions } = setup();
    const { sessionId } = sessions.start('cs');
    clock.advanceMinutes(29);
    expect(sessions.resume(sessionId)).toBeDefined();
    clock.advanceMinutes(29);
    expect(sessions.resume(sessionId, { touch: false })?.idleExpiresAt).toBe('2013-11-21T09:59:00.000Z');
    clock.advanceMinutes(1);
    expect(sessions.resume(sessionId)).toBeUndefined();
    // Once ended it stays ended.
    clock.advanceMinutes(-10);
    expect(sessions.resume(sessionId)).toBeUndefined();
  });

  it('writes a busy session\'s last request down at most every 5 seconds', () => {
    const { store, clock, sessions } = setup();
    const { sessionId } = sessions.start('cs');
    clock.advanceMinutes(1 / 20);
    sessions.resume(sessionId);
    expect(store.sessionByIdHash(hashSecret(sessionId))?.lastSeenAt).toBe('2013-11-21T09:00:00.000Z');
    clock.advanceMinutes(1 / 30);
    expect(sessions.resume(sessionId)?.idleExpiresAt).toBe('2013-11-21T09:30:05.000Z');
    expect(store.sessionByIdHash(hashSecret(sessionId))?.lastSeenAt).toBe('2013-11-21T09:00:05.000Z');
  });

  it('ends at its absolute expiry however busy, and its idle expiry never goes past that', () => {
    const { clock, sessions } = setup();
    const { sessionId } = sessions.start('cs');
    for (let i = 0; i < 28; i++) {
      clock.advanceMinutes(25);
      expect(sessions.resume(sessionId)).toBeDefined();
    }
    // 11 h 40 min in: the idle expiry would be 12 h 10 min, but the session ends at 12 h.
    expect(sessions.resume(sessionId)?.idleExpiresAt).toBe('2013-11-21T21:00:00.000Z');
    clock.advanceMinutes(20);
    expect(sessions.resume(sessionId)).toBeUndefined();
  });

  it('sign-out ends one session; ending all of a person\'s leaves others\' alone', () => {
    const { sessions } = setup();
    const one = sessions.start('cs');
    const two = sessions.start('cs');
    const other = sessions.start('ab');
    sessions.end(one.sessionId);
    expect(sessions.resume(one.sessionId)).toBeUndefined();
    expect(sessions.resume(two.sessionId)).toBeDefined();
    expect(sessions.endAllOf('cs')).toBe(1);
    expect(sessions.resume(two.sessionId)).toBeUndefined();
    expect(sessions.resume(other.sessionId)).toBeDefined();
  });
});
