import type { PersonView } from '@rag-ledger/contract';
import { foldInitials } from '@rag-ledger/domain';
import type { ActionView, DirectoryEntry } from '@rag-ledger/projections';

/** The plans each printed owner (folded initials) has actions in, from one pass over the actions. */
export function plansByOwner(actions: readonly ActionView[]): Map<string, Set<string>> {
  const byOwner = new Map<string, Set<string>>();
  for (const action of actions) {
    if (action.status === 'withdrawn') continue;
    for (const owner of action.owners) {
      const key = foldInitials(owner);
      const plans = byOwner.get(key) ?? new Set<string>();
      plans.add(action.planId);
      byOwner.set(key, plans);
    }
  }
  return byOwner;
}

/** A person as the API answers them: the directory's entry, the plans they own and the plans they own actions in. */
export function personView(entry: DirectoryEntry, byOwner: ReadonlyMap<string, ReadonlySet<string>>): PersonView {
  const owns = entry.rights.filter((r) => r.role === 'owner' && r.planId !== undefined).map((r) => r.planId as string);
  return {
    id: entry.id,
    name: entry.name,
    initials: entry.initials,
    ...(entry.jobTitle !== undefined ? { jobTitle: entry.jobTitle } : {}),
    ...(entry.email !== undefined ? { email: entry.email } : {}),
    active: entry.active,
    rights: entry.rights,
    plans: { owns, actionsIn: [...(byOwner.get(foldInitials(entry.initials)) ?? [])].sort() },
    signIn: entry.signIn,
  };
}
