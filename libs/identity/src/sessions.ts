import type { CredentialStore } from './credential-store';
import type { IdentityClock } from './identity-clock';
import { HOUR_MS, MINUTE_MS, type IdentitySettings } from './identity-settings';
import { hashSecret, randomSecret } from './secrets';

/** What the browser is given at sign-in: the session id goes only into the cookie, once. */
export interface StartedSession {
  sessionId: string;
  csrfToken: string;
  /** The absolute expiry: the session ends then however busy it is. */
  expiresAt: string;
}

/** A session that is still good, as a request finds it. */
export interface ActiveSession {
  personId: string;
  csrfToken: string;
  expiresAt: string;
  /** When it ends if no request comes before (moves on with each request). */
  idleExpiresAt: string;
}

/**
 * How often a busy session's last request is written down: a page sends several requests a
 * second, and the idle expiry does not need them all (it moves on at most this much late).
 */
export const SESSION_TOUCH_MS = 5_000;

/**
 * Browser sessions: a random id (kept only as its SHA-256), a CSRF token, an idle expiry and
 * an absolute one. Sign-out ends a session on the server, so a copied cookie is worthless after.
 */
export class Sessions {
  constructor(
    private readonly store: CredentialStore,
    private readonly clock: IdentityClock,
    private readonly settings: Pick<IdentitySettings, 'sessionIdleMinutes' | 'sessionMaxHours'>,
  ) {}

  get idleMs(): number {
    return this.settings.sessionIdleMinutes * MINUTE_MS;
  }

  start(personId: string): StartedSession {
    const now = this.clock.now();
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + this.settings.sessionMaxHours * HOUR_MS).toISOString();
    this.store.addSession(hashSecret(sessionId), { personId, csrfToken, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt });
    // Now and then, sessions nobody can resume are dropped (a day after they ended).
    this.store.forgetSessionsBefore(new Date(now.getTime() - 24 * HOUR_MS).toISOString());
    return { sessionId, csrfToken, expiresAt };
  }

  /**
   * The session of this id if it has not ended, been idle too long or passed its absolute
   * expiry; `touch` (every request but a look) moves its idle expiry on.
   */
  resume(sessionId: string, options: { touch?: boolean } = {}): ActiveSession | undefined {
    const idHash = hashSecret(sessionId);
    const record = this.store.sessionByIdHash(idHash);
    if (!record || record.endedAt) return undefined;
    const now = this.clock.now();
    const idleEnd = Date.parse(record.lastSeenAt) + this.idleMs;
    if (now.getTime() >= idleEnd || now.getTime() >= Date.parse(record.expiresAt)) {
      this.store.endSession(idHash, now.toISOString());
      return undefined;
    }
    const touch = (options.touch ?? true) && now.getTime() - Date.parse(record.lastSeenAt) >= SESSION_TOUCH_MS;
    if (touch) this.store.touchSession(idHash, now.toISOString());
    const lastSeen = touch ? now.getTime() : Date.parse(record.lastSeenAt);
    return {
      personId: record.personId,
      csrfToken: record.csrfToken,
      expiresAt: record.expiresAt,
      idleExpiresAt: new Date(Math.min(lastSeen + this.idleMs, Date.parse(record.expiresAt))).toISOString(),
    };
  }

  /** Sign-out: the session ends on the server. */
  end(sessionId: string): void {
    this.store.endSession(hashSecret(sessionId), this.clock.now().toISOString());
  }

  /** Ends every session of the person (deactivated, or a new password set). */
  endAllOf(personId: string): number {
    return this.store.endSessionsOf(personId, this.clock.now().toISOString());
  }
}
