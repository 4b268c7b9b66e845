import { BadRequestException, GoneException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { actingRole, callerOfRights } from '@rag-ledger/contract';
import { DIRECTORY_ID, InvitationNotValidError, peopleDecider, rightsOf, type InvitationPurpose } from '@rag-ledger/domain';
import { CredentialStore, Invitations, passwordProblem, Sessions, type PasswordHasher } from '@rag-ledger/identity';
import { WritePath, type WriteContext } from '@rag-ledger/write-path';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Directory } from './directory';
import { PASSWORD_HASHER } from './identity.module';
import { issueLink, type IssuedLink } from './issue-link';

/** The refusals of a link the directory gives (InvitationNotValidError), and those the credential store finds first. */
const GONE_MESSAGES = {
  unknown: new InvitationNotValidError('unknown').message,
  used: new InvitationNotValidError('used').message,
  expired: new InvitationNotValidError('expired').message,
} as const;

/**
 * Set-up and reset links: issuing one (recorded as PersonInvited, the secret kept only as a
 * hash) and using one to set a password (recorded as InvitationAccepted, the password kept as
 * an argon2id hash). The log says a link was issued and used, by whom and when; never the link.
 * Used by the API and by `npm run admin:create` alike.
 */
@Injectable()
export class Enrolment {
  constructor(
    private readonly writePath: WritePath,
    private readonly directory: Directory,
    private readonly invitations: Invitations,
    private readonly sessions: Sessions,
    private readonly store: CredentialStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Records PersonInvited, then keeps the link's hash; the link is returned here and never again. */
  async invite(personId: string, purpose: InvitationPurpose, context: WriteContext): Promise<IssuedLink> {
    return issueLink(this.writePath, this.invitations, this.config, personId, purpose, context);
  }

  /** Sets the person's password from a link: 410 for a link that cannot be used, 400 for a password the policy refuses. */
  async accept(token: string, password: string, correlationId: string): Promise<void> {
    const found = this.invitations.find(token);
    if ('refused' in found) throw new GoneException(GONE_MESSAGES[found.refused]);
    const { invitation } = found;
    const person = await this.directory.person(invitation.personId);
    if (!person) throw new GoneException(GONE_MESSAGES.unknown);
    const problem = passwordProblem(password, person);
    if (problem) throw new BadRequestException(problem);
    // The event's actor is the person, under the widest role they hold; with none they could do nothing once in.
    const role = actingRole(callerOfRights(rightsOf(person)));
    if (!role) {
      throw new UnprocessableEntityException(
        `${person.name} holds no role yet, so signing in would show nothing: ask the administrator who sent the link to grant one, then use the link again.`,
      );
    }
    const hash = await this.hasher.hash(password);
    try {
      await this.writePath.handle(
        peopleDecider,
        DIRECTORY_ID,
        { type: 'AcceptInvitation', data: { personId: person.id, invitationId: invitation.invitationId, now: this.clock.now().toISOString() } },
        { actor: { id: person.id, name: person.name, role }, correlationId },
      );
    } catch (error) {
      // Used, expired or superseded, as the directory says (the log decides a race between two uses).
      if (error instanceof InvitationNotValidError) throw new GoneException(error.message);
      throw error;
    }
    this.store.transaction(() => {
      this.invitations.use(invitation.invitationId);
      this.store.setPasswordHash(person.id, hash, this.clock.now().toISOString());
    });
    // A new password ends every session the old one (or whoever knew it) had open.
    this.sessions.endAllOf(person.id);
  }
}
