import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';

/** The one cookie of the web board: the session id, which scripts on the page cannot read. */
export const SESSION_COOKIE = 'rag_ledger_session';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on another site's form posts), the
 * whole site, and Secure when the request came over TLS (through a trusted proxy too: Express
 * reads X-Forwarded-Proto then), so a council serving plain http inside its network still works.
 */
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: request.secure };
}

/**
 * A browser-session cookie, with no Expires: it goes when the browser closes, and the server
 * ends the session at its idle and absolute expiry (`expiresAt`) whatever the cookie says. An
 * Expires date would be read on the browser's clock, not the tracker's, and a browser whose
 * clock is ahead would drop the cookie at once.
 */
export function setSessionCookie(request: Request, response: Response, sessionId: string, _expiresAt: string): void {
  response.cookie(SESSION_COOKIE, sessionId, options(request));
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
