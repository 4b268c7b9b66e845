import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/** The one cookie of the web board: the session id, which scripts on the page cannot read. */
export const SESSION_COOKIE = 'rag_ledger_session';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on another site's form posts), the
 * whole site, and Secure when the request came over TLS (through a trusted proxy too: Express
 * reads X-Forwarded-Proto then), so a council serving plain http inside its network still works.
 */
function options(request: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: request.secure, ...(expires ? { expires } : {}) };
}

export function setSessionCookie(request: Request, response: Response, sessionId: string, expiresAt: string): void {
  response.cookie(SESSION_COOKIE, sessionId, options(request, new Date(expiresAt)));
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, options(request));
}

/** The session id the browser sent, if any. */
export function sessionIdOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = parseCookies(header)[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}
