import { get as httpGet } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { FailedAuthLimiter } from '../../apps/api/src/auth/failed-auth-limiter';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/** Security headers, request size limits, and the limit on refused tokens. */

const admin = tokenFor('admin');

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  const expectHardened = (headers: Record<string, string>) => {
    const csp = headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['x-powered-by']).toBeUndefined();
  };

  it.each([
    ['a public read', '/api/health', undefined, 200],
    ['an authenticated read', '/api/board', admin, 200],
    ['a refusal', '/api/board', undefined, 401],
    ['an unknown route', '/api/nothing-here', admin, 404],
  ])('are sent on %s (%s)', async (_label, path, token, status) => {
    let req = t.http().get(path);
    if (token) req = req.set(bearer(token));
    const res = await req.expect(status);
    expectHardened(res.headers);
  });

  it('allow only this origin: no inline script anywhere, inline styles nowhere but the OpenAPI page', async () => {
    const api = await t.http().get('/api/health').expect(200);
    expect(api.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(api.headers['content-security-policy']).not.toContain('unsafe-eval');

    const docs = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(docs.type).toBe('text/html');
    expectHardened(docs.headers);
    const csp: string = docs.headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // Under script-src 'self' the page only works if every script is a file of this origin.
    const scripts = [...docs.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });
});

describe('request size limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const post = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Action', owners: ['AB'] });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  const position = async () => (await t.http().get('/api/health').expect(200)).body.position as number;

  it('refuses a command body over 256 kB with 413 and writes nothing', async () => {
    const before = await position();
    const res = await t
      .http()
      .post('/api/actions/A1/notes')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(300 * 1024) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/256kb/) });
    expect(await position()).toBe(before);
  });

  it('takes a body just under the limit to validation (400 for text over 10,000 characters), not to 413', async () => {
    const res = await t.http().post('/api/actions/A1/notes').set(bearer(admin)).send({ text: 'x'.repeat(200 * 1024) }).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/text/);
  });

  it('refuses an oversized body before authentication, so a stranger cannot make it parse megabytes', async () => {
    await t.http().post('/api/actions/A1/notes').set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(300 * 1024) })).expect(413);
  });

  it('lets a plan file over 256 kB through to the import, and refuses one over 20 MB with 413 (JSON and CSV)', async () => {
    const before = await position();
    // A valid file of ~1 MB (fields the import does not know are ignored), with no plans in it.
    const big = JSON.stringify({ plans: [], comment: 'p'.repeat(1024 * 1024) });
    const ok = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(big).expect(200);
    expect(ok.body).toMatchObject({ rowsRead: 0, events: 0 });

    const huge = JSON.stringify({ plans: [], comment: 'p'.repeat(21 * 1024 * 1024) });
    const refused = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(huge).expect(413);
    expect(refused.body.message).toMatch(/20mb/);

    const csv = `plan_id,plan_title\n${'SIP,x\n'.repeat(Math.ceil((21 * 1024 * 1024) / 6))}`;
    await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv).expect(413);
    expect(await position()).toBe(before);
  }, 30_000);
});

describe('rate limiting of refused tokens', () => {
  const LIMIT = 5;
  let t: TestApp;
  const http = () => t.http();

  beforeAll(async () => {
    t = await startTestApp({ env: { RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it(`answers 401 to the first ${LIMIT} refusals from an address in a minute, then 429 with Retry-After; valid tokens still pass`, async () => {
    const forged = tokenFor('admin', { secret: 'not-the-server-secret-0123456789abcdef' });
    const expired = tokenFor('admin', { expiresIn: -60 });
    // Every kind of refusal counts: forged, expired, malformed and missing tokens.
    const attempts = [
      () => http().get('/api/board').set(bearer(forged)),
      () => http().get('/api/board').set(bearer(expired)),
      () => http().get('/api/board').set('Authorization', 'Bearer not-a-jwt'),
      () => http().get('/api/board'),
      () => http().post('/api/plans').set(bearer(forged)).send({ id: 'X', kind: 'other', title: 'X' }),
    ];
    for (const attempt of attempts) expect((await attempt()).status).toBe(401);

    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/try again in \d+ s/) });
    }

    // A valid token is never limited, and neither are public routes or a forbidden role (403 is not a refused token).
    await http().get('/api/board').set(bearer(admin)).expect(200);
    await http().get('/api/health').expect(200);
    await http().post('/api/plans').set(bearer(tokenFor('board'))).send({ id: 'X', kind: 'other', title: 'X' }).expect(403);
    // Nothing was written by any of them.
    expect((await http().get('/api/health').expect(200)).body.position).toBe(0);
  });
});

describe('rate limiting behind a reverse proxy (RAG_LEDGER_TRUST_PROXY)', () => {
  const LIMIT = 3;
  let t: TestApp;
  const forged = tokenFor('admin', { secret: 'not-the-server-secret-0123456789abcdef' });
  const refusedFrom = (client: string) => t.http().get('/api/board').set(bearer(forged)).set('X-Forwarded-For', client);

  beforeAll(async () => {
    // The tests' requests come from loopback: the proxy in front of the tracker.
    t = await startTestApp({ env: { RAG_LEDGER_AUTH_FAILURES_PER_MINUTE: String(LIMIT), RAG_LEDGER_TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('counts refusals per client named by the proxy, so one failing client does not stand for all', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await refusedFrom('203.0.113.7')).status).toBe(401);
    expect((await refusedFrom('203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is still answered 401, not 429.
    expect((await refusedFrom('203.0.113.8')).status).toBe(401);
  });
});

describe('FailedAuthLimiter', () => {
  let now = 1_000_000;
  const limiter = (perMinute: number, maxAddresses?: number) => new FailedAuthLimiter(perMinute, { now: () => now, maxAddresses });

  it('allows perMinute refusals in a sliding minute, then tells how long to wait', () => {
    const l = limiter(3);
    now = 1_000_000;
    expect(l.recordFailure('a')).toBeUndefined();
    now += 10_000;
    expect(l.recordFailure('a')).toBeUndefined();
    now += 10_000;
    expect(l.recordFailure('a')).toBeUndefined();
    now += 10_000; // 30 s after the first
    // Refusals at 0, 10, 20 and 30 s: it may try again at 70 s, when the one at 10 s leaves the window.
    expect(l.recordFailure('a')).toBe(40);
    // Other addresses are counted apart.
    expect(l.recordFailure('b')).toBeUndefined();
    // After a quiet minute the address starts afresh.
    now += 61_000;
    expect(l.recordFailure('a')).toBeUndefined();
  });

  it('keeps an address that keeps failing faster than allowed blocked, and frees one that slows down', () => {
    const l = limiter(2);
    now = 0;
    l.recordFailure('a');
    l.recordFailure('a');
    for (let i = 0; i < 20; i++) {
      now += 20_000;
      expect(l.recordFailure('a')).toBeGreaterThan(0);
    }
    // Slowing to the allowance frees it: one refusal 40 s after the last leaves only one in the minute.
    now += 40_000;
    expect(l.recordFailure('a')).toBeUndefined();
  });

  it('bounds its memory: at most perMinute times per address, and the least recently refused addresses are forgotten', () => {
    const l = limiter(2, 100);
    now = 0;
    for (let i = 0; i < 1000; i++) l.recordFailure(`10.0.${i >> 8}.${i & 255}`);
    expect(l.size).toBe(100);
    l.reset();
    expect(l.size).toBe(0);
    expect(() => new FailedAuthLimiter(0)).toThrow();
  });
});

describe('Cache-Control: no-store on every API answer', () => {
  let t: TestApp;
  const post = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
  beforeAll(async () => {
    t = await startTestApp();
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans/SIP/actions', { id: 'A1', workstreamId: 'SIP.PS', title: 'Action', owners: ['AB'] });
    await post('/api/plans/SIP/measures', { id: 'M1', name: 'Measure', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it.each([
    ['the board', '/api/board', 200],
    ['the exceptions', '/api/exceptions', 200],
    ['the plans', '/api/plans', 200],
    ['a plan', '/api/plans/SIP', 200],
    ['a plan board', '/api/plans/SIP/board', 200],
    ['the changes', '/api/plans/SIP/changes', 200],
    ['an action', '/api/actions/A1', 200],
    ['an action history', '/api/actions/A1/history', 200],
    ['the measures', '/api/plans/SIP/measures', 200],
    ['a measure', '/api/measures/M1', 200],
    ['a measure history', '/api/measures/M1/history', 200],
    ['a chart (SVG)', '/api/measures/M1/chart.svg', 200],
    ['an evidence pack (HTML)', '/api/plans/SIP/evidence?format=html', 200],
    ['an evidence pack (CSV)', '/api/plans/SIP/evidence?format=csv', 200],
    ['the audit log', '/api/audit', 200],
    ['the chain check', '/api/audit/verify', 200],
    ['a refusal (400)', '/api/board?asOf=yesterday', 400],
    ['an unknown route (404)', '/api/nothing-here', 404],
  ])('%s (GET %s)', async (_label, path, status) => {
    const res = await t.http().get(path).set(bearer(admin)).expect(status);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('on commands, on refused tokens and on health', async () => {
    const command = await t.http().post('/api/actions/A1/notes').set(bearer(admin)).send({ text: 'Noted' }).expect(200);
    expect(command.headers['cache-control']).toBe('no-store');
    const refused = await t.http().get('/api/board').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const health = await t.http().get('/api/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
  });

  it('the HTML evidence pack keeps its own CSP, which also forbids framing it', async () => {
    const res = await t.http().get('/api/plans/SIP/evidence?format=html').set(bearer(admin)).expect(200);
    const csp: string = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('server time-outs (RAG_LEDGER_REQUEST_TIMEOUT_SECONDS)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    // One second here, so the test runs in seconds; 30 s by default.
    t = await startTestApp({ env: { RAG_LEDGER_REQUEST_TIMEOUT_SECONDS: '1' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  /** Sends `head`, then `trickle` a character at a time, until the server closes the connection; what it answered, if anything. */
  const slowClient = (head: string, trickle: string) =>
    new Promise<{ answer: string; ended: boolean }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      // A bound for the test only: without the server's time-out the client would still be sending.
      const giveUp = setTimeout(() => {
        clearInterval(timer);
        socket.destroy();
        resolve({ answer, ended: false });
      }, 15_000);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', () => undefined); // a reset is a close as well
      socket.on('close', () => {
        clearInterval(timer);
        clearTimeout(giveUp);
        resolve({ answer, ended: true });
      });
      socket.on('connect', () => {
        socket.write(head);
        timer = setInterval(() => {
          if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]);
        }, 100);
      });
      socket.on('timeout', reject);
    });

  it('cuts off a body sent a byte at a time, before any token is checked', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(400) });
    const head = `POST /api/actions/A1/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, ended } = await slowClient(head, body);
    expect(ended).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off headers sent a byte at a time', async () => {
    const { ended } = await slowClient('GET /api/health HTTP/1.1\r\n', `Host: localhost\r\nX-Slow: ${'y'.repeat(400)}\r\n\r\n`);
    expect(ended).toBe(true);
  });

  it('still answers a request sent at an ordinary pace', async () => {
    await t.http().get('/api/health').expect(200);
  });

  it('does not cut off a live stream that outlasts the time-out: the request was whole at once', async () => {
    const chunks: string[] = [];
    let ended = false;
    const stream = httpGet({ host: '127.0.0.1', port, path: '/api/events/stream', agent: false, headers: { ...bearer(admin), Accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => chunks.push(chunk));
      res.on('end', () => (ended = true));
    });
    stream.on('error', () => (ended = true));
    const until = async (done: () => boolean, what: string) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!done()) throw new Error(`no ${what}; received ${JSON.stringify(chunks)}`);
    };
    await until(() => chunks.join('').includes('event: ready'), 'ready message');
    // Past the one-second time-out and the check after it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const written = await t.http().post('/api/plans').set(bearer(admin)).send({ id: 'LATE', kind: 'other', title: 'Written after the time-out' }).expect(201);
    await until(() => chunks.join('').includes(`"position":${written.body.position}`), 'batch after the time-out');
    expect(ended).toBe(false);
    stream.destroy();
  });
});
