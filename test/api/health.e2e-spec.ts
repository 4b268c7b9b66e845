import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import type { RecordedEvent } from '@rag-ledger/event-store';
import { createProjections, type Projection } from '@rag-ledger/projections';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';
import { bearer, TEST_SECRET, tokenFor } from '../support/test-app';

/** A projection beside the real ones that throws on every event of one type while `failing()` says so. */
class FailingProjection implements Projection {
  readonly version = 1;
  get handles() {
    return [this.type];
  }
  calls = 0;
  constructor(
    readonly name: string,
    private readonly type: string,
    private readonly failing: () => boolean,
  ) {}
  setup(): void {}
  teardown(): void {}
  finishBulkLoad(_db: Database): void {}
  apply(event: RecordedEvent): void {
    if (event.type !== this.type) return;
    this.calls++;
    if (this.failing()) throw new Error(`no ${this.type} handler for this council yet`);
  }
}

const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });

async function start(projections?: () => Projection[]): Promise<{ app: INestApplication; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rag-ledger-health-'));
  const app = await createApp(loadConfig({ RAG_LEDGER_DATA_DIR: dir, RAG_LEDGER_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }), { projections });
  await app.init();
  // Start-up logs are buffered until the server listens (main.ts); here nothing listens, so send them on as it would.
  Logger.flush();
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('GET /api/health', () => {
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('answers without a token and names the embedded store', async () => {
    const res = await request(server.app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', reachable: true, position: 0 });
  });

  it('ignores minPosition: answers at once, never holding an unauthenticated request for a position not yet written', async () => {
    for (const minPosition of ['999999999', '1', 'not-a-number']) {
      const res = await request(server.app.getHttpServer()).get(`/api/health?minPosition=${minPosition}`).expect(200);
      expect(res.body).toEqual({ status: 'ok', store: 'sqlite', reachable: true, position: 0 });
    }
  });
});

describe('GET /api/health when a projection cannot apply an event', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(PinoLogger.prototype, 'error');
  });
  afterEach(() => errors.mockRestore());
  const failureLines = (name: string) => errors.mock.calls.filter(([fields]) => typeof fields === 'object' && fields?.projection === name);

  it('answers 503 naming it, where it stopped and why, logs it once, and returns to 200 once it heals by itself', async () => {
    let released = false;
    const flaky = new FailingProjection('flaky', 'PlanCreated', () => !released);
    const server = await start(() => [...createProjections(), flaky]);
    try {
      const http = () => request(server.app.getHttpServer());
      const created = await http().post('/api/plans').set(bearer(admin)).send({ id: 'SIP', kind: 'strategic', title: 'Strategic Improvement Plan' }).expect(201);
      const position = created.body.position;
      await until(() => flaky.calls >= 1, 'the projection has met the event');

      const failing = await http().get('/api/health').expect(503);
      expect(failing.body).toEqual({
        status: 'failing', store: 'sqlite', reachable: true, position,
        failedProjections: [{
          name: 'flaky', stoppedAt: position - 1, error: 'no PlanCreated handler for this council yet',
          event: { id: expect.any(String), type: 'PlanCreated', position },
          failedAttempts: expect.any(Number), failingSince: expect.any(String), nextAttemptAt: expect.any(String),
        }],
      });
      // The other read models carry on meanwhile.
      await http().get(`/api/plans/SIP`).set(bearer(admin)).expect(200);

      // Retried with back-off (100 ms, 200 ms, ...), failing each time until released, and logged once.
      await until(() => flaky.calls >= 3, 'it has been tried again twice');
      expect((await http().get('/api/health').expect(503)).body.failedProjections[0].failedAttempts).toBeGreaterThanOrEqual(3);
      expect(failureLines('flaky')).toEqual([
        [expect.objectContaining({ projection: 'flaky', stoppedAt: position - 1, eventId: failing.body.failedProjections[0].event.id, eventType: 'PlanCreated', eventPosition: position }), expect.stringContaining('retrying with back-off')],
      ]);

      released = true;
      await until(async () => (await http().get('/api/health')).status === 200, 'health answers 200 again');
      expect((await http().get('/api/health').expect(200)).body).toEqual({ status: 'ok', store: 'sqlite', reachable: true, position });
      expect((await http().get(`/api/plans/SIP?minPosition=${position}`).set(bearer(admin))).status).toBe(200);
      expect(failureLines('flaky')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('stays 503 while it keeps failing, and a read waiting for its position answers 503 after the time-out', async () => {
    const broken = new FailingProjection('broken', 'PlanCreated', () => true);
    const server = await start(() => [...createProjections(), broken]);
    try {
      const http = () => request(server.app.getHttpServer());
      const { position } = (await http().post('/api/plans').set(bearer(admin)).send({ id: 'LAC', kind: 'lac', title: 'LAC Plan' }).expect(201)).body;
      await until(() => broken.calls >= 4, 'it has failed four times');
      const health = await http().get('/api/health').expect(503);
      expect(health.body).toMatchObject({ status: 'failing', failedProjections: [{ name: 'broken', stoppedAt: position - 1, event: { type: 'PlanCreated', position } }] });

      const waited = await http().get(`/api/plans/LAC?minPosition=${position}`).set(bearer(admin)).expect(503);
      expect(waited.body.message).toMatch(/not caught up with position \d+ yet; retry shortly\. The broken read model is failing and being retried\./);
      expect(failureLines('broken')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
