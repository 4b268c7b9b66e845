import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { built } from '../support/built-code';
import { dumpReadModels } from '../support/dump-database';
import { removeDataDir, tempDataDir, TEST_SECRET, tokenFor } from '../support/test-app';

/**
 * The built server is killed with SIGKILL while 8 clients send it commands, then
 * restarted: every acknowledged command is in the log exactly once, nothing is
 * half-written, nothing was answered 5xx, and the read models the restarted server
 * caught up to equal a rebuild from scratch.
 */

const run = promisify(execFile);
const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');
const REBUILD_CLI = join(__dirname, '../../dist/apps/api/src/cli/rebuild-projections.js');

const CLIENTS = 8;
const COMMANDS_PER_CLIENT = 200;
/** Kill once this many commands have been acknowledged (of 1,600). */
const KILL_AFTER_ACKS = 400;

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [built(MAIN)], {
    env: { ...process.env, PORT: '0', RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 20 s: ${stderr}`));
    }, 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = stderr.match(/listening on (http:\/\/localhost:\d+\/api)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1].replace('localhost', '127.0.0.1'), exited, stderr: () => stderr });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}: ${stderr}`));
    });
  });
}

/** Resolves with the exit code, or kills the process after `ms`. */
async function waitForExit(server: Server, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const result = await Promise.race([server.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    server.child.kill('SIGKILL');
    throw new Error(`the server did not stop within ${ms} ms`);
  }
  return result;
}

interface LoggedEvent {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface Command {
  /** The client's token: a repeat is recognised for the same user and the same key. */
  token: string;
  key: string;
  path: string;
  body: object;
}
type Outcome = { command: Command; status: number; body: { revision: number; position: number } } | { command: Command; error: string };

describe('a crash under load (SIGKILL mid-run) and a restart', () => {
  const dataDir = tempDataDir();
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['CRASH'] });
  let server: Server | undefined;

  afterAll(() => {
    server?.child.kill('SIGKILL');
    removeDataDir(dataDir);
  });

  const send = async (base: string, command: Command): Promise<Outcome> => {
    try {
      const res = await fetch(`${base}${command.path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${command.token}`, 'Idempotency-Key': command.key },
        body: JSON.stringify(command.body),
        signal: AbortSignal.timeout(10_000),
      });
      return { command, status: res.status, body: (await res.json()) as { revision: number; position: number } };
    } catch (error) {
      return { command, error: (error as Error).message };
    }
  };

  it('keeps every acknowledged command exactly once, writes nothing by halves, and rebuilds to the same read models', async () => {
    server = await startServer(dataDir);
    const setup = async (path: string, body: object) => {
      const res = await fetch(`${server!.base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
    };
    await setup('/plans', { id: 'CRASH', kind: 'other', title: 'Crash plan' });
    await setup('/plans/CRASH/workstreams', { id: 'CRASH.WS', title: 'Work-stream' });
    for (let c = 0; c < CLIENTS; c++) {
      await setup('/plans/CRASH/actions', { id: `K${c}`, workstreamId: 'CRASH.WS', title: `Client ${c}'s action`, owners: ['AB'] });
      await setup(`/actions/K${c}/start`, { rag: 'G' });
    }

    // Each client works on its own action, one command at a time: notes, and RAG
    // changes that alternate A and G so each is valid. Every command has its own key.
    const commandsOf = (c: number): Command[] =>
      Array.from({ length: COMMANDS_PER_CLIENT }, (_, i) => {
        const token = c % 2 ? owner : admin;
        return i % 2 === 0
          ? { token, key: `c${c}-${i}`, path: `/actions/K${c}/notes`, body: { text: `Client ${c} note ${i}` } }
          : { token, key: `c${c}-${i}`, path: `/actions/K${c}/rag`, body: { rag: i % 4 === 1 ? 'A' : 'G', reason: `Client ${c} change ${i}` } };
      });
    const outcomes: Outcome[] = [];
    let acks = 0;
    const victim = server;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      victim.child.kill('SIGKILL');
    };
    const client = async (c: number) => {
      for (const command of commandsOf(c)) {
        const outcome = await send(victim.base, command);
        outcomes.push(outcome);
        if ('error' in outcome) return; // the server is gone
        if (outcome.status < 300 && ++acks >= KILL_AFTER_ACKS) kill();
      }
    };
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    // A safety net: kill after 20 s whatever happened.
    const safety = setTimeout(kill, 20_000);
    await clients;
    clearTimeout(safety);
    expect(killed).toBe(true);
    await waitForExit(victim, 10_000);

    const answered = outcomes.filter((o): o is Extract<Outcome, { status: number }> => 'status' in o);
    const lost = outcomes.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
    // No 5xx, no refusal at all: every command was valid, and every answer before the kill was a success.
    expect(answered.filter((o) => o.status !== 200).map((o) => [o.command.key, o.status, o.body])).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(answered.length).toBeLessThan(CLIENTS * COMMANDS_PER_CLIENT);
    // At most one command per client was in flight when the server died.
    expect(lost.length).toBeLessThanOrEqual(CLIENTS);

    // Restart on the same data directory: the server recovers the log and the read models.
    server = await startServer(dataDir);
    const headPosition = async () => ((await (await fetch(`${server!.base}/health`)).json()) as { position: number }).position;
    const head = await headPosition();
    const caughtUp = await fetch(`${server.base}/board?minPosition=${head}`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(caughtUp.status).toBe(200);

    // The clients whose reply was lost send the same command again with the same key:
    // each is answered 200, whether it had been written before the kill or not.
    const resent = await Promise.all(lost.map((o) => send(server!.base, o.command)));
    expect(resent.map((o) => ('status' in o ? o.status : o.error))).toEqual(lost.map(() => 200));

    const finalHead = await headPosition();
    expect((await fetch(`${server.base}/board?minPosition=${finalHead}`, { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(200);

    // A clean stop, then read the log directly.
    server.child.kill('SIGTERM');
    expect(await waitForExit(server, 15_000)).toBe(0);
    server = undefined;

    const db = new BetterSqlite3(join(dataDir, 'events.db'), { readonly: true });
    let events: LoggedEvent[];
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      events = db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events ORDER BY position').all() as LoggedEvent[];
    } finally {
      db.close();
    }
    expect(events[events.length - 1].position).toBe(finalHead);

    // Nothing half-written: every event parses and carries its full metadata, and every
    // stream's revisions run 0, 1, 2, ... with no gap.
    const byKey = new Map<string, Array<LoggedEvent & { meta: Record<string, unknown>; body: Record<string, unknown> }>>();
    const revisions = new Map<string, number[]>();
    for (const event of events) {
      const meta = JSON.parse(event.metadata);
      const body = JSON.parse(event.data);
      expect(meta).toMatchObject({ actor: { id: expect.any(String), name: expect.any(String), role: expect.any(String) }, at: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String) });
      expect(body).toEqual(expect.any(Object));
      revisions.set(event.stream_id, [...(revisions.get(event.stream_id) ?? []), event.revision]);
      if (typeof meta.idempotencyKey === 'string') byKey.set(meta.idempotencyKey, [...(byKey.get(meta.idempotencyKey) ?? []), { ...event, meta, body }]);
    }
    for (const [stream, list] of revisions) expect({ stream, list }).toEqual({ stream, list: list.map((_, i) => i) });

    // Every acknowledged command is there exactly once, at the revision and position it was told.
    for (const outcome of answered) {
      const found = byKey.get(outcome.command.key) ?? [];
      expect({ key: outcome.command.key, count: found.length }).toEqual({ key: outcome.command.key, count: 1 });
      expect({ revision: found[0].revision, position: found[0].position }).toEqual({ revision: outcome.body.revision, position: outcome.body.position });
      const { rag, ...rest } = outcome.command.body as { rag?: string };
      expect(found[0].body).toMatchObject(rag ? { ...rest, to: rag } : rest);
    }
    // The commands whose reply was lost, sent again, are there exactly once too.
    for (const outcome of lost) expect({ key: outcome.command.key, count: (byKey.get(outcome.command.key) ?? []).length }).toEqual({ key: outcome.command.key, count: 1 });
    // And nothing else was written by the clients.
    expect(byKey.size).toBe(answered.length + lost.length);

    // The read models the restarted server caught up to equal a rebuild from scratch.
    const afterRestart = dumpReadModels(join(dataDir, 'read-models.db'));
    const checkpoints = [afterRestart.main, afterRestart.audit_trail].flatMap((file) => file.tables.projection_checkpoints as Array<{ position: number }>);
    // The boards, the measures, the evidence documents, the milestones, the directory of people, the schools register,
    // the meetings and the demo marks in the main file; the audit trail in its own.
    expect(checkpoints).toHaveLength(9);
    for (const checkpoint of checkpoints) expect(checkpoint.position).toBe(finalHead);
    const { stdout } = await run(process.execPath, [built(REBUILD_CLI)], {
      env: { ...process.env, RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    expect(stdout).toMatch(/rebuilt the read models from \d[\d,]* events/);
    expect(dumpReadModels(join(dataDir, 'read-models.db'))).toEqual(afterRestart);
  }, 120_000);
});
