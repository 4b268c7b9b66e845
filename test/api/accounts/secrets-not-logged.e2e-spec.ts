import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GOOD_PASSWORD, tokenOfLink } from '../../support/accounts';
import { built } from '../../support/built-code';
import { removeDataDir, tempDataDir } from '../../support/test-app';

const run = promisify(execFile);
const MAIN = join(__dirname, '../../../dist/apps/api/src/main.js');
const ADMIN_CREATE = join(__dirname, '../../../dist/apps/api/src/cli/admin-create.js');

/** The built server logs a line per request: none of sign-in's secrets may be in them, nor in the event log. */
describe('sign-in secrets are never logged', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeAll(() => (dataDir = tempDataDir()));
  afterAll(() => {
    server?.kill('SIGKILL');
    removeDataDir(dataDir);
  });

  it('not the set-up link, the password, the session id, the CSRF token or a personal token', async () => {
    const env = { ...process.env, PORT: '0', RAG_LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    const link = (await run(process.execPath, [built(ADMIN_CREATE), '--email', 'ada@norfolk.gov.uk', '--name', 'Ada Lovelace'], { env })).stdout.trim().split('\n').at(-1) as string;
    const child = spawn(process.execPath, [built(MAIN)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const match = stderr.match(/listening on (http:\/\/localhost:\d+\/api)/);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    });
    const json = { 'Content-Type': 'application/json' };
    expect((await fetch(`${base}/invitations/${tokenOfLink(link)}/accept`, { method: 'POST', headers: json, body: JSON.stringify({ password: GOOD_PASSWORD }) })).status).toBe(204);
    await fetch(`${base}/session`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'ada@norfolk.gov.uk', password: 'a wrong password here' }) });
    const signedIn = await fetch(`${base}/session`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'ada@norfolk.gov.uk', password: GOOD_PASSWORD }) });
    expect(signedIn.status).toBe(204);
    const cookie = (signedIn.headers.get('set-cookie') as string).split(';')[0];
    const sessionId = cookie.split('=')[1];
    const { csrfToken } = (await (await fetch(`${base}/session`, { headers: { Cookie: cookie } })).json()) as { csrfToken: string };
    const created = await fetch(`${base}/tokens`, { method: 'POST', headers: { ...json, Cookie: cookie, 'X-CSRF-Token': csrfToken }, body: JSON.stringify({ name: 'Logged?' }) });
    const { token } = (await created.json()) as { token: string };
    expect((await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    server = undefined;

    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.some((line) => line.includes('/api/invitations/[redacted]/accept'))).toBe(true);
    expect(lines.filter((line) => line.includes('"url":"/api/session"')).length).toBeGreaterThanOrEqual(3);
    const logs = stdout + stderr;
    const stores = [readFileSync(join(dataDir, 'events.db')).toString('latin1'), readFileSync(join(dataDir, 'credentials.db')).toString('latin1')].join('\n');
    for (const [what, secret] of Object.entries({ link: tokenOfLink(link), password: GOOD_PASSWORD, sessionId, csrfToken, token })) {
      expect({ what, logged: logs.includes(secret) }).toEqual({ what, logged: false });
    }
    // The stores keep hashes only. The CSRF token is kept as it is (the page reads it again from
    // GET /api/session), but it is no credential: without the session cookie it opens nothing.
    for (const [what, secret] of Object.entries({ link: tokenOfLink(link), password: GOOD_PASSWORD, sessionId, token })) {
      expect({ what, stored: stores.includes(secret) }).toEqual({ what, stored: false });
    }
  }, 60_000);
});
