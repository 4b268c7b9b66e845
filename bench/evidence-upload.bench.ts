import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { issueToken } from '../apps/api/src/auth/tokens';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { median } from './measure';

const run = promisify(execFile);
const MB = 1024 * 1024;
const FILE_MB = 20;
const ROUNDS = 5;

/**
 * A 20 MB evidence file uploaded through the real route (the built server on an ephemeral
 * loopback port: multipart parsed by busboy, hashed, written and fsynced, the media type read
 * from the bytes, the event appended), sent by a client in a process of its own (in this
 * process, reading and sending the file would take the server's event loop half the time), next to a stream copy of the same 20 MB into a file on
 * the same disk, fsynced (what an upload cannot do with less work). The files differ each round,
 * so every upload stores new bytes. Medians of 5 rounds, alternating (one disk flush more or less moves a single round a lot).
 */
export async function benchEvidenceUpload(workDir: string): Promise<{ uploadMbPerS: number; copyMbPerS: number; ratio: number }> {
  const dataDir = join(workDir, 'evidence-upload');
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  const app = await createApp(loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: secret, LOG_LEVEL: 'silent', RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '600' }));
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const token = issueToken(secret, { user: 'bench', name: 'Benchmark', role: 'admin' });
  try {
    for (const [path, body] of [
      ['/api/plans', { id: 'BENCH', kind: 'strategic', title: 'Benchmark plan' }],
      ['/api/plans/BENCH/workstreams', { id: 'BENCH.W', title: 'Work-stream' }],
      ['/api/plans/BENCH/actions', { id: 'BENCH.1', workstreamId: 'BENCH.W', title: 'Action', owners: ['AB'] }],
    ] as const) {
      const answer = await request(port, path, token, { 'Content-Type': 'application/json' }, (req) => req.end(JSON.stringify(body)));
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.body}`);
    }
    const uploads: number[] = [];
    const copies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const source = join(workDir, `evidence-source-${round}.txt`);
      await writeFile(source, textOf(FILE_MB * MB, round));
      copies.push(await timed(() => pipeline(createReadStream(source), createWriteStream(join(workDir, `evidence-copy-${round}.txt`), { flush: true }))));
      uploads.push(await upload(port, token, source));
    }
    const uploadMbPerS = FILE_MB / (median(uploads) / 1000);
    const copyMbPerS = FILE_MB / (median(copies) / 1000);
    return { uploadMbPerS, copyMbPerS, ratio: uploadMbPerS / copyMbPerS };
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Plain text (lines of letters), different from round to round: evidence the tracker keeps as text/plain. */
function textOf(bytes: number, round: number): Buffer {
  const line = Buffer.from(`Round ${round}: minutes of the Improvement Board, item ${'x'.repeat(40)}\n`);
  const text = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += line.length) line.copy(text, at, 0, Math.min(line.length, bytes - at));
  return text;
}

/** Milliseconds for one upload, timed by the client process (see evidence-upload-client.ts). */
async function upload(port: number, token: string, source: string): Promise<number> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'evidence-upload-client.js'), String(port), token, source]);
  return Number(stdout.trim());
}

function request(port: number, path: string, token: string, headers: Record<string, string | number>, write: (req: http.ClientRequest) => void): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { Authorization: `Bearer ${token}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    write(req);
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
