import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DIRECTORY_ID, peopleDecider, type PeopleCommand } from '@rag-ledger/domain';
import { SqliteEventStore } from '@rag-ledger/event-store';
import { systemClock, WritePath } from '@rag-ledger/write-path';
import { built } from '../support/built-code';
import { browse, CookieJar, signInAtProvider } from '../support/oidc/oidc-flow';
import { startTestOidcProvider, type TestOidcProvider } from '../support/oidc/test-oidc-provider';
import { removeDataDir, tempDataDir } from '../support/test-app';

const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
const SESSION_COOKIE = 'rag_ledger_session';
const PENDING_COOKIE = 'rag_ledger_oidc';

const messageOf = async (response: Response) => ((await response.json()) as { message: string }).message;

/** A port free a moment ago: the redirect URI is registered with the provider before the tracker starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The directory the tracker starts with, written through the write path as any command line would. */
async function seedDirectory(dataDir: string): Promise<void> {
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
  const writePath = new WritePath(store, systemClock);
  const context = { actor: { id: 'seed', name: 'Test set-up', role: 'admin' as const }, correlationId: 'single-sign-on-e2e' };
  const commands: PeopleCommand[] = [
    { type: 'AddPerson', data: { personId: 'ada', name: 'Ada Lovelace', initials: 'AL', jobTitle: 'Head of Service', email: 'ada@council.example' } },
    { type: 'GrantRight', data: { personId: 'ada', role: 'admin', reason: 'First administrator' } },
    { type: 'AddPerson', data: { personId: 'una', name: 'Una Verified', initials: 'UV', email: 'una@council.example' } },
    { type: 'AddPerson', data: { personId: 'dee', name: 'Dee Parted', initials: 'DP', email: 'dee@council.example' } },
    { type: 'DeactivatePerson', data: { personId: 'dee', reason: 'Left the council' } },
  ];
  for (const command of commands) await writePath.handle(peopleDecider, DIRECTORY_ID, command, context);
  await store.close();
}

interface Tracker {
  child: ChildProcess;
  base: URL;
  output: { stdout: string; stderr: string };
}

/** Resolves once the server's output matches `pattern` (lines arrive through a pipe, after the answer they belong to). */
async function logged(output: Tracker['output'], pattern: RegExp): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 25) {
    const all = output.stdout + output.stderr;
    if (pattern.test(all)) return all;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the server never logged ${pattern}: ${output.stdout.slice(-2000)}`);
}

/** The built server on `port` with the environment given; resolves once it listens. */
async function startTracker(dataDir: string, port: number, env: Record<string, string>): Promise<Tracker> {
  const child = spawn(process.execPath, [built(MAIN)], {
    env: { ...process.env, PORT: String(port), RAG_LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c: Buffer) => (output.stdout += c.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.stderr}`)), 20_000);
    child.stderr!.on('data', (c: Buffer) => {
      output.stderr += c.toString();
      const match = output.stderr.match(/listening on (http:\/\/localhost:\d+)\/api/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output.stderr}`)));
  });
  return { child, base: new URL(base), output };
}

describe('single sign-on against a real OpenID provider (the built server as a process)', () => {
  let dataDir: string;
  let provider: TestOidcProvider;
  let tracker: Tracker;
  let base: URL;
  let output: Tracker['output'];

  beforeAll(async () => {
    dataDir = tempDataDir();
    await seedDirectory(dataDir);
    const port = await freePort();
    provider = await startTestOidcProvider({
      redirectUri: `http://localhost:${port}/api/auth/oidc/callback`,
      accounts: [
        { sub: 'entra-ada', email: 'Ada@Council.example', email_verified: true, name: 'Ada Lovelace' },
        { sub: 'entra-una', email: 'una@council.example', email_verified: false, name: 'Una Verified' },
        { sub: 'entra-dee', email: 'dee@council.example', email_verified: true, name: 'Dee Parted' },
        { sub: 'entra-zed', email: 'zed@elsewhere.example', email_verified: true, name: 'Zed Stranger' },
      ],
    });
    tracker = await startTracker(dataDir, port, {
      RAG_LEDGER_OIDC_ISSUER: provider.issuer,
      RAG_LEDGER_OIDC_CLIENT_ID: provider.clientId,
      RAG_LEDGER_OIDC_CLIENT_SECRET: provider.clientSecret,
      RAG_LEDGER_OIDC_LABEL: 'Sign in with Microsoft',
    });
    base = tracker.base;
    output = tracker.output;
  }, 60_000);

  afterAll(async () => {
    tracker?.child.kill('SIGKILL');
    await provider?.stop();
    removeDataDir(dataDir);
  });

  const at = (path: string) => new URL(path, base);

  /** GET /api/auth/oidc/login in a fresh browser: the jar (holding the pending login) and where the provider is. */
  async function startSignIn(): Promise<{ jar: CookieJar; authorization: URL }> {
    const jar = new CookieJar();
    const response = await browse(jar, at('/api/auth/oidc/login'));
    expect(response.status).toBe(302);
    return { jar, authorization: new URL(response.headers.get('location')!) };
  }

  /** Whether the jar's browser is signed in: GET /api/session with its cookies. */
  const session = (jar: CookieJar) => browse(jar, at('/api/session'));

  it('offers the button: GET /api/auth/methods names the label and the login route', async () => {
    const response = await fetch(at('/api/auth/methods'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ password: true, sso: { label: 'Sign in with Microsoft', loginUrl: '/api/auth/oidc/login' } });
  });

  it('signs a person of the directory in: login -> provider -> callback -> session, GET /api/session names them', async () => {
    const jar = new CookieJar();
    const login = await browse(jar, at('/api/auth/oidc/login'));
    expect(login.status).toBe(302);
    const authorization = new URL(login.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    const asked = authorization.searchParams;
    expect(asked.get('response_type')).toBe('code');
    expect(asked.get('client_id')).toBe(provider.clientId);
    expect(asked.get('redirect_uri')).toBe(at('/api/auth/oidc/callback').href);
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(asked.get('scope')).toBe('openid email profile');
    // The pending login: httpOnly, SameSite=Lax, for the sign-in routes only, 10 minutes; sealed, so state and verifier are not readable in it.
    const pendingCookie = login.headers.getSetCookie().find((c) => c.startsWith(`${PENDING_COOKIE}=`))!;
    expect(pendingCookie).toMatch(/HttpOnly/i);
    expect(pendingCookie).toMatch(/SameSite=Lax/i);
    expect(pendingCookie).toMatch(/Path=\/api\/auth\/oidc/);
    expect(pendingCookie).toMatch(/Max-Age=600/);
    expect(pendingCookie).not.toContain(asked.get('state'));

    const answer = await signInAtProvider(jar, authorization, 'ada@council.example');
    expect(answer.origin + answer.pathname).toBe(at('/api/auth/oidc/callback').href);
    expect(answer.searchParams.get('state')).toBe(asked.get('state'));
    const code = answer.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const callback = await browse(jar, answer);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/#/me');
    expect(jar.get(base, SESSION_COOKIE)).toBeDefined();
    expect(jar.get(base, PENDING_COOKIE)).toBeUndefined();

    const signedIn = await session(jar);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ person: { id: 'ada', name: 'Ada Lovelace' }, rights: [{ role: 'admin' }], csrfToken: expect.any(String) });

    // Who signed in is logged (the person's id); the code and the cookies never are.
    const log = await logged(output, /"url":"\/api\/auth\/oidc\/callback\?\[left out\]".*"statusCode":302/);
    expect(log).toMatch(/single sign-on: person ada signed in/);
    expect(log).not.toContain(code);
    expect(log).not.toContain(jar.get(base, SESSION_COOKIE)!);
  });

  it('refuses an answer whose state is not the one this browser was given (400), and signs nobody in', async () => {
    const { jar, authorization } = await startSignIn();
    const answer = await signInAtProvider(jar, authorization, 'ada@council.example');
    const forged = new URL(answer);
    forged.searchParams.set('state', 'a-state-someone-else-made-up-0123456789');
    const refused = await browse(jar, forged);
    expect(refused.status).toBe(400);
    expect(await messageOf(refused)).toMatch(/does not belong to the sign-in started in this browser/);
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
    expect((await session(jar)).status).toBe(401);

    // Without any state, or without the pending login (another browser), it is refused the same way.
    const { jar: other, authorization: again } = await startSignIn();
    const answerAgain = await signInAtProvider(other, again, 'ada@council.example');
    const stateless = new URL(answerAgain);
    stateless.searchParams.delete('state');
    expect((await browse(other.copy(), stateless)).status).toBe(400);
    expect((await browse(new CookieJar(), answerAgain)).status).toBe(400);
  });

  it('refuses a replayed code: the provider will not exchange it twice, and no second session starts', async () => {
    const { jar, authorization } = await startSignIn();
    const answer = await signInAtProvider(jar, authorization, 'ada@council.example');
    // What an attacker who copied the browser's cookies and the answer's URL would hold.
    const copied = jar.copy();
    expect((await browse(jar, answer)).status).toBe(302);
    expect(jar.get(base, SESSION_COOKIE)).toBeDefined();

    const replay = await browse(copied, answer);
    expect(replay.status).toBe(400);
    expect(await messageOf(replay)).toMatch(/did not confirm this sign-in/);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(false);
    expect((await session(copied)).status).toBe(401);
  });

  it('refuses an email the provider has not verified (403), with a message for the person, and signs nobody in', async () => {
    const { jar, authorization } = await startSignIn();
    const refused = await browse(jar, await signInAtProvider(jar, authorization, 'una@council.example'));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringMatching(/did not confirm that una@council.example is your email address/),
    });
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
    expect((await session(jar)).status).toBe(401);
  });

  it('refuses an email nobody in the directory has, and a deactivated person: ask an administrator', async () => {
    const stranger = await startSignIn();
    const unknown = await browse(stranger.jar, await signInAtProvider(stranger.jar, stranger.authorization, 'zed@elsewhere.example'));
    expect(unknown.status).toBe(403);
    expect(await messageOf(unknown)).toMatch(/Nobody with the email zed@elsewhere.example is in the tracker's directory of people. Ask an administrator to add you./);
    expect(stranger.jar.get(base, SESSION_COOKIE)).toBeUndefined();

    const leaver = await startSignIn();
    const deactivated = await browse(leaver.jar, await signInAtProvider(leaver.jar, leaver.authorization, 'dee@council.example'));
    expect(deactivated.status).toBe(403);
    expect(await messageOf(deactivated)).toMatch(/ask an administrator/);
    expect(leaver.jar.get(base, SESSION_COOKIE)).toBeUndefined();
    expect((await session(leaver.jar)).status).toBe(401);
  });

  it('refuses an answer in which the provider reports an error (the person cancelled), and signs nobody in', async () => {
    const { jar, authorization } = await startSignIn();
    const answer = at('/api/auth/oidc/callback');
    answer.searchParams.set('error', 'access_denied');
    answer.searchParams.set('error_description', 'The person cancelled the sign-in');
    answer.searchParams.set('state', authorization.searchParams.get('state')!);
    const refused = await browse(jar, answer);
    expect(refused.status).toBe(400);
    expect(await messageOf(refused)).toMatch(/did not sign you in: The person cancelled the sign-in. Start the sign-in again/);
    expect((await session(jar)).status).toBe(401);
  });

  it('sends a browser back to the sign-in page with the reason instead of a JSON answer', async () => {
    const { jar, authorization } = await startSignIn();
    const answer = await signInAtProvider(jar, authorization, 'zed@elsewhere.example');
    const refused = await browse(jar, answer, { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(refused.status).toBe(302);
    const location = refused.headers.get('location')!;
    expect(location.startsWith('/#/sign-in?error=')).toBe(true);
    expect(decodeURIComponent(location.split('error=')[1])).toMatch(/Ask an administrator to add you/);
    expect(jar.get(base, SESSION_COOKIE)).toBeUndefined();
  });
});

describe('single sign-on while the provider is down', () => {
  let dataDir: string;
  let tracker: Tracker | undefined;
  let provider: TestOidcProvider | undefined;
  afterAll(async () => {
    tracker?.child.kill('SIGKILL');
    await provider?.stop();
    removeDataDir(dataDir);
  });

  it('starts without it, refuses a sign-in (503, try again later), and asks again once it is up', async () => {
    dataDir = tempDataDir();
    await seedDirectory(dataDir);
    const [port, providerPort] = [await freePort(), await freePort()];
    const client = { id: 'rag-ledger-late', secret: 'a-secret-made-for-this-test-0123456789' };
    tracker = await startTracker(dataDir, port, {
      RAG_LEDGER_OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      RAG_LEDGER_OIDC_CLIENT_ID: client.id,
      RAG_LEDGER_OIDC_CLIENT_SECRET: client.secret,
    });
    const login = new URL('/api/auth/oidc/login', tracker.base);
    expect((await fetch(new URL('/api/health', tracker.base))).status).toBe(200);
    const down = await browse(new CookieJar(), login);
    expect(down.status).toBe(503);
    expect(await messageOf(down)).toMatch(/cannot be reached just now. Try again in a few minutes, or sign in with your email and password/);
    expect(down.headers.getSetCookie()).toEqual([]);
    await logged(tracker.output, /the provider cannot be reached .*the next sign-in tries again/);

    provider = await startTestOidcProvider({
      port: providerPort,
      client,
      redirectUri: `http://localhost:${port}/api/auth/oidc/callback`,
      accounts: [{ sub: 'entra-ada', email: 'ada@council.example', email_verified: true, name: 'Ada Lovelace' }],
    });
    const jar = new CookieJar();
    const up = await browse(jar, login);
    expect(up.status).toBe(302);
    expect(up.headers.get('location')!.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    expect((await browse(jar, await signInAtProvider(jar, new URL(up.headers.get('location')!), 'ada@council.example'))).status).toBe(302);
    expect(jar.get(tracker.base, SESSION_COOKIE)).toBeDefined();
  }, 60_000);
});

describe('single sign-on with a provider whose ID token carries no email', () => {
  let dataDir: string;
  let tracker: Tracker | undefined;
  let provider: TestOidcProvider | undefined;
  afterAll(async () => {
    tracker?.child.kill('SIGKILL');
    await provider?.stop();
    removeDataDir(dataDir);
  });

  it('reads the email and its verification from userinfo', async () => {
    dataDir = tempDataDir();
    await seedDirectory(dataDir);
    const port = await freePort();
    provider = await startTestOidcProvider({
      emailInIdToken: false,
      redirectUri: `http://localhost:${port}/api/auth/oidc/callback`,
      accounts: [
        { sub: 'ada-sub', email: 'ada@council.example', email_verified: true, name: 'Ada Lovelace' },
        { sub: 'una-sub', email: 'una@council.example', email_verified: false, name: 'Una Verified' },
      ],
    });
    tracker = await startTracker(dataDir, port, {
      RAG_LEDGER_OIDC_ISSUER: provider.issuer,
      RAG_LEDGER_OIDC_CLIENT_ID: provider.clientId,
      RAG_LEDGER_OIDC_CLIENT_SECRET: provider.clientSecret,
    });
    const signIn = async (email: string) => {
      const jar = new CookieJar();
      const login = await browse(jar, new URL('/api/auth/oidc/login', tracker!.base));
      return { jar, callback: await browse(jar, await signInAtProvider(jar, new URL(login.headers.get('location')!), email)) };
    };
    const ada = await signIn('ada@council.example');
    expect(ada.callback.status).toBe(302);
    const session = await browse(ada.jar, new URL('/api/session', tracker.base));
    expect(await session.json()).toMatchObject({ person: { id: 'ada' } });
    const una = await signIn('una@council.example');
    expect(una.callback.status).toBe(403);
    expect(await messageOf(una.callback)).toMatch(/did not confirm that una@council.example is your email address/);
  }, 60_000);
});

describe('a tracker without single sign-on', () => {
  it('says so: GET /api/auth/methods has sso null, and the login route is 404', async () => {
    const dataDir = tempDataDir();
    const tracker = await startTracker(dataDir, 0, {});
    try {
      expect(await (await fetch(new URL('/api/auth/methods', tracker.base))).json()).toEqual({ password: true, sso: null });
      const login = await fetch(new URL('/api/auth/oidc/login', tracker.base), { redirect: 'manual' });
      expect(login.status).toBe(404);
      expect(await messageOf(login)).toMatch(/Single sign-on is not set up on this tracker/);
    } finally {
      tracker.child.kill('SIGKILL');
      removeDataDir(dataDir);
    }
  }, 30_000);
});
