import { decodeClaims, isExpired } from './claims.js';
import type { Claims } from './contract.js';

/** The token lives in sessionStorage: it is gone when the browser tab closes. */
const KEY = 'rag-ledger.token';
const listeners = new Set<(reason: string) => void>();

export function currentToken(): string | undefined {
  const token = sessionStorage.getItem(KEY) ?? undefined;
  if (!token) return undefined;
  const claims = decodeClaims(token);
  if (!claims || isExpired(claims, Date.now())) return undefined;
  return token;
}

export function currentClaims(): Claims | undefined {
  const token = currentToken();
  return token ? decodeClaims(token) : undefined;
}

export function signIn(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

/** Forgets the token; `reason` is shown on the sign-in page. */
export function signOut(reason = ''): void {
  const had = sessionStorage.getItem(KEY) !== null;
  sessionStorage.removeItem(KEY);
  if (had) for (const listener of listeners) listener(reason);
}

export function onSignOut(listener: (reason: string) => void): void {
  listeners.add(listener);
}
