import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** A person the test provider knows. `email_verified` is sent as given (false to test refusals). */
export interface TestOidcAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>, the issuer of its discovery document. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the provider wrote to stderr so far (for a failing test's message). */
  readonly stderr: string;
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

const SCRIPT = join(__dirname, 'provider.mjs');
const READY = /^READY (\{.*\})$/m;

/**
 * Starts a real OpenID provider (oidc-provider, certified) as its own process on loopback with
 * one confidential client whose id and secret are made for this run, PKCE required, and the
 * accounts given. Resolves once it listens. How a person signs in on it (the form and its
 * selectors) is described at the top of provider.mjs; `signInAtProvider` in oidc-flow.ts does it over HTTP.
 */
export function startTestOidcProvider(options: {
  accounts: TestOidcAccount[];
  redirectUri: string;
  /** Listen on this port rather than a random one (to start it where a tracker already looks). */
  port?: number;
  /** The client's id and secret, when the tracker was given them before the provider started; made for the run otherwise. */
  client?: { id: string; secret: string };
  /** false: the ID token carries only `sub`, the email and its verification come from userinfo (true by default, as Entra and Google do). */
  emailInIdToken?: boolean;
}): Promise<TestOidcProvider> {
  const clientId = options.client?.id ?? `rag-ledger-test-${randomBytes(4).toString('hex')}`;
  const clientSecret = options.client?.secret ?? randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify({ clientId, clientSecret, redirectUri: options.redirectUri, accounts: options.accounts, port: options.port, emailInIdToken: options.emailInIdToken }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the test OpenID provider did not start within 20 s: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID provider exited with ${code} before it was ready: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const { issuer } = JSON.parse(match[1]) as { issuer: string };
      resolve({
        issuer,
        clientId,
        clientSecret,
        get stderr() {
          return stderr;
        },
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
