/**
 * What the page reads from a token, client-side only: the name and role to show,
 * and whether to offer the update forms. The server verifies every request.
 * No imports: unit-tested under Node too.
 */
export type Role = 'admin' | 'owner' | 'board' | 'auditor';

export interface Claims {
  sub: string;
  name: string;
  role: Role;
  plans: string[];
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

const ROLES: readonly string[] = ['admin', 'owner', 'board', 'auditor'];

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, or undefined when it is not one of ours. The signature is not checked here. */
export function decodeClaims(token: string): Claims | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1])) return undefined;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    if (typeof payload.sub !== 'string' || typeof payload.name !== 'string' || !ROLES.includes(payload.role as string)) return undefined;
    const plans = Array.isArray(payload.plans) ? payload.plans.filter((p): p is string => typeof p === 'string') : [];
    return { sub: payload.sub, name: payload.name, role: payload.role as Role, plans, exp: typeof payload.exp === 'number' ? payload.exp : undefined };
  } catch {
    return undefined;
  }
}

export const isExpired = (claims: Claims, nowMs: number): boolean => claims.exp !== undefined && claims.exp * 1000 <= nowMs;

/** Admins, and owners of the plan, may update its actions (the server decides; this only hides forms). */
export const mayUpdatePlan = (claims: Claims | undefined, planId: string): boolean =>
  !!claims && (claims.role === 'admin' || (claims.role === 'owner' && claims.plans.includes(planId)));

/** Past boards and the changes between meetings are for the board, auditors and admins. */
export const mayReadHistory = (claims: Claims | undefined): boolean => !!claims && claims.role !== 'owner';

export const ROLE_NAMES: Record<Role, string> = { admin: 'Administrator', owner: 'Plan owner', board: 'Board member', auditor: 'Auditor' };
