import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCHOOL_ROLE_ONLY_MESSAGE } from '../../../apps/api/src/auth/auth.guard';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../../support/test-app';

/**
 * A headteacher or chair of governors (the `school` role) reads their own school in the
 * register and nothing of the council's plans: every GET route of the API's own OpenAPI
 * document is tried with a school token, and only the routes meant for them answer.
 */
describe("the school role reaches its own school and none of the plans", () => {
  const URN = '121212';
  const admin = tokenFor('admin');
  const head = tokenFor('school', { user: 'head-1', name: 'Hana Head', schools: [URN] });
  let t: TestApp;
  let port: number;
  let routes: string[] = [];

  /**
   * The routes a school token may use: the public ones (health, the sign-in methods and single
   * sign-on), its own session, tokens and actions (a person's own, open to anyone signed in),
   * the live feed (ids only, never a school), and the register's reads cut to its school.
   */
  const FOR_SCHOOLS = new Set([
    '/api/health', '/api/auth/methods', '/api/auth/oidc/login', '/api/auth/oidc/callback', '/api/session', '/api/me', '/api/me/actions', '/api/tokens', '/api/events/stream',
    '/api/schools', '/api/schools/{urn}', '/api/category-schemes',
    // Whether the log holds demo data: the banner is on a headteacher's pages too.
    '/api/demo',
  ]);

  beforeAll(async () => {
    t = await startTestApp();
    const post = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/category-schemes', { example: 'norfolk' });
    const registered = await post('/api/schools', { urn: URN, name: 'Ashwell Primary', phase: 'primary', type: 'maintained' });
    await t.http().get(`/api/schools?minPosition=${registered.body.position}`).set(bearer(admin)).expect(200);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).filter(([, methods]) => 'get' in methods).map(([path]) => path);
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  /** The status and (for a refusal) the message; the live stream never ends, so only its status line is read. */
  const get = (path: string) =>
    new Promise<{ status: number; message?: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: bearer(head) }, (res) => {
        const status = res.statusCode ?? 0;
        if (status < 400) {
          resolve({ status });
          res.destroy();
          return;
        }
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status, message: (JSON.parse(text) as { message?: string }).message }));
      });
      req.on('error', reject);
      req.end();
    });

  const filled = (route: string) => route.replace('{urn}', URN).replace('{planId}', 'SIP').replace(/\{[^}]+\}/g, 'X1');

  it('finds the plans routes among the GET routes', () => {
    expect(routes).toEqual(expect.arrayContaining(['/api/board', '/api/plans/{planId}/board', '/api/actions/{id}', '/api/measures/{id}', '/api/evidence/{documentId}', '/api/schools/{urn}']));
  });

  it('refuses every route about the plans with words a headteacher understands', async () => {
    const plansRoutes = routes.filter((r) => !FOR_SCHOOLS.has(r) && !r.startsWith('/api/docs'));
    const answered: string[] = [];
    for (const route of plansRoutes) if ((await get(filled(route))).status !== 403) answered.push(route);
    expect(answered).toEqual([]);
    expect(plansRoutes.length).toBeGreaterThan(15);
    expect((await get('/api/board')).message).toBe(SCHOOL_ROLE_ONLY_MESSAGE);
  });

  it('answers the routes meant for schools: its own school, the schemes, the live feed, its session', async () => {
    expect((await get(`/api/schools/${URN}`)).status).toBe(200);
    expect((await get('/api/schools')).status).toBe(200);
    expect((await get('/api/category-schemes')).status).toBe(200);
    expect((await get('/api/events/stream')).status).toBe(200);
    expect((await get('/api/me')).status).toBe(200);
    // Another school, registered or not, is the register's own refusal (it reveals nothing).
    expect((await get('/api/schools/654321')).status).toBe(403);
  });
});
