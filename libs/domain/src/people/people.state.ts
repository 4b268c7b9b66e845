import type { Role } from '../shared/metadata';
import { foldEmail, foldInitials } from './initials';
import type { CouncilRole, InvitationPurpose, PersonDetails, PersonEvent, SchoolRightRole } from './person.events';

/** One right a person holds: a council-wide role, the owner role for one plan, or a role for one school (`urn`). */
export interface Right {
  role: Role;
  planId?: string;
  urn?: string;
}

/** The key a school right is kept under: `school:121212`, `board:121212`. */
export const schoolRightKey = (role: SchoolRightRole, urn: string): string => `${role}:${urn}`;

export interface InvitationState {
  purpose: InvitationPurpose;
  expiresAt: string;
  accepted: boolean;
}

export interface PersonState extends PersonDetails {
  id: string;
  active: boolean;
  /** Council-wide roles (admin, board, auditor, officer). */
  roles: ReadonlySet<CouncilRole>;
  /** The plans the person owns (the owner role, plan by plan). */
  ownedPlans: ReadonlySet<string>;
  /** The rights held for one school each, by schoolRightKey (`school:121212`, `board:121212`). */
  schoolRights: ReadonlySet<string>;
  invitations: ReadonlyMap<string, InvitationState>;
  /** Whether a set-up link has been used: the person has a password. */
  hasPassword: boolean;
}

/**
 * The directory folded from its stream. evolve copies what an event changes and shares the
 * rest, so a state handed out (the write path caches them, sign-in reads them) never changes
 * under its reader.
 */
export interface PeopleState {
  people: ReadonlyMap<string, PersonState>;
  /** Folded initials -> person id. */
  byInitials: ReadonlyMap<string, string>;
  /** Folded email -> person id. */
  byEmail: ReadonlyMap<string, string>;
}

export const initialPeopleState = (): PeopleState => ({ people: new Map(), byInitials: new Map(), byEmail: new Map() });

/** The rights a person holds, council-wide roles first, then plans in order, then schools (by role, then URN). */
export function rightsOf(person: PersonState): Right[] {
  const roles: Right[] = [...person.roles].sort().map((role) => ({ role }));
  const plans: Right[] = [...person.ownedPlans].sort().map((planId) => ({ role: 'owner', planId }));
  const schools: Right[] = [...person.schoolRights].sort().map((key) => {
    const [role, urn] = key.split(':') as [SchoolRightRole, string];
    return { role, urn };
  });
  return [...roles, ...plans, ...schools];
}

/** Active people holding the admin role: the directory never loses its last one. */
export const activeAdminIds = (state: PeopleState): string[] =>
  [...state.people.values()].filter((p) => p.active && p.roles.has('admin')).map((p) => p.id);

export const personByInitials = (state: PeopleState, initials: string): PersonState | undefined => {
  const id = state.byInitials.get(foldInitials(initials));
  return id === undefined ? undefined : state.people.get(id);
};

export const personByEmail = (state: PeopleState, email: string): PersonState | undefined => {
  const id = state.byEmail.get(foldEmail(email));
  return id === undefined ? undefined : state.people.get(id);
};

function withPerson(state: PeopleState, person: PersonState): PeopleState {
  const people = new Map(state.people);
  people.set(person.id, person);
  return { ...state, people };
}

function updated(state: PeopleState, personId: string, change: (person: PersonState) => PersonState): PeopleState {
  const person = state.people.get(personId);
  return person ? withPerson(state, change(person)) : state;
}

const added = <T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> => new Set(set).add(value);
const removed = <T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> => {
  const copy = new Set(set);
  copy.delete(value);
  return copy;
};

export function evolvePeople(state: PeopleState, event: PersonEvent): PeopleState {
  switch (event.type) {
    case 'PersonAdded': {
      const { personId, ...details } = event.data;
      const person: PersonState = {
        id: personId, ...details, active: true, roles: new Set(), ownedPlans: new Set(), schoolRights: new Set(), invitations: new Map(), hasPassword: false,
      };
      const next = withPerson(state, person);
      const byInitials = new Map(state.byInitials).set(foldInitials(details.initials), personId);
      const byEmail = details.email === undefined ? state.byEmail : new Map(state.byEmail).set(foldEmail(details.email), personId);
      return { ...next, byInitials, byEmail };
    }
    case 'PersonDetailsRevised': {
      const person = state.people.get(event.data.personId);
      if (!person) return state;
      const { changes } = event.data;
      let { byInitials, byEmail } = state;
      if (changes.initials !== undefined) {
        const copy = new Map(byInitials);
        copy.delete(foldInitials(person.initials));
        byInitials = copy.set(foldInitials(changes.initials), person.id);
      }
      if (changes.email !== undefined) {
        const copy = new Map(byEmail);
        if (person.email !== undefined) copy.delete(foldEmail(person.email));
        byEmail = copy.set(foldEmail(changes.email), person.id);
      }
      return { ...withPerson(state, { ...person, ...changes }), byInitials, byEmail };
    }
    case 'RoleGranted':
      return updated(state, event.data.personId, (p) => ({ ...p, roles: added(p.roles, event.data.role) }));
    case 'RoleRevoked':
      return updated(state, event.data.personId, (p) => ({ ...p, roles: removed(p.roles, event.data.role) }));
    case 'PlanOwnershipGranted':
      return updated(state, event.data.personId, (p) => ({ ...p, ownedPlans: added(p.ownedPlans, event.data.planId) }));
    case 'PlanOwnershipRevoked':
      return updated(state, event.data.personId, (p) => ({ ...p, ownedPlans: removed(p.ownedPlans, event.data.planId) }));
    case 'SchoolRightGranted':
      return updated(state, event.data.personId, (p) => ({ ...p, schoolRights: added(p.schoolRights, schoolRightKey(event.data.role, event.data.urn)) }));
    case 'SchoolRightRevoked':
      return updated(state, event.data.personId, (p) => ({ ...p, schoolRights: removed(p.schoolRights, schoolRightKey(event.data.role, event.data.urn)) }));
    case 'PersonInvited': {
      const { invitationId, purpose, expiresAt } = event.data;
      return updated(state, event.data.personId, (p) => ({
        ...p,
        invitations: new Map(p.invitations).set(invitationId, { purpose, expiresAt, accepted: false }),
      }));
    }
    case 'InvitationAccepted':
      return updated(state, event.data.personId, (p) => {
        const invitation = p.invitations.get(event.data.invitationId);
        const invitations = invitation ? new Map(p.invitations).set(event.data.invitationId, { ...invitation, accepted: true }) : p.invitations;
        return { ...p, invitations, hasPassword: true };
      });
    case 'PersonDeactivated':
      return updated(state, event.data.personId, (p) => ({ ...p, active: false }));
    case 'PersonReactivated':
      return updated(state, event.data.personId, (p) => ({ ...p, active: true }));
  }
}
