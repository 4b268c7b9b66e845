import { isIP } from 'node:net';

/**
 * Single sign-on with OpenID Connect, as the environment configures it. Unset (none of the
 * three variables), the tracker offers local accounts only; the variables come as a set.
 */
export interface OidcSettings {
  /** The provider's issuer URL, exactly as its discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The text of the sign-in button ("Sign in with Microsoft"). */
  label: string;
  /**
   * The claim that must be `true` for the email to be believed: `email_verified` (the
   * standard claim; Google sends it) or `xms_edov` (Microsoft Entra ID: the email's domain
   * is verified by the tenant that signed the person in).
   */
  emailVerifiedClaim: EmailVerifiedClaim;
}

export const EMAIL_VERIFIED_CLAIMS = ['email_verified', 'xms_edov'] as const;
export type EmailVerifiedClaim = (typeof EMAIL_VERIFIED_CLAIMS)[number];

export const DEFAULT_OIDC_LABEL = 'Sign in with your council account';

const REQUIRED = ['RAG_LEDGER_OIDC_ISSUER', 'RAG_LEDGER_OIDC_CLIENT_ID', 'RAG_LEDGER_OIDC_CLIENT_SECRET'] as const;

/** A configuration the server must not start with; the message names the variable. */
export class OidcSettingsError extends Error {
  override readonly name = 'OidcSettingsError';
}

const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** Whether `hostname` (as URL gives it) is this machine: the only place plain http is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Reads the single sign-on settings, or undefined when none of the three is set. Plain http
 * is refused except on loopback (the test provider): over http the ID token and the client
 * secret would cross the network readable.
 */
export function loadOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const values = REQUIRED.map((name) => given(env[name]));
  const missing = REQUIRED.filter((_, i) => values[i] === undefined);
  if (missing.length === REQUIRED.length) {
    if (given(env.RAG_LEDGER_OIDC_LABEL) !== undefined || given(env.RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM) !== undefined) {
      throw new OidcSettingsError(`Single sign-on needs ${REQUIRED.join(', ')}: set all three, or unset the other RAG_LEDGER_OIDC_* variables`);
    }
    return undefined;
  }
  if (missing.length > 0) {
    throw new OidcSettingsError(`Single sign-on needs ${REQUIRED.join(', ')} together: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`);
  }
  const [issuer, clientId, clientSecret] = values as [string, string, string];
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcSettingsError(`RAG_LEDGER_OIDC_ISSUER must be the provider's issuer URL (e.g. https://login.microsoftonline.com/<tenant>/v2.0), not "${issuer}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new OidcSettingsError(`RAG_LEDGER_OIDC_ISSUER must be an https URL (plain http only on this machine, for tests), not "${issuer}"`);
  }
  const claim = given(env.RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM) ?? 'email_verified';
  if (!(EMAIL_VERIFIED_CLAIMS as readonly string[]).includes(claim)) {
    throw new OidcSettingsError(`RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM must be one of ${EMAIL_VERIFIED_CLAIMS.join(', ')}, not "${claim}"`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    label: given(env.RAG_LEDGER_OIDC_LABEL) ?? DEFAULT_OIDC_LABEL,
    emailVerifiedClaim: claim as EmailVerifiedClaim,
  };
}
