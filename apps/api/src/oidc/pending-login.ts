import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What the callback needs to finish a sign-in the login route started: the state and nonce
 * it sent to the provider and the PKCE code verifier it kept. Kept in the person's browser
 * in a short-lived httpOnly cookie, sealed (AES-256-GCM: unreadable and unforgeable), so
 * that any instance of the tracker can finish a sign-in another one started, and a restart
 * loses none in flight.
 */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** ms since 1970 after which the sign-in has to start again. */
  expiresAt: number;
}

export const PENDING_LOGIN_COOKIE = 'rag_ledger_oidc';
/** Ten minutes to sign in at the provider, as most providers allow for a code. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/** Seals and opens PendingLogin values with a key derived from the server's signing secret. */
export class PendingLoginSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived, so the token-signing secret is never used as a cipher key as is.
    this.key = Buffer.from(hkdfSync('sha256', secret, 'rag-ledger', 'oidc pending login v1', 32));
  }

  seal(login: PendingLogin): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(login), 'utf8'), cipher.final()]);
    return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
  }

  /** The login sealed in `value`, or undefined if it is missing, tampered with, or expired at `now`. */
  open(value: string | undefined, now: number): PendingLogin | undefined {
    const parts = value?.split('.');
    if (!parts || parts.length !== 3) return undefined;
    try {
      const [iv, body, tag] = parts.map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      const login = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as PendingLogin;
      return typeof login.expiresAt === 'number' && login.expiresAt > now ? login : undefined;
    } catch {
      return undefined;
    }
  }
}
