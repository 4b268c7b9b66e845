import { randomUUID } from 'node:crypto';
import { DIRECTORY_ID, foldInitials, peopleDecider, personByEmail, type PeopleCommand } from '@rag-ledger/domain';
import type { EventStore } from '@rag-ledger/event-store';
import { Invitations, type CredentialStore } from '@rag-ledger/identity';
import { WritePath, type Clock, type WriteContext } from '@rag-ledger/write-path';
import type { AppConfig } from '../config/app-config';
import { issueLink, type IssuedLink } from './issue-link';

/** Why the first administrator could not be set up, for the person at the command line. */
export class FirstAdminRefusal extends Error {}

export interface FirstAdminRequest {
  email: string;
  name: string;
  initials?: string;
  /** Issue a reset link to an admin who has a password already. */
  reset?: boolean;
}

/** Initials from a name, as plans print them: the first letter of each word ("Ada Lovelace" -> "AL"). */
export const initialsOf = (name: string): string =>
  name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase())
    .join('')
    .slice(0, 8);

export const FIRST_ADMIN_ACTOR = { id: 'admin-create', name: 'First administrator set-up (command line)', role: 'admin' } as const;

/**
 * `npm run admin:create`: adds the person (if nobody has that email), grants them admin ("First
 * administrator"), and issues a set-up link (a reset link with `reset`, for an admin who has a
 * password). Through the one write path, on whichever event store is configured. `say` is told
 * what was done, line by line.
 */
export async function createFirstAdmin(
  store: EventStore,
  credentials: CredentialStore,
  config: AppConfig,
  clock: Clock,
  request: FirstAdminRequest,
  say: (line: string) => void = () => undefined,
): Promise<IssuedLink> {
  const writePath = new WritePath(store, clock);
  const context: WriteContext = { actor: { ...FIRST_ADMIN_ACTOR }, correlationId: randomUUID() };
  const handle = (command: PeopleCommand) => writePath.handle(peopleDecider, DIRECTORY_ID, command, context);
  const state = async () => (await writePath.stateOf(peopleDecider, DIRECTORY_ID)).state;

  let person = personByEmail(await state(), request.email);
  if (!person) {
    const initials = request.initials?.trim() || initialsOf(request.name);
    const personId = foldInitials(initials).toLowerCase();
    if ((await state()).people.has(personId)) throw new FirstAdminRefusal(`the id "${personId}" is taken in the directory: give other --initials`);
    await handle({ type: 'AddPerson', data: { personId, name: request.name, initials, email: request.email } });
    person = (await state()).people.get(personId)!;
    say(`Added ${person.name} (${person.initials}, ${person.email}) to the directory as "${person.id}".`);
  } else {
    say(`${person.name} (${person.email}) is already in the directory as "${person.id}".`);
  }
  if (!person.active) throw new FirstAdminRefusal(`${person.name} is deactivated: an admin must reactivate them (POST /api/people/${person.id}/reactivation) first`);
  const hasPassword = person.hasPassword && credentials.passwordHashOf(person.id) !== undefined;
  if (person.roles.has('admin') && hasPassword && !request.reset) {
    throw new FirstAdminRefusal(`${person.name} is already an administrator with a password. To issue a password reset link, run it again with --reset`);
  }
  if (!person.roles.has('admin')) {
    await handle({ type: 'GrantRight', data: { personId: person.id, role: 'admin', reason: 'First administrator' } });
    say(`Granted ${person.name} the admin role.`);
  }
  const purpose = hasPassword ? 'reset' : 'invitation';
  const issued = await issueLink(writePath, new Invitations(credentials, clock, config.identity), config, person.id, purpose, context);
  say(`\nOpen this ${purpose === 'reset' ? 'password reset' : 'set-up'} link to choose a password (single use, until ${issued.expiresAt}); it is not shown again:`);
  return issued;
}
