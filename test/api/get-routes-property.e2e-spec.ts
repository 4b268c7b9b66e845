import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { readNorfolk } from '../support/norfolk';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../support/test-app';

/**
 * No query string on any GET route gives a 5xx: every route in the API's own OpenAPI
 * document, with real ids from a small imported fixture and random ones, and query strings
 * of random and known keys (the date parameters above all) with hostile values.
 */
describe('every GET route answers any query string without a server error', () => {
  const clock = new TestClock(new Date('2014-02-01T09:00:00.000Z'));
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const board = tokenFor('board', { user: 'chair', name: 'Independent Chair' });
  const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SG'] });
  let t: TestApp;
  let port: number;
  let head = 0;
  let routes: string[] = [];
  // A school's URN (GET /api/schools/{urn}): none is registered here, so those who may see it hear 404.
  const ids = { planId: ['SG'], id: [] as string[], documentId: [] as string[], urn: ['121212'], meetingId: ['SGB-2014-06-17'], owner: ['CS'] };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    // A small fixture: one Norfolk plan, its first work-stream and three of its actions.
    const sg = readNorfolk().plans.find((p) => p.id === 'SG')!;
    const fixture = { plans: [{ ...sg, workstreams: [{ ...sg.workstreams[0], actions: sg.workstreams[0].actions.slice(0, 3) }] }] };
    const imported = await t.http().post('/api/import').set(bearer(admin)).set('Content-Type', 'application/json').send(JSON.stringify(fixture));
    expect(imported.status).toBe(200);
    ids.id.push(...fixture.plans[0].workstreams[0].actions.map((a) => a.id));
    clock.set('2014-06-15T22:30:00.000Z');
    const measure = await t.http().post('/api/plans/SG/measures').set(bearer(admin))
      .send({ id: 'SG.M.1', name: 'Child protection plans reviewed on time', unit: 'percent', polarity: 'higher', amberTolerance: 2 });
    expect(measure.status).toBe(201);
    await t.http().post('/api/measures/SG.M.1/values').set(bearer(admin)).send({ period: '2014-Q1', value: 80 }).expect(200);
    const started = await t.http().post(`/api/actions/${ids.id[0]}/start`).set(bearer(admin)).send({ rag: 'A' });
    expect(started.status).toBe(200);
    head = started.body.position;
    ids.id.push('SG.M.1');
    // An evidence document, for GET /api/evidence/{documentId}.
    const attached = await t.http().post(`/api/actions/${ids.id[0]}/evidence`).set(bearer(admin)).attach('file', Buffer.from('Minutes of the board\n'), 'minutes.txt');
    expect(attached.status).toBe(201);
    ids.documentId.push(attached.body.documentId);
    head = attached.body.position;
    // A board, its meeting (pack issued) and a board action, for the routes of issue 20 ({id} is any of them).
    const adminPost = (path: string, body: object) => t.http().post(path).set(bearer(admin)).send(body).expect(201);
    await adminPost('/api/boards', { id: 'SGB', name: 'Safeguarding Board', planIds: ['SG'] });
    await adminPost('/api/boards/SGB/meetings', { date: '2014-06-17', title: 'Safeguarding Board, June', papersDueOn: '2014-06-10' });
    await adminPost('/api/meetings/SGB-2014-06-17/pack', {});
    head = (await adminPost('/api/meetings/SGB-2014-06-17/board-actions', { agendaItem: '3. Audit', text: 'Circulate the audit', owner: 'AB', dueOn: '2014-07-01' })).body.position;
    ids.id.push('SGB', 'SGB-2014-06-17', 'SGB-2014-06-17.1');
    await t.http().get(`/api/board?minPosition=${head}`).set(bearer(admin)).expect(200);

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

  /** The status line only: the live event stream never ends, so the answer is not read to its end. */
  const statusOf = (path: string, token: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: bearer(token) }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });

  it('finds every GET route, the ten that take a date among them', () => {
    expect(routes).toEqual(expect.arrayContaining([
      '/api/board', '/api/exceptions', '/api/plans/{planId}/board', '/api/actions/{id}', '/api/plans/{planId}/measures', '/api/measures/{id}',
      '/api/measures/{id}/chart.svg', '/api/plans/{planId}/changes', '/api/plans/{planId}/evidence', '/api/audit',
      '/api/health', '/api/plans', '/api/plans/{planId}', '/api/actions/{id}/history', '/api/measures/{id}/history', '/api/audit/verify', '/api/audit/seals', '/api/events/stream',
      '/api/actions/{id}/evidence', '/api/measures/{id}/evidence', '/api/evidence/{documentId}',
      '/api/boards', '/api/boards/{id}', '/api/boards/{id}/meetings', '/api/boards/{id}/board-actions', '/api/meetings/{id}', '/api/board-actions/{id}',
      '/api/meetings/{id}/pack',
      '/api/plans/{planId}/trends', '/api/plans/{planId}/trends.svg', '/api/trends', '/api/trends.svg',
    ]));
  });

  const hostileText = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(
      '2014-W03', '2014-W03-2', '2014-015', '20140115', '2014-01-15T10', '2014-01-15T10:00:00,5Z', '2014-01', '2014', '2014-02-30', '2014-13-01',
      '2014-01-15T24:00Z', '2014-01-15T10:00+99:99', '9999-12-31T23:59-23:59', '0000-01-01T00:00+23:59', '+275760-09-13', '-000001-01-01',
      '2014-03-30T01:30', '2014-10-26T01:30', '2014-06-15', '2014-06-15T23:30:00+01:00', 'Infinity', 'NaN', 'null', 'undefined', '[]', '{}',
      'true', '0', '-1', '1e309', '0x10', 'csv', 'html', 'G', 'ActionRagChanged', '__proto__', 'constructor', ' ', '\u0000', '\u2028', '😀', 'é',
      "'; DROP TABLE events; --", '<script>', '../../etc/passwd', 'a'.repeat(5000),
    ) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );
  /** Keys: the parameters routes take, the ones the query parser reads as lists and objects, and random ones. */
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('asOf', 'from', 'to') },
    { weight: 2, arbitrary: fc.constantFrom('format', 'planId', 'planIds', 'actionId', 'actor', 'type', 'cursor', 'limit', 'withdrawMissing') },
    { weight: 1, arbitrary: fc.constantFrom('asOf[]', 'asOf[0]', 'asOf[a]', 'from[]', 'to[b][c]', 'asOf[999999]', '__proto__', '__proto__[asOf]', 'constructor[prototype]', 'a[b][c][d][e][f][g]') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  /** Written as a person would, percent-encoded, or with raw and broken percent sequences. */
  const encoded = (text: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 4, arbitrary: text.map(encodeURIComponent) },
      { weight: 1, arbitrary: text.map((s) => encodeURIComponent(s).replace(/%2[0B]/g, '+')) },
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%FF%FE', '%25', '%2525', '%u0041', '&', '=', '==') },
    );
  // minPosition may be anything except a position the boards have not reached: that waits, then
  // answers 503 "retry shortly" by design (a write on another node may be still on its way).
  const minPosition = fc.oneof(
    fc.constantFrom('', 'abc', '-1', '1.5', '1e3', '0x10', '99999999999999999999', ' 1', '1 '),
    fc.integer({ min: 0, max: 1 }).map((n) => String(n)),
  );
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(encoded(key), encoded(hostileText)).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: encoded(key) }, // a key without a value
    { weight: 1, arbitrary: fc.constantFrom('asOf=a&asOf=b', 'asOf=2014-01-15&asOf=2014-01-16', 'from=&to=', 'asOf=', 'from=2014-06-16&to=2014-06-15', 'to=2014-01-15T10:00Z&to=x') },
    { weight: 1, arbitrary: minPosition.map((v) => `minPosition=${encodeURIComponent(v)}`) },
  );
  // Any unknown key is refused before the route reads its dates, so a third of the queries are a
  // single date parameter alone, which reaches the code that reads it.
  const query = fc.oneof(
    { weight: 2, arbitrary: fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.join('&')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('asOf', 'from', 'to'), hostileText).map(([k, v]) => `${k}=${encodeURIComponent(v)}`) },
  );
  const routeWithIds = fc
    .tuple(
      fc.nat(),
      fc.oneof({ weight: 3, arbitrary: fc.constant('real') }, { weight: 1, arbitrary: fc.constant('random') }),
      fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('..', '%2e%2e', 'SG.1.1.99', 'a'.repeat(150), '😀', '%00')),
    )
    .map(([index, which, random]) => {
      const route = routes[index % routes.length];
      return route.replace(/\{(\w+)\}/g, (_, name: keyof typeof ids) =>
        which === 'real' ? ids[name][index % ids[name].length] : encodeURIComponent(random).replace(/%25/g, '%'));
    });

  it('answers below 500 for any query string on any route, as any role', async () => {
    await fc.assert(
      fc.asyncProperty(routeWithIds, query, fc.constantFrom('admin', 'board', 'owner'), async (path, q, role) => {
        const target = q ? `${path}?${q}` : path;
        const status = await statusOf(target, { admin, board, owner }[role]);
        expect({ target, status: status < 500 ? 'below 500' : status }).toEqual({ target, status: 'below 500' });
      }),
      { numRuns: 600 },
    );
  });

  it('answers below 500 for every hostile date value on each of the nineteen date parameters', async () => {
    const dated: Array<[string, string]> = [
      ['/api/board', 'asOf'], ['/api/exceptions', 'asOf'], ['/api/plans/SG/board', 'asOf'], [`/api/actions/${ids.id[0]}`, 'asOf'],
      ['/api/plans/SG/measures', 'asOf'], ['/api/measures/SG.M.1', 'asOf'], ['/api/measures/SG.M.1/chart.svg', 'asOf'],
      ['/api/plans/SG/changes', 'from'], ['/api/plans/SG/changes', 'to'], ['/api/plans/SG/evidence', 'from'], ['/api/plans/SG/evidence', 'to'],
      ['/api/audit', 'from'], ['/api/audit', 'to'], ['/api/boards/SGB/board-actions', 'asOf'], ['/api/board-actions/SGB-2014-06-17.1', 'asOf'],
      ['/api/plans/SG/trends', 'from'], ['/api/plans/SG/trends.svg', 'to'], ['/api/trends', 'from'], ['/api/trends.svg', 'to'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dated), hostileText, async ([path, parameter], value) => {
        const status = await statusOf(`${path}?${parameter}=${encodeURIComponent(value)}`, admin);
        expect({ value, status: status < 500 ? 'below 500' : status }).toEqual({ value, status: 'below 500' });
      }),
      { numRuns: 300 },
    );
  });
});
