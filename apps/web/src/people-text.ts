/**
 * People in words: the rights a person holds, and an action's owners with who they are.
 * Imports only the contract: unit-tested under Node too.
 */
import { type OwnerPerson, ROLE_NAMES, type Right } from './contract.js';

/** "Plan owner of SIP, LAC · Auditor": every right held, in words. */
export function rightsText(rights: readonly Right[]): string {
  const owned = rights.filter((r) => r.role === 'owner' && r.planId).map((r) => r.planId as string);
  const roles = [...new Set(rights.map((r) => r.role))];
  return roles.map((role) => (role === 'owner' && owned.length ? `${ROLE_NAMES.owner} of ${owned.join(', ')}` : ROLE_NAMES[role])).join(' · ') || 'No rights';
}

/** One right in words: "Plan owner of SIP", "Auditor". */
export const rightText = (right: Right): string => (right.role === 'owner' && right.planId ? `${ROLE_NAMES.owner} of ${right.planId}` : ROLE_NAMES[right.role]);

/** Who printed initials are, as the directory says: "Andrea Brown, Head of Social Work"; '' for initials that match nobody. */
export const ownerLabel = (owner: OwnerPerson): string => (owner.name ? `${owner.name}${owner.jobTitle ? `, ${owner.jobTitle}` : ''}` : '');

/** An action's owners with who they are, in the printed order; initials without a person stay as printed. */
export const ownersOfRow = (row: { owners: string[]; ownerPeople?: OwnerPerson[] }): OwnerPerson[] =>
  row.ownerPeople && row.ownerPeople.length === row.owners.length ? row.ownerPeople : row.owners.map((initials) => ({ initials }));
