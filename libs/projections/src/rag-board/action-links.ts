import type { ActionLink } from '@rag-ledger/contract';

/** What a link may name: the plans, and the actions with their refs (no I/O: the caller reads them). */
export interface LinkCatalog {
  plans: ReadonlyArray<{ id: string; title: string }>;
  actions: ReadonlyArray<{ id: string; planId: string; ref: string | null; title: string }>;
}

/** An action's printed links, each with what it names where the tracker holds it. */
export interface ActionLinks {
  linkedTo: ActionLink[];
  linkedFrom: ActionLink[];
}

/**
 * "Early Help Improvement Plan" -> "EHIP": the first letter of each word that begins with a
 * letter (years and numbers are not part of the name plans are cited by).
 */
export function initialsOf(title: string): string {
  return title
    .split(/[\s/–-]+/)
    .map((word) => word.replace(/^[^\p{L}\d]+/u, ''))
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word[0].toUpperCase())
    .join('');
}

/**
 * The resolver for one catalog: each printed link is, in this order,
 * - an action's exact id: that action;
 * - "<plan> <ref>", <plan> a plan's id or the initials of its title (case aside) and <ref> the ref
 *   of one action in that plan: that action (a ref two actions of the plan share names the plan);
 * - a plan alone: the plan (actionId null);
 * - anything else: unresolved, kept as printed (all null but the text).
 */
export function linkResolver(catalog: LinkCatalog): (text: string) => ActionLink {
  const actions = new Map(catalog.actions.map((a) => [a.id, a]));
  const plans = new Map<string, { id: string; title: string }>();
  // A plan's id stands before another plan's initials when they are the same letters.
  for (const plan of catalog.plans) if (!plans.has(initialsOf(plan.title).toUpperCase())) plans.set(initialsOf(plan.title).toUpperCase(), plan);
  for (const plan of catalog.plans) plans.set(plan.id.toUpperCase(), plan);
  const byRef = new Map<string, Array<LinkCatalog['actions'][number]>>();
  for (const action of catalog.actions) {
    if (action.ref === null) continue;
    const key = `${action.planId}\u0000${action.ref}`;
    byRef.set(key, [...(byRef.get(key) ?? []), action]);
  }
  const planNamed = (name: string) => (name === '' ? undefined : plans.get(name.toUpperCase()));

  return (text) => {
    const printed = text.trim();
    const action = actions.get(printed);
    if (action) return { text, actionId: action.id, planId: action.planId, title: action.title };
    const [, name, ref] = /^(\S+)\s+(.+)$/.exec(printed) ?? [];
    const planOfRef = ref !== undefined ? planNamed(name) : undefined;
    if (planOfRef) {
      const matches = byRef.get(`${planOfRef.id}\u0000${ref.trim()}`) ?? [];
      if (matches.length === 1) return { text, actionId: matches[0].id, planId: planOfRef.id, title: matches[0].title };
      if (matches.length > 1) return { text, actionId: null, planId: planOfRef.id, title: planOfRef.title };
    }
    const plan = planNamed(printed);
    if (plan) return { text, actionId: null, planId: plan.id, title: plan.title };
    return { text, actionId: null, planId: null, title: null };
  };
}

/**
 * An action's links both ways: its own, resolved (`linkedTo`), and the actions whose links
 * resolve to it (`linkedFrom`: each with the link as that action prints it), in the catalog's order.
 */
export function actionLinks(
  action: { id: string; links: readonly string[] },
  linking: ReadonlyArray<{ id: string; planId: string; title: string; links: readonly string[] }>,
  catalog: LinkCatalog,
): ActionLinks {
  const resolve = linkResolver(catalog);
  const linkedFrom: ActionLink[] = [];
  for (const other of linking) {
    if (other.id === action.id) continue;
    for (const text of other.links) {
      if (resolve(text).actionId === action.id) linkedFrom.push({ text, actionId: other.id, planId: other.planId, title: other.title });
    }
  }
  return { linkedTo: action.links.map(resolve), linkedFrom };
}
