import { argon2idHasher, PasswordSignIn } from '@rag-ledger/identity';
import { freshStore, ManualClock, plainHasher } from './support';

describe('signing in with a password', () => {
  const setup = () => {
    const store = freshStore();
    const clock = new ManualClock();
    store.setPasswordHash('cs', 'plain:plum kettle harbour', clock.now().toISOString());
    return { store, clock, signIn: new PasswordSignIn(store, plainHasher, clock, { lockAfterFailures: 5, lockMinutes: 15 }) };
  };

  it('lets the right password in, and refuses a wrong one and an unknown email alike', async () => {
    const { signIn } = setup();
    expect(await signIn.attempt('CS@norfolk.gov.uk', 'plum kettle harbour', 'cs')).toEqual({ kind: 'signed-in', personId: 'cs' });
    expect(await signIn.attempt('cs@norfolk.gov.uk', 'wrong', 'cs')).toEqual({ kind: 'refused' });
    expect(await signIn.attempt('nobody@norfolk.gov.uk', 'plum kettle harbour', undefined)).toEqual({ kind: 'refused' });
  });

  it('refuses a person who has no password yet, whatever is typed', async () => {
    const { signIn } = setup();
    expect(await signIn.attempt('ab@norfolk.gov.uk', '', 'ab')).toEqual({ kind: 'refused' });
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even to the right one', async () => {
    const { clock, signIn } = setup();
    for (let i = 0; i < 5; i++) expect((await signIn.attempt('cs@norfolk.gov.uk', `wrong ${i}`, 'cs')).kind).toBe('refused');
    expect(await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).toEqual({ kind: 'locked', retryAfterSeconds: 900 });
    clock.advanceMinutes(14);
    expect(await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).toEqual({ kind: 'locked', retryAfterSeconds: 60 });
    clock.advanceMinutes(1);
    expect(await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).toEqual({ kind: 'signed-in', personId: 'cs' });
  });

  it('locks unknown emails the same way, so the answers do not tell which exist', async () => {
    const { signIn } = setup();
    for (let i = 0; i < 5; i++) await signIn.attempt('guess@norfolk.gov.uk', 'x', undefined);
    expect((await signIn.attempt('guess@norfolk.gov.uk', 'x', undefined)).kind).toBe('locked');
    // Per account: another email is not locked.
    expect((await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).kind).toBe('signed-in');
  });

  it('counts failures within 15 minutes of the first; a success starts the count again', async () => {
    const { clock, signIn } = setup();
    for (let i = 0; i < 4; i++) await signIn.attempt('cs@norfolk.gov.uk', 'wrong', 'cs');
    clock.advanceMinutes(16);
    // The four are forgotten: four more do not lock.
    for (let i = 0; i < 4; i++) expect((await signIn.attempt('cs@norfolk.gov.uk', 'wrong', 'cs')).kind).toBe('refused');
    expect((await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).kind).toBe('signed-in');
    for (let i = 0; i < 4; i++) expect((await signIn.attempt('cs@norfolk.gov.uk', 'wrong', 'cs')).kind).toBe('refused');
    expect((await signIn.attempt('cs@norfolk.gov.uk', 'plum kettle harbour', 'cs')).kind).toBe('signed-in');
  });
});

describe('argon2id hashes', () => {
  it('are argon2id, salted (two hashes of one password differ), and verify only the right password', async () => {
    const a = await argon2idHasher.hash('plum kettle harbour');
    const b = await argon2idHasher.hash('plum kettle harbour');
    expect(a).toMatch(/^\$argon2id\$v=19\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('plum');
    expect(await argon2idHasher.verify(a, 'plum kettle harbour')).toBe(true);
    expect(await argon2idHasher.verify(a, 'plum kettle harbouR')).toBe(false);
    expect(await argon2idHasher.verify('not a hash', 'plum kettle harbour')).toBe(false);
  });
});
