import { RuleViolationError } from '../shared/errors';

/**
 * Which plan an id belongs to. Councils number their actions and measures under
 * the plan's id ("SG.1.1.3" is the safeguarding plan's), and a refreshed plan file
 * lists them by those ids: an id that begins with another plan's id and a dot is
 * that plan's, so no other plan may take it (it would later block that plan's refresh).
 */

/** The ids of the plans that could own `id`: every part of it before a dot ("SG.1.1" -> "SG", "SG.1"). */
export function planIdsPrefixing(id: string): string[] {
  const candidates: string[] = [];
  for (let i = id.indexOf('.'); i > 0; i = id.indexOf('.', i + 1)) candidates.push(id.slice(0, i));
  return candidates;
}

/** Of the existing plans whose id and a dot begin `id`, the longest (the most specific); undefined when none. */
export function planOwningId(id: string, existingPlanIds: Iterable<string>): string | undefined {
  const existing = new Set(existingPlanIds);
  return planIdsPrefixing(id).filter((p) => existing.has(p)).pop();
}

export class IdOfAnotherPlanError extends RuleViolationError {
  constructor(
    readonly what: 'action' | 'measure' | 'milestone',
    readonly id: string,
    readonly ownerPlanId: string,
    readonly planId: string,
  ) {
    super(
      `The ${what} id "${id}" belongs to plan ${ownerPlanId} (ids that begin "${ownerPlanId}." are that plan's), ` +
        `so it cannot be used in plan ${planId}. Choose an id of plan ${planId}, for example one that begins "${planId}.".`,
    );
  }
}

/**
 * Refuses an id that belongs to another plan. `plansPrefixingId`: the existing plans
 * whose id and a dot begin the new id (see planIdsPrefixing); none given, none known.
 */
export function requireIdOfPlan(what: 'action' | 'measure' | 'milestone', id: string, planId: string, plansPrefixingId: readonly string[] = []): void {
  const owner = planOwningId(id, plansPrefixingId);
  if (owner !== undefined && owner !== planId) throw new IdOfAnotherPlanError(what, id, owner, planId);
}
