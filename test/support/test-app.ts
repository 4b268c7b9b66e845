import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@rag-ledger/domain';
import type { Upcaster } from '@rag-ledger/event-store';
import { issueToken } from '../../apps/api/src/auth/tokens';
import type { Clock } from '../../apps/api/src/common/clock';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';

export const TEST_SECRET = 'rag-ledger-test-secret-0123456789abcdef';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2013-11-21T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TestApp {
  app: INestApplication;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'rag-ledger-e2e-'));
}

/**
 * `env`: more of the documented environment (RAG_LEDGER_AUTH_FAILURES_PER_MINUTE, ...), read as at start-up.
 * `upcasters`: a made-up change of an event's shape, besides the tracker's own upcasters.
 * `demo`: every event written is marked as demo data (as `npm run demo` writes).
 */
export async function startTestApp(
  options: { dataDir?: string; clock?: Clock; env?: Record<string, string>; upcasters?: readonly Upcaster[]; demo?: boolean } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({ RAG_LEDGER_DATA_DIR: dataDir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...options.env });
  const app = await createApp(config, { clock: options.clock, upcasters: options.upcasters, demo: options.demo });
  await app.init();
  return { app, dataDir, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

export function tokenFor(role: Role, options: { user?: string; name?: string; plans?: string[]; schools?: string[]; expiresIn?: number | string; secret?: string } = {}): string {
  return issueToken(options.secret ?? TEST_SECRET, {
    user: options.user ?? `${role}-1`,
    name: options.name ?? `Test ${role}`,
    role,
    plans: options.plans,
    schools: options.schools,
    expiresIn: options.expiresIn,
  });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
