import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { issueToken } from '../apps/api/src/auth/tokens';
import { loadConfig } from '../apps/api/src/config/app-config';
import { createApp } from '../apps/api/src/create-app';
import { IMPROVEMENT_BOARD_ID, playDemo } from '../apps/api/src/demo/play-demo';
import { median } from './measure';

const SECRET = 'rag-ledger-bench-secret-0123456789abcdef';

/**
 * The demo's history (18 months: npm run demo's, played once into a scratch directory), then
 * the pack of the last Improvement Board meeting with an issued pack, asked for in-process
 * (GET /api/meetings/:id/pack?format=json and html, through the routes, guards and renderers),
 * against the raw operation under it: the log read out of SQLite up to the pack's stamp and its
 * JSON parsed, with no projection, fold or rendering. Target: the pack in at most 2 s.
 */
export async function benchPack(workDir: string): Promise<{ events: number; playSeconds: number; jsonMs: number; htmlMs: number; rawMs: number; ratio: number }> {
  const dataDir = join(workDir, 'pack-demo');
  const config = loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const played = await playDemo({ config });
  const meetingId = played.issued[IMPROVEMENT_BOARD_ID].at(-1);
  if (!meetingId) throw new Error('the demo issued no Improvement Board pack');
  const app = await createApp(config);
  await app.init();
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    const token = `Bearer ${issueToken(SECRET, { user: 'bench', name: 'Bench', role: 'board' })}`;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: token } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 200)}`);
      return text;
    };
    const meeting = JSON.parse(await get(`/meetings/${meetingId}`)) as { pack: { position: number } };
    const pack = (format: string) => async () => void (await get(`/meetings/${meetingId}/pack?format=${format}`));
    const raw = db.prepare('SELECT data, metadata FROM events WHERE position <= ? ORDER BY position');
    const readRaw = async () => {
      const rows = raw.all(meeting.pack.position) as Array<{ data: string; metadata: string }>;
      if (rows.map((r) => [JSON.parse(r.data), JSON.parse(r.metadata)]).length === 0) throw new Error('the log is empty');
    };
    const time = async (work: () => Promise<void>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    const runs = async (work: () => Promise<void>, n: number) => {
      await work();
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await time(work));
      return median(times);
    };
    const jsonMs = await runs(pack('json'), 7);
    const htmlMs = await runs(pack('html'), 7);
    const rawMs = await runs(readRaw, 7);
    return { events: played.events, playSeconds: played.seconds, jsonMs, htmlMs, rawMs, ratio: jsonMs / rawMs };
  } finally {
    db.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
