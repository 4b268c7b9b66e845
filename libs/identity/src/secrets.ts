import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: the secret part of a set-up link, a session id or a personal token. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * How a secret is kept: its SHA-256, never the secret. The secrets are 32 random bytes, so a
 * fast hash is enough (nothing to guess); passwords, which people choose, get argon2id instead.
 */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Compares two strings in time that does not depend on where they differ (a CSRF token sent back). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
