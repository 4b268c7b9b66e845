/**
 * People in words: the rights a person holds, and an action's owners with who they are.
 * Imports only the contract: unit-tested under Node too.
 */
import { type OwnerPerson, ROLE_NAMES, type Right } from './contract.js';

/** "Plan owner of SIP, LAC · Auditor · Headteacher or chair of governors of school 121212": every right held, in words. */
export function rightsText(rights: readonly Right[]): string {
  const owned = rights.filter((r) => r.role === 'owner' && r.planId).map((r) => r.planId as string);
  const council = [...new Set(rights.filter((r) => r.urn === undefined).map((r) => r.role))];
  const parts = council.map((role) => (role === 'owner' && owned.length ? `${ROLE_NAMES.owner} of ${owned.join(', ')}` : ROLE_NAMES[role]));
  for (const role of ['school', 'board'] as const) {
    const urns = rights.filter((r) => r.role === role && r.urn).map((r) => r.urn as string);
    if (urns.length) parts.push(`${schoolRightName(role)} ${urns.length === 1 ? 'school' : 'schools'} ${urns.join(', ')}`);
  }
  return parts.join(' · ') || 'No rights';
}

/** A school right's words: a headteacher's or chair's own school; a board member named for a school of their division. */
const schoolRightName = (role: 'school' | 'board'): string => (role === 'school' ? `${ROLE_NAMES.school} of` : `${ROLE_NAMES.board} named for`);

/** One right in words: "Plan owner of SIP", "Auditor", "Headteacher or chair of governors of school 121212". */
export const rightText = (right: Right): string => {
  if (right.role === 'owner' && right.planId) return `${ROLE_NAMES.owner} of ${right.planId}`;
  if ((right.role === 'school' || right.role === 'board') && right.urn) return `${schoolRightName(right.role)} school ${right.urn}`;
  return ROLE_NAMES[right.role];
};

/** Who printed initials are, as the directory says: "Andrea Brown, Head of Social Work"; '' for initials that match nobody. */
export const ownerLabel = (owner: OwnerPerson): string => (owner.name ? `${owner.name}${owner.jobTitle ? `, ${owner.jobTitle}` : ''}` : '');

/** An action's owners with who they are, in the printed order; initials without a person stay as printed. */
export const ownersOfRow = (row: { owners: string[]; ownerPeople?: OwnerPerson[] }): OwnerPerson[] =>
  row.ownerPeople && row.ownerPeople.length === row.owners.length ? row.ownerPeople : row.owners.map((initials) => ({ initials }));
