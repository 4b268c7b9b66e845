/* global process, console, Buffer, URL, URLSearchParams */
/**
 * A real OpenID provider for the tests: oidc-provider (panva, OpenID certified) on 127.0.0.1
 * with a random port, run as its own process (it is an ES module, which jest cannot load).
 * Started by test/support/oidc/test-oidc-provider.ts; read that file first.
 *
 * stdin: one JSON object { clientId, clientSecret, redirectUri, accounts: [{ sub, email,
 * email_verified, name }], port?, emailInIdToken? } (port: a given one instead of a random one;
 * emailInIdToken false: the ID token carries `sub` only, and the email is in userinfo). stdout: one line `READY {"issuer": ...}` once it listens.
 * SIGTERM: closes the server and exits 0.
 *
 * One confidential client (client_secret_post), authorisation code only, PKCE (S256)
 * required. Signing in is this file's own small interaction, not oidc-provider's
 * development pages, so that the tests know its form:
 *   GET  /interaction/:uid  a page with a form `#sign-in` holding `input#email` (name
 *                           "email") and `button#sign-in-submit` ("Sign in");
 *   POST /interaction/:uid  email=<an account's email> signs that account in and grants
 *                           `openid email profile` to the client at once (no consent page);
 *                           an email of no account shows the form again with `#error` (400).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const input = JSON.parse(await readStdin());
const accounts = new Map(input.accounts.map((account) => [account.sub, account]));
const accountByEmail = (email) => input.accounts.find((a) => a.email.toLowerCase() === email.trim().toLowerCase());

// Keys made for this run only: nothing secret is kept in the repository.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const server = createServer();
await new Promise((resolve) => server.listen(input.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: input.clientId,
      client_secret: input.clientSecret,
      redirect_uris: [input.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // As Microsoft Entra ID and Google do: the ID token carries the scopes' claims (unless the test asks otherwise).
  conformIdTokenClaims: input.emailInIdToken === false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: async () => ({ sub, email: account.email, email_verified: account.email_verified, name: account.name }),
    };
  },
});
const callback = provider.callback();

server.on('request', (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return callback(req, res);
  interaction(req, res).catch((error) => {
    console.error(`interaction failed: ${error.message}`);
    if (!res.headersSent) page(res, 500, `<p id="error">${escape(error.message)}</p>`);
  });
});

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const signedIn = details.session?.accountId;
  if (req.method === 'GET' && !(details.prompt.name === 'consent' && signedIn)) {
    return page(res, 200, form(details.uid));
  }
  if (req.method !== 'POST' && !signedIn) return page(res, 405, '<p id="error">Not allowed.</p>');
  let accountId = signedIn;
  if (req.method === 'POST') {
    const email = new URLSearchParams(await readBody(req)).get('email') ?? '';
    const account = accountByEmail(email);
    if (!account) return page(res, 400, form(details.uid, `No account has the email ${email}.`));
    accountId = account.sub;
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

function form(uid, error) {
  return `<h1>Test provider: sign in</h1>
${error ? `<p id="error" role="alert">${escape(error)}</p>` : ''}
<form id="sign-in" method="post" action="/interaction/${escape(uid)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required>
  <button id="sign-in-submit" type="submit">Sign in</button>
</form>`;
}

function page(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider</title></head><body><main>${body}</main></body></html>`);
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readStdin() {
  return readBody(process.stdin);
}

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write(`READY ${JSON.stringify({ issuer })}\n`);
