import { hashSecret, PersonalTokenNameError, PersonalTokens } from '@rag-ledger/identity';
import { freshStore, ManualClock } from './support';

describe('personal API tokens', () => {
  const setup = () => {
    const store = freshStore();
    const clock = new ManualClock();
    return { store, clock, tokens: new PersonalTokens(store, clock) };
  };

  it('are rlp_ and 32 random bytes, returned once and kept only as a SHA-256', () => {
    const { store, tokens } = setup();
    const created = tokens.create('cs', '  Monthly   report ', 30);
    expect(created.token).toMatch(/^rlp_[A-Za-z0-9_-]{43}$/);
    expect(created).toEqual({ id: expect.any(String), name: 'Monthly report', createdAt: '2013-11-21T09:00:00.000Z', expiresAt: '2013-12-21T09:00:00.000Z', token: created.token });
    expect(store.tokenByHash(hashSecret(created.token))?.id).toBe(created.id);
    expect(store.tokenByHash(created.token)).toBeUndefined();
    // Listed without the token.
    expect(tokens.list('cs')).toEqual([{ id: created.id, name: 'Monthly report', createdAt: '2013-11-21T09:00:00.000Z', expiresAt: '2013-12-21T09:00:00.000Z' }]);
    expect(JSON.stringify(tokens.list('cs'))).not.toContain(created.token);
  });

  it('authenticate as their person and record the last use', () => {
    const { clock, tokens } = setup();
    const { token, id } = tokens.create('cs', 'Script');
    clock.advanceMinutes(5);
    expect(tokens.authenticate(token)).toMatchObject({ id, personId: 'cs', lastUsedAt: '2013-11-21T09:05:00.000Z' });
    expect(tokens.list('cs')[0].lastUsedAt).toBe('2013-11-21T09:05:00.000Z');
    expect(tokens.authenticate(`${token}x`)).toBeUndefined();
    expect(tokens.authenticate('rlp_guess')).toBeUndefined();
    expect(tokens.authenticate(token.slice(4))).toBeUndefined();
  });

  it('write their last use down at most once a minute', () => {
    const { clock, tokens } = setup();
    const { token } = tokens.create('cs', 'Busy script');
    tokens.authenticate(token);
    clock.advanceMinutes(0.5);
    tokens.authenticate(token);
    expect(tokens.list('cs')[0].lastUsedAt).toBe('2013-11-21T09:00:00.000Z');
    clock.advanceMinutes(0.5);
    tokens.authenticate(token);
    expect(tokens.list('cs')[0].lastUsedAt).toBe('2013-11-21T09:01:00.000Z');
  });

  it('stop working when they expire', () => {
    const { clock, tokens } = setup();
    const { token } = tokens.create('cs', 'Short-lived', 1);
    clock.advanceMinutes(24 * 60 - 1);
    expect(tokens.authenticate(token)).toBeDefined();
    clock.advanceMinutes(1);
    expect(tokens.authenticate(token)).toBeUndefined();
  });

  it('are revoked by their own person only, and stop working at once', () => {
    const { tokens } = setup();
    const mine = tokens.create('cs', 'Mine');
    expect(tokens.revoke('ab', mine.id)).toBe(false);
    expect(tokens.authenticate(mine.token)).toBeDefined();
    expect(tokens.revoke('cs', mine.id)).toBe(true);
    expect(tokens.authenticate(mine.token)).toBeUndefined();
    expect(tokens.list('cs')).toEqual([]);
    expect(tokens.revoke('cs', mine.id)).toBe(false);
  });

  it('need a name', () => {
    const { tokens } = setup();
    expect(() => tokens.create('cs', '   ')).toThrow(PersonalTokenNameError);
    expect(() => tokens.create('cs', 'x'.repeat(101))).toThrow(/at most 100/);
  });
});
