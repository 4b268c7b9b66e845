import type { InvitationPurpose } from '@rag-ledger/domain';
import type { CredentialStore, InvitationRecord } from './credential-store';
import type { IdentityClock } from './identity-clock';
import { DAY_MS, type IdentitySettings } from './identity-settings';
import { hashSecret, randomSecret } from './secrets';

export interface IssuedInvitation {
  /** The secret that ends the link: returned once, kept only as its SHA-256. */
  token: string;
  expiresAt: string;
}

/** Why a link cannot be used, in the words of the directory's own InvitationNotValidError. */
export type InvitationRefusal = 'unknown' | 'used' | 'expired';

/**
 * Set-up and reset links: 32 random bytes, kept as a SHA-256, single use, expiring after
 * RAG_LEDGER_INVITATION_DAYS. The directory records that a link was issued (PersonInvited, with
 * the invitation's id) and used (InvitationAccepted); this keeps the secret's hash.
 */
export class Invitations {
  constructor(
    private readonly store: CredentialStore,
    private readonly clock: IdentityClock,
    private readonly settings: Pick<IdentitySettings, 'invitationDays'>,
  ) {}

  /** When a link issued now stops working. */
  expiryFromNow(): string {
    return new Date(this.clock.now().getTime() + this.settings.invitationDays * DAY_MS).toISOString();
  }

  issue(personId: string, invitationId: string, purpose: InvitationPurpose, expiresAt: string): IssuedInvitation {
    const token = randomSecret();
    this.store.addInvitation(hashSecret(token), { invitationId, personId, purpose, createdAt: this.clock.now().toISOString(), expiresAt });
    return { token, expiresAt };
  }

  /** The link's invitation when it can still be used, or why not. */
  find(token: string): { invitation: InvitationRecord } | { refused: InvitationRefusal } {
    const invitation = this.store.invitationByTokenHash(hashSecret(token));
    if (!invitation) return { refused: 'unknown' };
    if (invitation.usedAt) return { refused: 'used' };
    if (Date.parse(invitation.expiresAt) <= this.clock.now().getTime()) return { refused: 'expired' };
    return { invitation };
  }

  /** Uses the link up; false when it had been used already (of two at once, one wins). */
  use(invitationId: string): boolean {
    return this.store.markInvitationUsed(invitationId, this.clock.now().toISOString());
  }
}
