import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { loadConfig } from '../../apps/api/src/config/app-config';

describe('GET /api/health', () => {
  let dir: string;
  let app: INestApplication;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rag-ledger-health-'));
    app = await createApp(loadConfig({ RAG_LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent' }));
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers without a token and names the embedded store', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', reachable: true, position: 0 });
  });
});
