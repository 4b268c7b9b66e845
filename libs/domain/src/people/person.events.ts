import type { Role } from '../shared/metadata';

/**
 * The directory of people and the rights they hold, in the one stream `directory-people`.
 * Rights are events like any change to a plan: who granted what to whom, when and why is in
 * the hash-chained log, and as-of reads of the directory replay them. No secret is ever in an
 * event: passwords, invitation links and API tokens live (hashed) in the credential store.
 */

export interface PersonDetails {
  name: string;
  /** As the plans print them ("CS", "MJE"), Cyrillic look-alikes folded; unique in the directory. */
  initials: string;
  jobTitle?: string;
  /** Lower-cased; unique in the directory. Sign-in (password or single sign-on) matches on it. */
  email?: string;
}

export interface PersonAdded {
  type: 'PersonAdded';
  data: { personId: string } & PersonDetails;
}

/** Only the details that changed are recorded. */
export interface PersonDetailsRevised {
  type: 'PersonDetailsRevised';
  data: { personId: string; changes: Partial<PersonDetails>; reason: string };
}

/** The roles held across the council (admin, board, auditor, officer): not owner (a plan's) nor school (a school's). */
export type CouncilRole = Exclude<Role, 'owner' | 'school'>;

/** A council-wide role: admin, board, auditor or officer. Ownership of a plan is PlanOwnershipGranted; a school's right is SchoolRightGranted. */
export interface RoleGranted {
  type: 'RoleGranted';
  data: { personId: string; role: CouncilRole; reason: string };
}

export interface RoleRevoked {
  type: 'RoleRevoked';
  data: { personId: string; role: CouncilRole; reason: string };
}

/** The roles that are held for one school (by its URN). */
export const SCHOOL_RIGHT_ROLES = ['school', 'board'] as const;
export type SchoolRightRole = (typeof SCHOOL_RIGHT_ROLES)[number];

/**
 * A right over one school, by its URN: `school`, a headteacher or chair of governors, who sees
 * only their own school; `board`, a board member's named school (a local member sees the
 * schools of their division, and so which category each holds: the category is confidential).
 */
export interface SchoolRightGranted {
  type: 'SchoolRightGranted';
  data: { personId: string; role: SchoolRightRole; urn: string; reason: string };
}

export interface SchoolRightRevoked {
  type: 'SchoolRightRevoked';
  data: { personId: string; role: SchoolRightRole; urn: string; reason: string };
}

/** The right to update one plan's actions and measures: the owner role, for that plan. */
export interface PlanOwnershipGranted {
  type: 'PlanOwnershipGranted';
  data: { personId: string; planId: string; reason: string };
}

export interface PlanOwnershipRevoked {
  type: 'PlanOwnershipRevoked';
  data: { personId: string; planId: string; reason: string };
}

export const INVITATION_PURPOSES = ['invitation', 'reset'] as const;
export type InvitationPurpose = (typeof INVITATION_PURPOSES)[number];

/**
 * A set-up (or password reset) link was issued. The link's token is not here: only its id,
 * so the log says that a link was issued, by whom and until when, and never what it was.
 */
export interface PersonInvited {
  type: 'PersonInvited';
  data: { personId: string; invitationId: string; purpose: InvitationPurpose; expiresAt: string };
}

/** The link was used to set a password: the person may now sign in with it. */
export interface InvitationAccepted {
  type: 'InvitationAccepted';
  data: { personId: string; invitationId: string };
}

/** The person may no longer sign in; their sessions and API tokens stop working at once. */
export interface PersonDeactivated {
  type: 'PersonDeactivated';
  data: { personId: string; reason: string };
}

export interface PersonReactivated {
  type: 'PersonReactivated';
  data: { personId: string; reason: string };
}

export type PersonEvent =
  | PersonAdded
  | PersonDetailsRevised
  | RoleGranted
  | RoleRevoked
  | PlanOwnershipGranted
  | PlanOwnershipRevoked
  | SchoolRightGranted
  | SchoolRightRevoked
  | PersonInvited
  | InvitationAccepted
  | PersonDeactivated
  | PersonReactivated;
