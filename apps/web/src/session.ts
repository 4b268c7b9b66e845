import { type Caller, callerOfRights, type SessionAnswer } from './contract.js';

export type { SessionAnswer, SessionPerson } from './contract.js';

/**
 * The signed-in session. The server keeps it: the browser holds only its httpOnly cookie,
 * which no script can read. What the page knows (who, their rights, the CSRF token) comes
 * from GET /api/session and lives in memory only, so a reload asks again and nothing is kept
 * in page storage. The rights decide, through the contract's rules, which forms to offer;
 * the server checks every request.
 */
export interface Session extends SessionAnswer {
  caller: Caller;
}

let current: Session | undefined;
/** Set once GET /api/session has answered, so a page knows whether it has asked yet. */
let asked = false;
const listeners = new Set<(reason: string) => void>();

export const currentSession = (): Session | undefined => current;

/** The CSRF token every state-changing request sends as X-CSRF-Token. */
export const csrfToken = (): string | undefined => current?.csrfToken;

const sessionOf = (answer: SessionAnswer): Session => ({ ...answer, rights: answer.rights ?? [], caller: callerOfRights(answer.rights ?? []) });

/** Asks the server who is signed in (once per page load unless `again`); undefined when nobody is. */
export async function loadSession(again = false): Promise<Session | undefined> {
  if (asked && !again) return current;
  const response = await fetch('/api/session', { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
  asked = true;
  if (response.status === 401) {
    current = undefined;
    return undefined;
  }
  if (!response.ok) throw new Error(`The tracker answered ${response.status} when asked who is signed in.`);
  current = sessionOf((await response.json()) as SessionAnswer);
  return current;
}

/** The server's plain-words message of a refused answer. */
async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (Array.isArray(body.message)) return body.message.join('; ');
    if (typeof body.message === 'string' && body.message) return body.message;
  } catch {
    // no JSON body: say what status came back
  }
  return `The tracker answered ${response.status}.`;
}

export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** POST /api/session: on success the cookie is set and the session read. */
export async function signInWithPassword(email: string, password: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch('/api/session', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new SignInRefused(0, 'The tracker could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const message = await messageOf(response);
    const wait = response.headers.get('Retry-After');
    throw new SignInRefused(response.status, wait && (response.status === 423 || response.status === 429) ? `${message} Try again in ${minutes(Number(wait))}.` : message);
  }
  const session = await loadSession(true);
  if (!session) throw new SignInRefused(401, 'You were signed in, but the session was not found afterwards. Try again.');
  return session;
}

const minutes = (seconds: number): string =>
  !Number.isFinite(seconds) || seconds <= 60 ? 'a minute' : `${Math.ceil(seconds / 60)} minutes`;

/** DELETE /api/session: ends the session on the server (and clears the cookie), then tells the page. */
export async function signOut(reason = 'You have signed out.'): Promise<void> {
  const token = csrfToken();
  try {
    await fetch('/api/session', { method: 'DELETE', headers: token ? { 'X-CSRF-Token': token } : {}, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    // Offline: the server ends the session at its idle expiry; the page forgets it now.
  }
  ended(reason);
}

/**
 * The server refused the session (401: expired, ended elsewhere, or the person deactivated):
 * forget it and send the person back to sign-in with `reason`.
 */
export function ended(reason: string): void {
  const had = current !== undefined;
  current = undefined;
  asked = true;
  if (had) for (const listener of listeners) listener(reason);
}

export function onSignOut(listener: (reason: string) => void): void {
  listeners.add(listener);
}
