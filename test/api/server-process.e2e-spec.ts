import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { actionStream } from '@rag-ledger/domain';
import { readStreamOrEmpty, SqliteEventStore } from '@rag-ledger/event-store';
import { built } from '../support/built-code';
import { removeDataDir, tempDataDir } from '../support/test-app';

const run = promisify(execFile);
const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
const TOKEN_CLI = join(__dirname, '../../dist/apps/api/src/cli/token.js');

/** Starts the built server on a free port and resolves with its base URL and its output. */
function startServer(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [built(MAIN)], {
    env: { ...process.env, PORT: '0', RAG_LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (output.stdout += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.stderr}`)), 20_000);
    child.stderr.on('data', (c: Buffer) => {
      output.stderr += c.toString();
      const match = output.stderr.match(/listening on (http:\/\/localhost:\d+\/api)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output.stderr}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, output, exited };
}

async function token(dataDir: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [built(TOKEN_CLI), ...args], { env: { ...process.env, RAG_LEDGER_DATA_DIR: dataDir } });
  return stdout.trim();
}

describe('the built server as a process', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeEach(() => (dataDir = tempDataDir()));
  afterEach(() => {
    server?.kill('SIGKILL');
    removeDataDir(dataDir);
  });

  it('prints a token and nothing else, signed with a secret generated into the data directory (owner-only)', async () => {
    const jwt = await token(dataDir, ['--user', 'ab', '--name', 'Andrea Brown', '--role', 'owner', '--plans', 'SIP,LAC']);
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const secretFile = join(dataDir, 'jwt-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const claims = new JwtService().verify(jwt, { secret: readFileSync(secretFile, 'utf8').trim() });
    expect(claims).toMatchObject({ sub: 'ab', name: 'Andrea Brown', role: 'owner', plans: ['SIP', 'LAC'] });
    await expect(token(dataDir, ['--user', 'x', '--name', 'X', '--role', 'superuser'])).rejects.toMatchObject({ code: 2, stdout: '' });
  });

  it("prints a school's token naming its URN, and refuses a school token without one", async () => {
    const jwt = await token(dataDir, ['--user', 'head-1', '--name', 'Hana Head', '--role', 'school', '--schools', '121212']);
    const claims = new JwtService().verify(jwt, { secret: readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim() });
    expect(claims).toMatchObject({ sub: 'head-1', role: 'school', schools: ['121212'] });
    await expect(token(dataDir, ['--user', 'h', '--name', 'H', '--role', 'school'])).rejects.toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--schools/) });
    await expect(token(dataDir, ['--user', 'h', '--name', 'H', '--role', 'officer', '--schools', '121212'])).rejects.toMatchObject({ code: 2 });
    await expect(token(dataDir, ['--user', 'h', '--name', 'H', '--role', 'school', '--schools', 'abc'])).rejects.toMatchObject({ code: 2 });
  });

  it('refuses to start on a wrong setting and names the variable', async () => {
    const { url, exited } = startServer(dataDir, { PORT: 'eighty' });
    await expect(url).rejects.toThrow(/PORT must be a whole number/);
    expect(await exited).toBe(1);
  });

  it('logs JSON lines with the request id, drains in-flight requests on SIGTERM and closes the store cleanly', async () => {
    const admin = await token(dataDir, ['--user', 'ada', '--name', 'Ada Admin', '--role', 'admin']);
    const s = startServer(dataDir);
    server = s.child;
    const base = await s.url;
    const post = (path: string, body: object) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
    expect((await post('/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' })).status).toBe(201);
    expect((await post('/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice' })).status).toBe(201);

    const inFlight = Array.from({ length: 20 }, (_, i) => post('/plans/SIP/actions', { id: `A${i}`, workstreamId: 'SIP.PS', title: `Action ${i}`, owners: ['AB'] }));
    await new Promise((r) => setTimeout(r, 5));
    s.child.kill('SIGTERM');
    const answers = await Promise.allSettled(inFlight);
    const statuses = answers.map((a) => (a.status === 'fulfilled' ? a.value.status : 'refused'));
    // Whatever reached the server before SIGTERM is answered; nothing gets a 5xx.
    expect(statuses.every((st) => st === 201 || st === 'refused')).toBe(true);
    expect(await s.exited).toBe(0);

    expect(statuses.filter((st) => st === 201).length).toBeGreaterThan(0);
    // A clean close checkpoints and removes SQLite's write-ahead logs.
    expect(existsSync(join(dataDir, 'events.db-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'read-models.db-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'read-models-audit-trail.db-wal'))).toBe(false);
    expect(existsSync(join(dataDir, 'read-models-audit-trail.db'))).toBe(true);

    const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
    for (let i = 0; i < 20; i++) {
      const events = await readStreamOrEmpty(store, actionStream(`A${i}`));
      if (statuses[i] === 201) expect(events).toHaveLength(1);
      else expect(events.length).toBeLessThanOrEqual(1);
    }
    await store.close();

    const lines = s.output.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const request = lines.find((l) => l.req?.url === '/api/plans' && l.res?.statusCode === 201);
    expect(request).toMatchObject({ level: 30, req: { id: expect.any(String), method: 'POST', remoteAddress: expect.any(String) } });
    // Headers are not logged: the bearer token (checked below) is among them.
    expect(request.req).not.toHaveProperty('headers');
    expect(JSON.stringify(lines)).not.toContain(admin);
  }, 60_000);
});
