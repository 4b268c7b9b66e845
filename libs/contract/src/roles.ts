/**
 * The roles, what each may do, and the claims a token carries. The API enforces these
 * rules; the web board reads the same ones only to hide what the server would refuse.
 */

export const ROLES = ['admin', 'owner', 'board', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { admin: 'Administrator', owner: 'Plan owner', board: 'Board member', auditor: 'Auditor' };

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Who may read the past: boards as they stood on a date, and the changes between meetings. */
export const HISTORY_READERS: readonly Role[] = ['board', 'auditor', 'admin'];

/** Who may change the plans themselves and import them: admins only. */
export const PLAN_ADMINS: readonly Role[] = ['admin'];

/** Who may add to a plan (actions, work-stream content, measures): admins, and owners of that plan. */
export const PLAN_WRITERS: readonly Role[] = ['admin', 'owner'];

/** Who may check the log and take evidence packs: auditors and admins. */
export const EVIDENCE_READERS: readonly Role[] = ['auditor', 'admin'];

/** Someone the rules below are asked about: a verified principal, or the claims the page shows. */
export interface Caller {
  role: Role;
  /** For owners, the plans they may update. */
  plans: readonly string[];
}

/** admin: every plan; owner: the plans named in the token; board and auditor: none. */
export const mayUpdatePlan = (caller: Caller | undefined, planId: string): boolean =>
  !!caller && (caller.role === 'admin' || (caller.role === 'owner' && caller.plans.includes(planId)));

/** Past boards and the changes between meetings are for the board, auditors and admins. */
export const mayReadHistory = (caller: Pick<Caller, 'role'> | undefined): boolean => !!caller && HISTORY_READERS.includes(caller.role);

/** What a token of ours says, once read. */
export interface Claims {
  sub: string;
  name: string;
  role: Role;
  plans: string[];
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

/**
 * The claims in a token's payload, or undefined when they are not ours (no user, no
 * name, or a role we do not know). Plans that are not strings are dropped.
 */
export function claimsFromPayload(value: unknown): Claims | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const payload = value as Record<string, unknown>;
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) return undefined;
  if (typeof payload.name !== 'string' || payload.name.length === 0) return undefined;
  if (!isRole(payload.role)) return undefined;
  const plans = Array.isArray(payload.plans) ? payload.plans.filter((p): p is string => typeof p === 'string') : [];
  return { sub: payload.sub, name: payload.name, role: payload.role, plans, exp: typeof payload.exp === 'number' ? payload.exp : undefined };
}
