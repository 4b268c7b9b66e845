/**
 * "Linked to" and "linked from" on an action page: a link the plan prints goes to the action
 * it names, else to the plan it names, else stays as printed. Imports only the contract:
 * unit-tested under Node too.
 */
import type { ActionLink } from './contract.js';

/** The page a link opens (an action's page, or a plan's board), or null when it names nothing the tracker holds. */
export function linkPath(link: ActionLink): string[] | null {
  if (link.actionId) return ['actions', link.actionId];
  if (link.planId) return ['plans', link.planId];
  return null;
}

/** What a link says beside its printed text: the title of what it names, or why it opens nothing. */
export function linkDetail(link: ActionLink): string {
  if (link.actionId) return link.title ? `action ${link.actionId}: ${link.title}` : `action ${link.actionId}`;
  if (link.planId) return link.title ? `plan ${link.planId}: ${link.title}` : `plan ${link.planId}`;
  return 'not in the tracker, as printed';
}

/**
 * How a "Linked from" entry reads: the linking action named by its id and title (what the link
 * opens), and the link as that action prints it.
 */
export function linkedFromText(link: ActionLink): { label: string; detail: string } {
  const label = link.actionId ? `${link.actionId}${link.title ? `: ${link.title}` : ''}` : link.text;
  return { label, detail: `it prints “${link.text}”` };
}

/**
 * The links an action page lists as "Linked to": the resolved ones the API answers, or, from an
 * API that does not resolve them yet, the printed ones, unresolved.
 */
export function linkedToOf(action: { links: string[]; linkedTo?: ActionLink[] }): ActionLink[] {
  if (action.linkedTo) return action.linkedTo;
  return action.links.map((text) => ({ text, actionId: null, planId: null, title: null }));
}
