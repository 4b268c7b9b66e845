import type { EmailVerifiedClaim } from './oidc-settings';

export type VerifiedEmail = { email: string } | { refusal: string };

/**
 * The email a provider vouches for, from one set of claims (the ID token's, or userinfo's):
 * the address, and the configured claim exactly `true` beside it. A string "true" or a
 * missing claim is not a verification: an address anyone may type into their own profile
 * must never sign them in as the council officer who owns it.
 */
export function verifiedEmailOf(claims: Record<string, unknown>, verifiedBy: EmailVerifiedClaim): VerifiedEmail | undefined {
  const email = claims.email;
  if (typeof email !== 'string' || email.trim() === '') return undefined;
  if (claims[verifiedBy] !== true) {
    return {
      refusal: `Your council's sign-in service did not confirm that ${email.trim()} is your email address, so the tracker cannot sign you in with it. Ask your IT team to confirm your email, or sign in with a password.`,
    };
  }
  return { email: email.trim() };
}
