/**
 * `npm run bench:http`: the built server on loopback, loaded by autocannon, on the
 * Norfolk plans copied to about 3,000 actions and 100,000 events. Each figure is
 * put next to its ceiling measured in the same run (the framework's for commands,
 * raw SQLite's for the rebuild). Ends with one line `BENCH {json}`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Rag } from '@rag-ledger/domain';
import { issueToken } from '../apps/api/src/auth/tokens';
import { buildDataset } from './http/dataset';
import { load, type LoadResult } from './http/load';
import { rawReadParseRate, rebuildRate } from './http/rebuild';
import { memoryOf, startServer } from './http/server';
import { median } from './measure';

const COPIES = 10;
const TARGET_EVENTS = 100_000;
const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const ROUNDS = 3;

const TARGETS = {
  command_ratio: 0.4,
  command_p99_ms: 50,
  board_p99_ms: 20,
  rebuild_ratio: 0.3,
  rss_mb: 250,
};

async function main(): Promise<void> {
  const machine = `${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const workDir = join(resolve(process.env.RAG_LEDGER_DATA_DIR ?? './data'), `.bench-http-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  console.log(`rag-ledger HTTP benchmark on ${machine}\nscratch data in ${workDir}`);
  try {
    await run(workDir, machine);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function run(workDir: string, machine: string): Promise<void> {
  console.log(`\nBuilding the data set: the Norfolk plans x ${COPIES}, about ${TARGET_EVENTS.toLocaleString('en-GB')} events...`);
  const data = await buildDataset(workDir, { copies: COPIES, targetEvents: TARGET_EVENTS, log: console.log });
  console.log(
    `  ${data.plans} plans, ${data.actions.toLocaleString('en-GB')} actions, ${data.events.toLocaleString('en-GB')} events ` +
      `(${data.inProgress.length.toLocaleString('en-GB')} in progress), built in ${data.buildSeconds.toFixed(1)} s`,
  );

  const secret = randomBytes(36).toString('base64url');
  const server = await startServer({ RAG_LEDGER_DATA_DIR: workDir, RAG_LEDGER_JWT_SECRET: secret, LOG_LEVEL: 'info' });
  let serverStopped = false;
  try {
    console.log(`\nServer pid ${server.pid} on ${server.base}: listening ${server.startSeconds.toFixed(1)} s after start (read models projected from the whole log)`);
    const token = issueToken(secret, { user: 'bench', name: 'Benchmark', role: 'admin' });
    const auth = { Authorization: `Bearer ${token}` };
    const caughtUp = await fetch(`${server.base}/board?minPosition=${data.head}`, { headers: auth });
    if (caughtUp.status !== 200) throw new Error(`the board did not reach position ${data.head}: ${caughtUp.status}`);
    const afterLoading = memoryOf(server.pid);
    console.log(`  resident memory after loading: ${afterLoading.rssMb.toFixed(0)} MiB`);

    // RAG changes: round-robin over the actions in progress, each to a colour it does not
    // have (G <-> A), so every request is a valid change. A cycle is thousands of actions
    // long, so two requests for the same action are never in flight together.
    const colours = new Map<string, Rag>(data.inProgress.map((a) => [a.id, a.rag]));
    const ids = data.inProgress.map((a) => a.id);
    let turn = 0;
    const nextCommand = () => {
      const id = ids[turn++ % ids.length];
      const rag: Rag = colours.get(id) === 'G' ? 'A' : 'G';
      colours.set(id, rag);
      return { path: `/api/actions/${encodeURIComponent(id)}/rag`, body: JSON.stringify({ rag, reason: 'Reviewed at the Improvement Board' }) };
    };
    const health = () => load({ url: `${server.base}/health`, connections: CONNECTIONS, seconds: SECONDS });
    const commands = () =>
      load({ url: `${server.base}/actions/x/rag`, connections: CONNECTIONS, seconds: SECONDS, method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, next: nextCommand });
    const board = (connections: number) => load({ url: `${server.base}/plans/${data.largestPlan.id}/board`, connections, seconds: SECONDS, headers: auth });

    console.log(`\nWarming up, then ${ROUNDS} alternating rounds of ${SECONDS} s at ${CONNECTIONS} connections...`);
    await load({ url: `${server.base}/health`, connections: CONNECTIONS, seconds: 2 });
    await load({ url: `${server.base}/actions/x/rag`, connections: CONNECTIONS, seconds: 2, method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, next: nextCommand });
    const healthRuns: LoadResult[] = [];
    const commandRuns: LoadResult[] = [];
    const boardRuns: LoadResult[] = [];
    const boardAloneRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      healthRuns.push(await health());
      commandRuns.push(await commands());
      boardRuns.push(await board(CONNECTIONS));
      boardAloneRuns.push(await board(1));
      const [h, c, b, b1] = [healthRuns[round], commandRuns[round], boardRuns[round], boardAloneRuns[round]];
      console.log(
        `  round ${round + 1}: health ${h.perSecond.toFixed(0)}/s p99 ${h.p99Ms} ms | RAG changes ${c.perSecond.toFixed(0)}/s p99 ${c.p99Ms} ms` +
          ` | board ${b.perSecond.toFixed(0)}/s p99 ${b.p99Ms} ms | board, one client: p99 ${b1.p99Ms} ms`,
      );
    }
    const failures = [...healthRuns, ...commandRuns, ...boardRuns, ...boardAloneRuns].reduce((n, r) => n + r.non2xx + r.errors, 0);
    if (failures > 0) throw new Error(`${failures} requests failed or were not answered 2xx: the figures would not be honest`);
    const peak = memoryOf(server.pid);
    const commandsWritten = commandRuns.reduce((n, r) => n + r.total, 0);

    await server.stop();
    serverStopped = true;

    console.log('\nRebuilding the read models (as npm run projections:rebuild does), alternating with the raw read + parse...');
    if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
      console.log('  (note: not started by npm run bench:http, so without the rebuild command\'s --max-semi-space-size=64)');
    }
    const rebuilds: number[] = [];
    const raws: number[] = [];
    let rebuiltEvents = 0;
    for (let round = 0; round < ROUNDS; round++) {
      raws.push(rawReadParseRate(workDir).perSecond);
      // The progress line the rebuild command shows: redrawn on a terminal, a line every 2 s otherwise.
      let lastLine = 0;
      const rebuilt = await rebuildRate(workDir, (line) => {
        if (process.stderr.isTTY) process.stderr.write(`\r  ${line}   `);
        else if (Date.now() - lastLine >= 2000) {
          lastLine = Date.now();
          process.stderr.write(`  ${line}\n`);
        }
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(`  round ${round + 1}: rebuild ${Math.round(rebuilt.perSecond).toLocaleString('en-GB')} events/s, raw read + parse ${Math.round(raws[round]).toLocaleString('en-GB')} events/s`);
      rebuilds.push(rebuilt.perSecond);
      rebuiltEvents = rebuilt.events;
    }

    const figures = {
      commands_per_s: Math.round(median(commandRuns.map((r) => r.perSecond))),
      health_per_s: Math.round(median(healthRuns.map((r) => r.perSecond))),
      command_p99_ms: median(commandRuns.map((r) => r.p99Ms)),
      command_p50_ms: median(commandRuns.map((r) => r.p50Ms)),
      // One client reading boards back to back: the latency a person opening a board sees.
      board_p99_ms: median(boardAloneRuns.map((r) => r.p99Ms)),
      board_p50_ms: median(boardAloneRuns.map((r) => r.p50Ms)),
      // 16 clients at once: throughput, and the queueing a single-threaded server adds.
      board_16conn_p99_ms: median(boardRuns.map((r) => r.p99Ms)),
      board_16conn_per_s: Math.round(median(boardRuns.map((r) => r.perSecond))),
      rebuild_events_per_s: Math.round(median(rebuilds)),
      raw_read_parse_per_s: Math.round(median(raws)),
      rss_mb: Math.round(afterLoading.rssMb),
      rss_peak_mb: Math.round(peak.peakMb),
    };
    const commandRatio = figures.commands_per_s / figures.health_per_s;
    const rebuildRatio = figures.rebuild_events_per_s / figures.raw_read_parse_per_s;

    const rows: Array<[string, string, string, boolean]> = [
      ['RAG changes, 16 connections', `${figures.commands_per_s.toLocaleString('en-GB')}/s`, '', true],
      ['GET /api/health, 16 connections (ceiling)', `${figures.health_per_s.toLocaleString('en-GB')}/s`, '', true],
      ['command_ratio (commands / health)', commandRatio.toFixed(2), `>= ${TARGETS.command_ratio}`, commandRatio >= TARGETS.command_ratio],
      ['command p99 (p50)', `${figures.command_p99_ms} ms (${figures.command_p50_ms} ms)`, `<= ${TARGETS.command_p99_ms} ms`, figures.command_p99_ms <= TARGETS.command_p99_ms],
      [`plan board ${data.largestPlan.id} (${data.largestPlan.actions} actions), one client: p99 (p50)`, `${figures.board_p99_ms} ms (${figures.board_p50_ms} ms)`, `<= ${TARGETS.board_p99_ms} ms`, figures.board_p99_ms <= TARGETS.board_p99_ms],
      ['plan board, 16 connections: p99, answers/s', `${figures.board_16conn_p99_ms} ms, ${figures.board_16conn_per_s.toLocaleString('en-GB')}/s`, '', true],
      [`rebuild (${rebuiltEvents.toLocaleString('en-GB')} events)`, `${figures.rebuild_events_per_s.toLocaleString('en-GB')} events/s`, '', true],
      ['raw SQLite read + JSON.parse', `${figures.raw_read_parse_per_s.toLocaleString('en-GB')} events/s`, '', true],
      ['rebuild_ratio (rebuild / raw)', rebuildRatio.toFixed(2), `>= ${TARGETS.rebuild_ratio}`, rebuildRatio >= TARGETS.rebuild_ratio],
      ['server RSS after loading (peak)', `${figures.rss_mb} MiB (${figures.rss_peak_mb} MiB)`, `<= ${TARGETS.rss_mb} MiB`, figures.rss_mb <= TARGETS.rss_mb],
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['figure', 'measured', 'target'][i].length));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
    console.log(`\nHTTP on loopback (${commandsWritten.toLocaleString('en-GB')} RAG changes written during the runs; medians of ${ROUNDS} rounds of ${SECONDS} s)`);
    console.log(line(['figure', 'measured', 'target', '']));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const [label, value, target, ok] of rows) console.log(line([label, value, target, target ? (ok ? 'ok' : 'MISSED') : '']));

    const bench = {
      machine,
      actions: data.actions,
      events: data.events,
      commands_per_s: figures.commands_per_s,
      health_per_s: figures.health_per_s,
      command_ratio: round2(commandRatio),
      command_p99_ms: figures.command_p99_ms,
      board_p99_ms: figures.board_p99_ms,
      board_16conn_p99_ms: figures.board_16conn_p99_ms,
      board_16conn_per_s: figures.board_16conn_per_s,
      rebuild_events_per_s: figures.rebuild_events_per_s,
      raw_read_parse_per_s: figures.raw_read_parse_per_s,
      rebuild_ratio: round2(rebuildRatio),
      rss_mb: figures.rss_mb,
      rss_peak_mb: figures.rss_peak_mb,
    };
    console.log(`BENCH ${JSON.stringify(bench)}`);
  } finally {
    if (!serverStopped) await server.stop();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
