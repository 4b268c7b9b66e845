import { randomUUID } from 'node:crypto';
import { DIRECTORY_ID, peopleDecider, type InvitationPurpose } from '@rag-ledger/domain';
import type { Invitations } from '@rag-ledger/identity';
import type { WriteContext, WritePath } from '@rag-ledger/write-path';
import type { AppConfig } from '../config/app-config';
import { invitationLink } from '../config/identity-config';

export interface IssuedLink {
  /** The web board's set-up page, ending in the token: shown once, never kept. */
  link: string;
  expiresAt: string;
  invitationId: string;
}

/**
 * Issues a set-up (or reset) link: PersonInvited through the write path (the directory checks
 * the person may be invited), then the token's hash in the credential store. For the API and
 * `npm run admin:create` alike (no framework here).
 */
export async function issueLink(
  writePath: WritePath,
  invitations: Invitations,
  config: AppConfig,
  personId: string,
  purpose: InvitationPurpose,
  context: WriteContext,
): Promise<IssuedLink> {
  const invitationId = randomUUID();
  const expiresAt = invitations.expiryFromNow();
  // No Idempotency-Key: a repeat could not show the same link again (it is never kept), so each request is a new link.
  await writePath.handle(peopleDecider, DIRECTORY_ID, { type: 'InvitePerson', data: { personId, invitationId, purpose, expiresAt } }, { ...context, idempotencyKey: undefined });
  const { token } = invitations.issue(personId, invitationId, purpose, expiresAt);
  return { link: invitationLink(config, token), expiresAt, invitationId };
}
