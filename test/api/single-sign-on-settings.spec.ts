import { loadConfig } from '../../apps/api/src/config/app-config';
import { DEFAULT_OIDC_LABEL, isLoopbackHost, loadOidcSettings } from '../../apps/api/src/oidc/oidc-settings';
import { PendingLoginSeal, type PendingLogin } from '../../apps/api/src/oidc/pending-login';
import { verifiedEmailOf } from '../../apps/api/src/oidc/verified-email';

const ENTRA = {
  RAG_LEDGER_OIDC_ISSUER: 'https://login.microsoftonline.com/6d6c1a8e-0000-4000-8000-000000000000/v2.0',
  RAG_LEDGER_OIDC_CLIENT_ID: '0f8fad5b-d9cb-469f-a165-70867728950e',
  RAG_LEDGER_OIDC_CLIENT_SECRET: 'not-a-real-secret',
};

describe('single sign-on settings (RAG_LEDGER_OIDC_*)', () => {
  it('is off when none of the three is set, and the server starts with local accounts only', () => {
    expect(loadOidcSettings({})).toBeUndefined();
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('reads the three, the label and the claim that verifies the email', () => {
    expect(loadConfig(ENTRA).oidc).toEqual({
      issuer: ENTRA.RAG_LEDGER_OIDC_ISSUER,
      clientId: ENTRA.RAG_LEDGER_OIDC_CLIENT_ID,
      clientSecret: ENTRA.RAG_LEDGER_OIDC_CLIENT_SECRET,
      label: DEFAULT_OIDC_LABEL,
      emailVerifiedClaim: 'email_verified',
    });
    expect(loadOidcSettings({ ...ENTRA, RAG_LEDGER_OIDC_LABEL: ' Sign in with Microsoft ', RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM: 'xms_edov' })).toMatchObject({
      label: 'Sign in with Microsoft',
      emailVerifiedClaim: 'xms_edov',
    });
  });

  it.each([
    [{ RAG_LEDGER_OIDC_ISSUER: ENTRA.RAG_LEDGER_OIDC_ISSUER }, /RAG_LEDGER_OIDC_CLIENT_ID and RAG_LEDGER_OIDC_CLIENT_SECRET are not set/],
    [{ ...ENTRA, RAG_LEDGER_OIDC_CLIENT_SECRET: ' ' }, /RAG_LEDGER_OIDC_CLIENT_SECRET is not set/],
    [{ RAG_LEDGER_OIDC_LABEL: 'Sign in with Google' }, /needs RAG_LEDGER_OIDC_ISSUER, RAG_LEDGER_OIDC_CLIENT_ID, RAG_LEDGER_OIDC_CLIENT_SECRET/],
    [{ ...ENTRA, RAG_LEDGER_OIDC_ISSUER: 'login.microsoftonline.com' }, /RAG_LEDGER_OIDC_ISSUER must be the provider's issuer URL/],
    [{ ...ENTRA, RAG_LEDGER_OIDC_ISSUER: 'http://idp.council.example' }, /RAG_LEDGER_OIDC_ISSUER must be an https URL/],
    [{ ...ENTRA, RAG_LEDGER_OIDC_ISSUER: 'http://127.0.0.1.nip.io:9000' }, /must be an https URL/],
    [{ ...ENTRA, RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM: 'upn' }, /RAG_LEDGER_OIDC_EMAIL_VERIFIED_CLAIM must be one of email_verified, xms_edov/],
  ])('stops the server with a clear message: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('allows plain http only on this machine (the test provider)', () => {
    for (const issuer of ['http://127.0.0.1:4567', 'http://localhost:4567', 'http://[::1]:4567']) {
      expect(loadOidcSettings({ ...ENTRA, RAG_LEDGER_OIDC_ISSUER: issuer })?.issuer).toBe(issuer);
    }
    expect(isLoopbackHost('127.10.0.1')).toBe(true);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.council.example')).toBe(false);
  });
});

describe('the verified email of a set of claims', () => {
  it('is the email when the configured claim is exactly true', () => {
    expect(verifiedEmailOf({ email: ' Ada@Council.example ', email_verified: true }, 'email_verified')).toEqual({ email: 'Ada@Council.example' });
    expect(verifiedEmailOf({ email: 'ada@council.example', xms_edov: true }, 'xms_edov')).toEqual({ email: 'ada@council.example' });
  });

  it.each([
    [{ email: 'ada@council.example', email_verified: false }, 'email_verified'],
    [{ email: 'ada@council.example', email_verified: 'true' }, 'email_verified'],
    [{ email: 'ada@council.example' }, 'email_verified'],
    // Entra sends no email_verified; with xms_edov configured, email_verified alone does not count.
    [{ email: 'ada@council.example', email_verified: true }, 'xms_edov'],
    [{ email: 'ada@council.example', xms_edov: false }, 'xms_edov'],
  ] as const)('is refused, with a message for the person, when not verified: %j by %s', (claims, claim) => {
    const result = verifiedEmailOf(claims, claim);
    expect(result).toEqual({ refusal: expect.stringMatching(/did not confirm that ada@council.example is your email address/) });
  });

  it('is missing when the claims carry no email (then userinfo is asked)', () => {
    expect(verifiedEmailOf({ sub: 'x', email_verified: true }, 'email_verified')).toBeUndefined();
    expect(verifiedEmailOf({ email: '  ', email_verified: true }, 'email_verified')).toBeUndefined();
  });
});

describe('the sealed pending login (the cookie between login and callback)', () => {
  const login: PendingLogin = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1', expiresAt: 1_000_000 };
  const seal = new PendingLoginSeal('rag-ledger-test-secret-0123456789abcdef');

  it('opens what it sealed until it expires, and shows none of it', () => {
    const sealed = seal.seal(login);
    expect(sealed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const secret of ['state-1', 'nonce-1', 'verifier-1']) expect(Buffer.from(sealed.split('.')[1], 'base64url').toString('latin1')).not.toContain(secret);
    expect(seal.open(sealed, 999_999)).toEqual(login);
    expect(seal.open(sealed, 1_000_000)).toBeUndefined();
  });

  it('refuses a cookie changed by one character, sealed with another secret, or no cookie', () => {
    const sealed = seal.seal(login);
    const [iv, body, tag] = sealed.split('.');
    const flipped = body[0] === 'A' ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(seal.open([iv, flipped, tag].join('.'), 0)).toBeUndefined();
    expect(new PendingLoginSeal('another-secret-of-another-tracker-000000').open(sealed, 0)).toBeUndefined();
    expect(seal.open(undefined, 0)).toBeUndefined();
    expect(seal.open('garbage', 0)).toBeUndefined();
  });
});
