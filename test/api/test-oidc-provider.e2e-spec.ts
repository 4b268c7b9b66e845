import { createHash, randomBytes } from 'node:crypto';
import { browse, CookieJar, signInAtProvider } from '../support/oidc/oidc-flow';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc/test-oidc-provider';

const REDIRECT_URI = 'http://localhost:3999/api/auth/oidc/callback';

/** The test provider itself: what the single sign-on test relies on it to do, and to refuse. */
describe('the test OpenID provider (oidc-provider as its own process)', () => {
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUri: REDIRECT_URI,
      accounts: [{ sub: 'ada-sub', email: 'ada@council.example', email_verified: true, name: 'Ada Lovelace' }],
    });
  }, 30_000);
  afterAll(() => provider?.stop());

  const authorizationUrl = (extra: Record<string, string>) => {
    const url = new URL('/auth', provider.issuer);
    const params = { client_id: provider.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid email profile', state: 's1', nonce: 'n1', ...extra };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  };
  const challenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

  it('listens on loopback with a client made for this run, and publishes its discovery document', async () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.clientSecret.length).toBeGreaterThanOrEqual(40);
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: provider.issuer, code_challenge_methods_supported: ['S256'] });
  });

  it('requires PKCE: an authorisation request without a code challenge is refused', async () => {
    const response = await browse(new CookieJar(), authorizationUrl({}));
    expect(response.status).toBe(303);
    const answer = new URL(response.headers.get('location')!);
    expect(answer.origin + answer.pathname).toBe(REDIRECT_URI);
    expect(answer.searchParams.get('error')).toBe('invalid_request');
    expect(answer.searchParams.get('error_description')).toMatch(/requires PKCE/);
  });

  it('signs an account in on its form and answers with a code the client exchanges once, with its secret and verifier', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const answer = await signInAtProvider(new CookieJar(), authorizationUrl({ code_challenge: challenge(verifier), code_challenge_method: 'S256' }), 'ada@council.example');
    expect(answer.searchParams.get('state')).toBe('s1');
    const code = answer.searchParams.get('code')!;
    const exchange = (secret: string) =>
      fetch(`${provider.issuer}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: provider.clientId, client_secret: secret }),
      });
    expect((await exchange('a-wrong-secret')).status).toBe(401);
    const tokens = await exchange(provider.clientSecret);
    expect(tokens.status).toBe(200);
    const idToken = ((await tokens.json()) as { id_token: string }).id_token;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'ada-sub', email: 'ada@council.example', email_verified: true, nonce: 'n1', aud: provider.clientId });
    expect((await exchange(provider.clientSecret)).status).toBe(400);
  });

  it('shows its form again for an email of no account', async () => {
    const jar = new CookieJar();
    const verifier = randomBytes(32).toString('base64url');
    await expect(signInAtProvider(jar, authorizationUrl({ code_challenge: challenge(verifier), code_challenge_method: 'S256' }), 'nobody@council.example')).rejects.toThrow(
      /answered 400: .*id="error".*No account has the email nobody@council.example/s,
    );
  });
});

describe('stopping the test OpenID provider', () => {
  it('exits 0 on stop() and no longer answers', async () => {
    const provider = await startTestOidcProvider({ redirectUri: REDIRECT_URI, accounts: [] });
    const discovery = `${provider.issuer}/.well-known/openid-configuration`;
    expect((await fetch(discovery)).status).toBe(200);
    expect(await provider.stop()).toBe(0);
    await expect(fetch(discovery)).rejects.toThrow();
    // Stopping twice is harmless (an afterAll after a test that already stopped it).
    expect(await provider.stop()).toBe(0);
  }, 30_000);
});
