import type { Configuration } from 'openid-client';
import { isLoopbackHost, type OidcSettings } from './oidc-settings';
import type { PendingLogin } from './pending-login';

type OpenIdClient = typeof import('openid-client');

/** Seconds the provider has to answer each request (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email profile';

/** The provider could not be reached (or gave no usable discovery document): try again later. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

/** The provider, or the library on its answer, refused the authorisation response or the code. */
export class CodeRefusedError extends Error {
  override readonly name = 'CodeRefusedError';
}

/**
 * The tracker as an OpenID relying party, through openid-client (panva, OpenID certified):
 * the authorisation code flow with PKCE (S256), state and nonce. The provider's discovery
 * document is read at first use, not at start-up, so the tracker starts while the provider
 * is down; a failed discovery is tried again on the next sign-in.
 */
export class OpenIdRelyingParty {
  private configuration?: Promise<Configuration>;
  private library?: Promise<OpenIdClient>;

  constructor(
    readonly settings: OidcSettings,
    /** `<public url>/api/auth/oidc/callback`, as registered with the provider. */
    readonly redirectUri: string,
  ) {}

  /** Where to send the person to sign in, and what the callback must check on their return. */
  async startLogin(now: number, ttlMs: number): Promise<{ url: URL; pending: PendingLogin }> {
    const [client, config] = [await this.client(), await this.configured()];
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, expiresAt: now + ttlMs };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Exchanges the code of the provider's answer (`callbackUrl`, the URL the browser came back
   * to) and validates the ID token (signature, issuer, audience, expiry, nonce). Resolves with
   * the ID token's claims, and the userinfo's when the ID token carries no email.
   */
  async finishLogin(callbackUrl: URL, pending: PendingLogin): Promise<{ idToken: Record<string, unknown>; userinfo?: Record<string, unknown> }> {
    const [client, config] = [await this.client(), await this.configured()];
    let tokens: Awaited<ReturnType<OpenIdClient['authorizationCodeGrant']>>;
    try {
      tokens = await client.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
        { redirect_uri: this.redirectUri },
      );
    } catch (error) {
      throw new CodeRefusedError(describe(error));
    }
    const idToken = tokens.claims() as Record<string, unknown> | undefined;
    if (!idToken) throw new CodeRefusedError('the provider sent no ID token');
    if (typeof idToken.email === 'string' && idToken.email !== '') return { idToken };
    try {
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, String(idToken.sub));
      return { idToken, userinfo: userinfo as Record<string, unknown> };
    } catch (error) {
      throw new CodeRefusedError(`userinfo: ${describe(error)}`);
    }
  }

  private client(): Promise<OpenIdClient> {
    // openid-client is an ES module: loaded when first needed (Node 20 loads it from
    // CommonJS), so that nothing loads it where single sign-on is not configured.
    this.library ??= import('openid-client');
    return this.library;
  }

  private configured(): Promise<Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw new ProviderUnavailableError(describe(error));
    });
    return this.configuration;
  }

  private async discover(): Promise<Configuration> {
    const client = await this.client();
    const issuer = new URL(this.settings.issuer);
    // Plain http is allowed (by the settings) on loopback only: the test provider.
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    const config = await client.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      // The ID token's signature is checked against the provider's published keys too, not
      // only trusted because it came over TLS: a token the provider did not sign is refused.
      execute: insecure ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
    });
    return config;
  }
}

/** The library's error in a line for the log: its code and message, never a token or code. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, error: oauthError } = error as { code?: string; error?: string };
  return [code, oauthError, error.message].filter(Boolean).join(': ');
}
