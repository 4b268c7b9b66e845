import { DomainError, NothingToReviseError, requireReason } from '../shared/errors';
import type { Role } from '../shared/metadata';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { foldEmail, foldInitials, isValidEmail, isValidInitials } from './initials';
import {
  EmailTakenError,
  InitialsTakenError,
  InvitationNeedsEmailError,
  InvitationNotValidError,
  LastAdminError,
  PeopleImportRefusedError,
  OwnerRightNeedsPlanError,
  PersonAlreadyExistsError,
  PersonDeactivatedError,
  PersonDetailsInvalidError,
  PersonNotFoundError,
  RightNeedsNoPlanError,
  RightNeedsNoSchoolError,
  RightNotHeldError,
  SchoolRightNeedsUrnError,
  UrnInvalidError,
} from './people.errors';
import { activeAdminIds, evolvePeople, schoolRightKey, type PeopleState, type PersonState } from './people.state';
import type { CouncilRole, InvitationPurpose, PersonDetails, PersonEvent, SchoolRightRole } from './person.events';

/** Without a personId, the person gets one from their initials (see personIdFor). */
export interface AddPerson {
  type: 'AddPerson';
  data: { personId?: string } & PersonDetails;
}

/** One row of a list of people: `line` is where the file printed it, for the problems a refusal names. */
export type ImportedPersonRow = { personId?: string; line?: number } & PersonDetails;

/**
 * Many people at once (a glossary or a CSV): one command, so the whole list is written or none
 * of it. A row whose initials are already in the directory revises that person's details with
 * what it gives (nothing, when it says what is there): a repeated import changes nothing.
 */
export interface ImportPeople {
  type: 'ImportPeople';
  data: { people: ImportedPersonRow[]; reason: string };
}

export interface RevisePersonDetails {
  type: 'RevisePersonDetails';
  data: { personId: string; changes: Partial<PersonDetails>; reason: string };
}

/** `planId` for the owner role only; `urn` for the school role (required) and the board role (a named school). */
export interface GrantRight {
  type: 'GrantRight';
  data: { personId: string; role: Role; planId?: string; urn?: string; reason: string };
}

export interface RevokeRight {
  type: 'RevokeRight';
  data: { personId: string; role: Role; planId?: string; urn?: string; reason: string };
}

export interface InvitePerson {
  type: 'InvitePerson';
  data: { personId: string; invitationId: string; purpose: InvitationPurpose; expiresAt: string };
}

/** `now` is the instant of acceptance (ISO 8601): commands are plain data, so the clock is passed in. */
export interface AcceptInvitation {
  type: 'AcceptInvitation';
  data: { personId: string; invitationId: string; now: string };
}

export interface DeactivatePerson {
  type: 'DeactivatePerson';
  data: { personId: string; reason: string };
}

export interface ReactivatePerson {
  type: 'ReactivatePerson';
  data: { personId: string; reason: string };
}

export type PeopleCommand =
  | AddPerson
  | ImportPeople
  | RevisePersonDetails
  | GrantRight
  | RevokeRight
  | InvitePerson
  | AcceptInvitation
  | DeactivatePerson
  | ReactivatePerson;

/** Trims the details and checks them; email lower-cased, initials folded. */
function cleanDetails<T extends Partial<PersonDetails>>(details: T): T {
  const clean: Partial<PersonDetails> = {};
  if (details.name !== undefined) {
    clean.name = details.name.trim().replace(/\s+/g, ' ');
    if (clean.name === '') throw new PersonDetailsInvalidError('A person needs a name.');
  }
  if (details.initials !== undefined) {
    clean.initials = foldInitials(details.initials.trim());
    if (!isValidInitials(clean.initials)) {
      throw new PersonDetailsInvalidError(`"${details.initials}" are not initials as the plans print them: a capital letter, then up to seven letters (such as "CS" or "AMcK").`);
    }
  }
  // A blank job title (an empty cell of a CSV) is none, not a title of no words.
  if (details.jobTitle !== undefined && details.jobTitle.trim() !== '') clean.jobTitle = details.jobTitle.trim().replace(/\s+/g, ' ');
  if (details.email !== undefined) {
    clean.email = foldEmail(details.email);
    if (!isValidEmail(clean.email)) throw new PersonDetailsInvalidError(`"${details.email}" is not an email address.`);
  }
  return withoutUndefined(clean) as T;
}

function assertUnique(state: PeopleState, personId: string, details: Partial<PersonDetails>): void {
  if (details.initials !== undefined) {
    const holder = state.byInitials.get(foldInitials(details.initials));
    if (holder !== undefined && holder !== personId) throw new InitialsTakenError(details.initials, state.people.get(holder)!.name);
  }
  if (details.email !== undefined) {
    const holder = state.byEmail.get(foldEmail(details.email));
    if (holder !== undefined && holder !== personId) throw new EmailTakenError(details.email, state.people.get(holder)!.name);
  }
}

function personOf(state: PeopleState, personId: string): PersonState {
  const person = state.people.get(personId);
  if (!person) throw new PersonNotFoundError(personId);
  return person;
}

/** A school's URN, as the national schools list prints it: six digits. */
const URN = /^\d{6}$/;

/**
 * Which right the command names: a council-wide role, a plan's (owner, with planId), or a
 * school's (school with its urn; board with a named school's urn, or none for the council-wide role).
 */
type RightNamed = { kind: 'council'; role: CouncilRole } | { kind: 'plan'; planId: string } | { kind: 'school'; role: SchoolRightRole; urn: string };

function rightNamed(role: Role, planId: string | undefined, urn: string | undefined): RightNamed {
  if (role === 'owner' && !planId) throw new OwnerRightNeedsPlanError();
  if (role !== 'owner' && planId !== undefined) throw new RightNeedsNoPlanError(role);
  if (role === 'school' && urn === undefined) throw new SchoolRightNeedsUrnError();
  if (urn !== undefined && role !== 'school' && role !== 'board') throw new RightNeedsNoSchoolError(role);
  if (urn !== undefined && !URN.test(urn)) throw new UrnInvalidError(urn);
  if (role === 'owner') return { kind: 'plan', planId: planId! };
  if (role === 'school' || urn !== undefined) return { kind: 'school', role: role as SchoolRightRole, urn: urn! };
  return { kind: 'council', role: role as CouncilRole };
}

/**
 * The id a person gets when none is given: their initials in lower case (`cs`), the way an
 * admin would type it; `cs-2`, `cs-3`... when that id is already somebody's (initials are
 * unique, but a person whose initials were revised keeps their old id).
 */
export function personIdFor(state: PeopleState, initials: string): string {
  const base = foldInitials(initials.trim()).toLowerCase();
  if (!state.people.has(base)) return base;
  for (let n = 2; ; n++) if (!state.people.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whether taking this away would leave no active administrator. */
const wouldRemoveLastAdmin = (state: PeopleState, person: PersonState): boolean => {
  const admins = activeAdminIds(state);
  return admins.length === 1 && admins[0] === person.id;
};

export function decidePeople(command: PeopleCommand, state: PeopleState): PersonEvent[] {
  switch (command.type) {
    case 'AddPerson': {
      const { personId: given, ...details } = command.data;
      const clean = cleanDetails(details);
      const personId = given ?? personIdFor(state, clean.initials);
      if (state.people.has(personId)) throw new PersonAlreadyExistsError(personId);
      assertUnique(state, personId, clean);
      return [{ type: 'PersonAdded', data: { personId, ...clean } }];
    }
    case 'ImportPeople': {
      // Each row is decided on the directory as the rows before it left it, so two rows with
      // the same initials in one file are caught like a clash with the directory. Every row is
      // decided, so a refusal names all the wrong ones; then all are written, or none.
      const reason = requireReason(command.data.reason, 'importing people');
      const events: PersonEvent[] = [];
      const problems: string[] = [];
      let current = state;
      command.data.people.forEach((row, index) => {
        const { personId, line, ...details } = row;
        try {
          const clean = cleanDetails(details);
          const existingId = current.byInitials.get(clean.initials);
          const decided: PersonEvent[] =
            existingId === undefined
              ? decidePeople({ type: 'AddPerson', data: { ...(personId !== undefined ? { personId } : {}), ...clean } }, current)
              : decideRevision(current, existingId, clean, reason);
          for (const event of decided) current = evolvePeople(current, event);
          events.push(...decided);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push(`${line !== undefined ? `line ${line}` : `row ${index + 1}`}: ${error.message}`);
        }
      });
      if (problems.length > 0) throw new PeopleImportRefusedError(problems);
      return events;
    }
    case 'RevisePersonDetails': {
      const { personId, changes } = command.data;
      const events = decideRevision(state, personId, cleanDetails(changes), requireReason(command.data.reason, 'the change'));
      if (events.length === 0) throw new NothingToReviseError(`the directory entry of ${personOf(state, personId).name}`);
      return events;
    }
    case 'GrantRight': {
      const { personId } = command.data;
      const reason = requireReason(command.data.reason, 'granting a right');
      const right = rightNamed(command.data.role, command.data.planId, command.data.urn);
      const person = personOf(state, personId);
      if (!person.active) throw new PersonDeactivatedError(person.name, 'granting them a right');
      // A right already held is granted again as nothing: an admin's repeated click changes nothing.
      switch (right.kind) {
        case 'plan':
          return person.ownedPlans.has(right.planId) ? [] : [{ type: 'PlanOwnershipGranted', data: { personId, planId: right.planId, reason } }];
        case 'school':
          return person.schoolRights.has(schoolRightKey(right.role, right.urn)) ? [] : [{ type: 'SchoolRightGranted', data: { personId, role: right.role, urn: right.urn, reason } }];
        case 'council':
          return person.roles.has(right.role) ? [] : [{ type: 'RoleGranted', data: { personId, role: right.role, reason } }];
      }
      break;
    }
    case 'RevokeRight': {
      const { personId, role } = command.data;
      const reason = requireReason(command.data.reason, 'revoking a right');
      const right = rightNamed(role, command.data.planId, command.data.urn);
      const person = personOf(state, personId);
      switch (right.kind) {
        case 'plan':
          if (!person.ownedPlans.has(right.planId)) throw new RightNotHeldError(person.name, role, right.planId);
          return [{ type: 'PlanOwnershipRevoked', data: { personId, planId: right.planId, reason } }];
        case 'school':
          if (!person.schoolRights.has(schoolRightKey(right.role, right.urn))) throw new RightNotHeldError(person.name, role, undefined, right.urn);
          return [{ type: 'SchoolRightRevoked', data: { personId, role: right.role, urn: right.urn, reason } }];
        case 'council':
          if (!person.roles.has(right.role)) throw new RightNotHeldError(person.name, role);
          if (right.role === 'admin' && wouldRemoveLastAdmin(state, person)) throw new LastAdminError(person.name);
          return [{ type: 'RoleRevoked', data: { personId, role: right.role, reason } }];
      }
      break;
    }
    case 'InvitePerson': {
      const { personId, invitationId, purpose, expiresAt } = command.data;
      const person = personOf(state, personId);
      if (!person.active) throw new PersonDeactivatedError(person.name, 'inviting them');
      if (person.email === undefined) throw new InvitationNeedsEmailError(person.name);
      return [{ type: 'PersonInvited', data: { personId, invitationId, purpose, expiresAt } }];
    }
    case 'AcceptInvitation': {
      const { personId, invitationId, now } = command.data;
      const person = state.people.get(personId);
      const invitation = person?.invitations.get(invitationId);
      if (!person || !invitation) throw new InvitationNotValidError('unknown');
      if (invitation.accepted) throw new InvitationNotValidError('used');
      if (Date.parse(invitation.expiresAt) <= Date.parse(now)) throw new InvitationNotValidError('expired');
      // Only the newest link works: issuing a new one (a reset after a lost email) retires the old.
      const newest = [...person.invitations.keys()].at(-1);
      if (newest !== invitationId) throw new InvitationNotValidError('superseded');
      if (!person.active) throw new PersonDeactivatedError(person.name, 'they set a password');
      return [{ type: 'InvitationAccepted', data: { personId, invitationId } }];
    }
    case 'DeactivatePerson': {
      const { personId } = command.data;
      const reason = requireReason(command.data.reason, 'deactivating a person');
      const person = personOf(state, personId);
      if (!person.active) return [];
      if (person.roles.has('admin') && wouldRemoveLastAdmin(state, person)) throw new LastAdminError(person.name);
      return [{ type: 'PersonDeactivated', data: { personId, reason } }];
    }
    case 'ReactivatePerson': {
      const { personId } = command.data;
      const reason = requireReason(command.data.reason, 'reactivating a person');
      const person = personOf(state, personId);
      return person.active ? [] : [{ type: 'PersonReactivated', data: { personId, reason } }];
    }
  }
}

function decideRevision(state: PeopleState, personId: string, clean: Partial<PersonDetails>, reason: string): PersonEvent[] {
  const person = personOf(state, personId);
  const changes = changedFields(clean, person);
  if (Object.keys(changes).length === 0) return [];
  assertUnique(state, personId, changes);
  return [{ type: 'PersonDetailsRevised', data: { personId, changes, reason } }];
}
