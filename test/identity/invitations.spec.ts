import { hashSecret, Invitations } from '@rag-ledger/identity';
import { freshStore, ManualClock } from './support';

describe('set-up links', () => {
  const setup = () => {
    const store = freshStore();
    const clock = new ManualClock();
    return { store, clock, invitations: new Invitations(store, clock, { invitationDays: 7 }) };
  };

  it('are 32 random bytes kept only as a SHA-256, and expire after the configured days', () => {
    const { store, invitations } = setup();
    const expiresAt = invitations.expiryFromNow();
    expect(expiresAt).toBe('2013-11-28T09:00:00.000Z');
    const issued = invitations.issue('cs', 'inv-1', 'invitation', expiresAt);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.invitationByTokenHash(hashSecret(issued.token))).toMatchObject({ invitationId: 'inv-1', personId: 'cs', purpose: 'invitation', expiresAt });
    expect(store.invitationByTokenHash(issued.token)).toBeUndefined();
    expect(invitations.issue('cs', 'inv-2', 'reset', expiresAt).token).not.toBe(issued.token);
  });

  it('are single use: the second use is refused', () => {
    const { invitations } = setup();
    const { token } = invitations.issue('cs', 'inv-1', 'invitation', invitations.expiryFromNow());
    const found = invitations.find(token);
    expect('invitation' in found && found.invitation.personId).toBe('cs');
    expect(invitations.use('inv-1')).toBe(true);
    expect(invitations.use('inv-1')).toBe(false);
    expect(invitations.find(token)).toEqual({ refused: 'used' });
  });

  it('are refused once expired, and when unknown', () => {
    const { clock, invitations } = setup();
    const { token } = invitations.issue('cs', 'inv-1', 'invitation', invitations.expiryFromNow());
    clock.advanceMinutes(7 * 24 * 60 - 1);
    expect('invitation' in invitations.find(token)).toBe(true);
    clock.advanceMinutes(1);
    expect(invitations.find(token)).toEqual({ refused: 'expired' });
    expect(invitations.find('made-up')).toEqual({ refused: 'unknown' });
  });
});
