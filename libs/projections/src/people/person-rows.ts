import type { PersonEvent } from '@rag-ledger/domain';
import type { Change } from '../rag-board/board-rows';
import { assertUnreachable } from '../tracker-events';

/** Whether the person can sign in with a password: never invited, a link issued, or the link used. */
export type SignInState = 'not-invited' | 'invited' | 'set-up';

/** One person of the directory as the read model keeps them; `rights` is a JSON list of `{ role, planId?, urn? }`. */
export interface PersonRow {
  id: string;
  name: string;
  /** As the domain folded them (Cyrillic look-alikes made Latin): what owners are matched on. */
  initials: string;
  job_title: string | null;
  email: string | null;
  active: number;
  rights: string;
  sign_in: SignInState;
  added_at: string;
  last_changed_at: string;
  /** The log position of the PersonAdded: the directory's order. */
  seq: number;
}

interface StoredRight {
  role: string;
  planId?: string;
  urn?: string;
}

/** Council-wide roles first, in order, then the plans owned, then the schools (by role, then URN): as the domain's rightsOf lists them. */
function sortedRights(rights: StoredRight[]): string {
  const roles = rights.filter((r) => r.planId === undefined && r.urn === undefined).sort((a, b) => a.role.localeCompare(b.role));
  const plans = rights.filter((r) => r.planId !== undefined).sort((a, b) => (a.planId as string).localeCompare(b.planId as string));
  const schools = rights.filter((r) => r.urn !== undefined).sort((a, b) => `${a.role}:${a.urn}`.localeCompare(`${b.role}:${b.urn}`));
  return JSON.stringify([...roles, ...plans, ...schools]);
}

const same = (a: StoredRight, b: StoredRight): boolean => a.role === b.role && a.planId === b.planId && a.urn === b.urn;

const withRight = (row: PersonRow, right: StoredRight): string => {
  const rights = JSON.parse(row.rights) as StoredRight[];
  return sortedRights(rights.some((r) => same(r, right)) ? rights : [...rights, right]);
};

const withoutRight = (row: PersonRow, right: StoredRight): string => sortedRights((JSON.parse(row.rights) as StoredRight[]).filter((r) => !same(r, right)));

/**
 * How each event changes a person's row: the same function feeds the current directory and its
 * history, so the directory as of any instant (rights included) is what it was then. Undefined
 * when the event names nobody the directory has.
 */
export function nextPersonRow(current: PersonRow | undefined, event: PersonEvent, c: Change): PersonRow | undefined {
  if (event.type === 'PersonAdded') {
    const d = event.data;
    return {
      id: d.personId, name: d.name, initials: d.initials, job_title: d.jobTitle ?? null, email: d.email ?? null, active: 1,
      rights: '[]', sign_in: 'not-invited', added_at: c.at, last_changed_at: c.at, seq: c.position,
    };
  }
  if (!current) return undefined;
  const changed = (fields: Partial<PersonRow>): PersonRow => ({ ...current, ...fields, last_changed_at: c.at });
  switch (event.type) {
    case 'PersonDetailsRevised': {
      const { name, initials, jobTitle, email } = event.data.changes;
      return changed({
        ...(name !== undefined ? { name } : {}),
        ...(initials !== undefined ? { initials } : {}),
        ...(jobTitle !== undefined ? { job_title: jobTitle } : {}),
        ...(email !== undefined ? { email } : {}),
      });
    }
    case 'RoleGranted':
      return changed({ rights: withRight(current, { role: event.data.role }) });
    case 'RoleRevoked':
      return changed({ rights: withoutRight(current, { role: event.data.role }) });
    case 'PlanOwnershipGranted':
      return changed({ rights: withRight(current, { role: 'owner', planId: event.data.planId }) });
    case 'PlanOwnershipRevoked':
      return changed({ rights: withoutRight(current, { role: 'owner', planId: event.data.planId }) });
    case 'SchoolRightGranted':
      return changed({ rights: withRight(current, { role: event.data.role, urn: event.data.urn }) });
    case 'SchoolRightRevoked':
      return changed({ rights: withoutRight(current, { role: event.data.role, urn: event.data.urn }) });
    case 'PersonInvited':
      // A reset link for someone already set up leaves them set up: their password still works until they use it.
      return current.sign_in === 'set-up' ? current : changed({ sign_in: 'invited' });
    case 'InvitationAccepted':
      return changed({ sign_in: 'set-up' });
    case 'PersonDeactivated':
      return changed({ active: 0 });
    case 'PersonReactivated':
      return changed({ active: 1 });
    default:
      return assertUnreachable(event);
  }
}
