import type { ActionLink } from '@rag-ledger/contract';

/** What links are resolved against: the plans, and the actions (at least those linkTargets names; no I/O: the caller reads them). */
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

/** Plans by the names links cite them by: their ids, and the initials of their titles (a plan's id first when the two collide). */
function plansByName(plans: LinkCatalog['plans']): (name: string) => { id: string; title: string } | undefined {
  const byName = new Map<string, { id: string; title: string }>();
  for (const plan of plans) if (!byName.has(initialsOf(plan.title).toUpperCase())) byName.set(initialsOf(plan.title).toUpperCase(), plan);
  for (const plan of plans) byName.set(plan.id.toUpperCase(), plan);
  return (name) => (name === '' ? undefined : byName.get(name.toUpperCase()));
}

/** "<plan> <ref>": the first word, and the rest. */
const PLAN_AND_REF = /^(\S+)\s+(.+)$/;

/**
 * The actions printed links could name, for a reader to fetch (the catalog need hold no others):
 * the exact ids, and the plan and ref pairs of "<plan> <ref>" links whose plan is one of `plans`.
 */
export function linkTargets(texts: readonly string[], plans: LinkCatalog['plans']): { ids: string[]; refs: Array<{ planId: string; ref: string }> } {
  const planNamed = plansByName(plans);
  const ids = new Set<string>();
  const refs = new Map<string, { planId: string; ref: string }>();
  for (const text of texts) {
    const printed = text.trim();
    ids.add(printed);
    const [, name, ref] = PLAN_AND_REF.exec(printed) ?? [];
    const plan = ref !== undefined ? planNamed(name) : undefined;
    if (plan) refs.set(`${plan.id}\u0000${ref.trim()}`, { planId: plan.id, ref: ref.trim() });
  }
  return { ids: [...ids], refs: [...refs.values()] };
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
  const planNamed = plansByName(catalog.plans);
  const byRef = new Map<string, Array<LinkCatalog['actions'][number]>>();
  for (const action of catalog.actions) {
    if (action.ref === null) continue;
    const key = `${action.planId}\u0000${action.ref}`;
    byRef.set(key, [...(byRef.get(key) ?? []), action]);
  }

  return (text) => {
    const printed = text.trim();
    const action = actions.get(printed);
    if (action) return { text, actionId: action.id, planId: action.planId, title: action.title };
    const [, name, ref] = PLAN_AND_REF.exec(printed) ?? [];
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
