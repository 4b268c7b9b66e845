import { failedAuthLimiterFor } from '../../apps/api/src/auth/failed-auth-limiter';
import { APP_CONFIG } from '../../apps/api/src/config/app-config';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/**
 * Every route x every kind of caller, with the status each must get. Owners are
 * owners of plan SIP; "other owner" owns plan LAC only.
 */
type Caller = 'none' | 'expired' | 'badSignature' | 'admin' | 'owner' | 'otherOwner' | 'board' | 'auditor';
const CALLERS: Caller[] = ['none', 'expired', 'badSignature', 'admin', 'owner', 'otherOwner', 'board', 'auditor'];

//                      none expired badSig admin owner other board auditor
const ADMIN_ONLY_CREATE = [401, 401, 401, 201, 403, 403, 403, 403];
const PLAN_OWNER_CREATE = [401, 401, 401, 201, 201, 403, 403, 403];
const PLAN_OWNER_CHANGE = [401, 401, 401, 200, 200, 403, 403, 403];
const EVERY_ROLE_READS = [401, 401, 401, 200, 200, 200, 200, 200];
const ADMIN_ONLY_IMPORT = [401, 401, 401, 200, 403, 403, 403, 403];
const AUDITOR_AND_ADMIN_READ = [401, 401, 401, 200, 403, 403, 403, 200];
const BOARD_AUDITOR_ADMIN_READ = [401, 401, 401, 200, 403, 403, 200, 200];
/** A board as it stood on a date: the board, auditors and admins, not owners. */
const AS_OF_READ = BOARD_AUDITOR_ADMIN_READ;
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

interface Route {
  method: 'get' | 'post';
  /** `{n}` is replaced by a fresh number, so each caller acts on its own action. */
  path: string;
  body?: object;
  expected: number[];
}

const ROUTES: Route[] = [
  { method: 'post', path: '/api/plans', body: { id: 'P{n}', kind: 'other', title: 'Matrix plan' }, expected: ADMIN_ONLY_CREATE },
  { method: 'post', path: '/api/plans/SIP/workstreams', body: { id: 'WS{n}', title: 'Matrix work-stream' }, expected: ADMIN_ONLY_CREATE },
  { method: 'post', path: '/api/plans/SIP/actions', body: { id: 'A{n}', workstreamId: 'SIP.PS', title: 'Matrix action', owners: ['AB'] }, expected: PLAN_OWNER_CREATE },
  { method: 'post', path: '/api/actions/W{n}/start', body: { rag: 'G' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/rag', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/notes', body: { text: 'Matrix note' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/target-date', body: { targetDate: '2015-01-31', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/owners', body: { owners: ['CM'], reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/complete', body: {}, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/B{n}/reopen', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/actions/G{n}/withdraw', body: { reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'get', path: '/api/board', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans/SIP', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/plans/SIP/board', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/actions/FIXED', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/actions/FIXED/history', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/audit', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/exceptions', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/health', expected: [200, 200, 200, 200, 200, 200, 200, 200] },
  // A file with no plans: the import answers its (empty) report and writes nothing.
  { method: 'post', path: '/api/import', body: { plans: [] }, expected: ADMIN_ONLY_IMPORT },
  { method: 'get', path: '/api/plans/SIP/changes', expected: BOARD_AUDITOR_ADMIN_READ },
  { method: 'get', path: '/api/audit/verify', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: '/api/plans/SIP/evidence', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: '/api/plans/SIP/evidence?format=csv', expected: AUDITOR_AND_ADMIN_READ },
  { method: 'get', path: `/api/board?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/plans/SIP/board?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/exceptions?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: `/api/actions/FIXED?asOf=${TOMORROW}`, expected: AS_OF_READ },
  // Outcome measures: M{n} is a fresh measure of plan SIP, V{n} one with a value for 2014.
  { method: 'post', path: '/api/plans/SIP/measures', body: { id: 'MD{n}', name: 'Matrix measure', unit: 'percent', polarity: 'higher', amberTolerance: 3 }, expected: PLAN_OWNER_CREATE },
  { method: 'post', path: '/api/measures/M{n}/targets', body: { period: '2014', value: 79 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/values', body: { period: '2014', value: 81 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/V{n}/revisions', body: { period: '2014', value: 74, reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/comparators', body: { period: '2014', comparator: 'national', value: 80 }, expected: PLAN_OWNER_CHANGE },
  { method: 'post', path: '/api/measures/M{n}/rag-override', body: { rag: 'A', reason: 'Matrix' }, expected: PLAN_OWNER_CHANGE },
  { method: 'get', path: '/api/plans/SIP/measures', expected: EVERY_ROLE_READS },
  { method: 'get', path: `/api/plans/SIP/measures?asOf=${TOMORROW}`, expected: AS_OF_READ },
  { method: 'get', path: '/api/measures/FIXEDM', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/measures/FIXEDM/history', expected: EVERY_ROLE_READS },
  { method: 'get', path: '/api/measures/FIXEDM/chart.svg', expected: EVERY_ROLE_READS },
  // GET /api/events/stream (server-sent events, every role) never ends, so it has its own
  // 401/200 tests in test/web/events-stream.e2e-spec.ts.
];

describe('role matrix', () => {
  let t: TestApp;
  const admin = tokenFor('admin');
  const tokens: Record<Caller, string | undefined> = {
    none: undefined,
    expired: tokenFor('admin', { expiresIn: -60 }),
    badSignature: tokenFor('admin', { secret: 'not-the-server-secret-0123456789abcdef' }),
    admin,
    owner: tokenFor('owner', { plans: ['SIP'] }),
    otherOwner: tokenFor('owner', { plans: ['LAC'] }),
    board: tokenFor('board'),
    auditor: tokenFor('auditor'),
  };
  let n = 0;

  /** An action of plan SIP in the state the route needs (W, G or B), with a fresh id. */
  async function prepare(path: string): Promise<string> {
    const match = path.match(/\/api\/actions\/([WGB])\{n\}/);
    const id = `M${++n}`;
    const resolved = path.replace('{n}', String(n));
    const post = (p: string, body: object) => t.http().post(p).set(bearer(admin)).send(body).expect((r) => expect(r.status).toBeLessThan(300));
    const measure = path.match(/\/api\/measures\/([MV])\{n\}/);
    if (measure) {
      const measureId = `${measure[1]}${n}`;
      await post('/api/plans/SIP/measures', { id: measureId, name: `Matrix ${measureId}`, unit: 'percent', polarity: 'higher', amberTolerance: 3 });
      if (measure[1] === 'V') await post(`/api/measures/${measureId}/values`, { period: '2014', value: 81 });
      return resolved;
    }
    if (!match) return resolved;
    const actionId = `${match[1]}${n}`;
    await post('/api/plans/SIP/actions', { id: actionId, workstreamId: 'SIP.PS', title: `Matrix ${id}`, owners: ['AB'] });
    if (match[1] !== 'W') await post(`/api/actions/${actionId}/start`, {});
    if (match[1] === 'B') await post(`/api/actions/${actionId}/complete`, {});
    return resolved;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const post = (p: string, body: object) => t.http().post(p).set(bearer(admin)).send(body).expect(201);
    await post('/api/plans', { id: 'SIP', kind: 'strategic', title: 'Strategic plan' });
    await post('/api/plans/SIP/workstreams', { id: 'SIP.PS', title: 'Practice Standards' });
    await post('/api/plans', { id: 'LAC', kind: 'lac', title: 'LAC plan' });
    const added = await post('/api/plans/SIP/actions', { id: 'FIXED', workstreamId: 'SIP.PS', title: 'Fixed', owners: ['AB'] });
    const measure = await post('/api/plans/SIP/measures', { id: 'FIXEDM', name: 'Fixed measure', unit: 'percent', polarity: 'higher', amberTolerance: 3 });
    await t.http().get(`/api/board?minPosition=${Math.max(added.body.position, measure.body.position)}`).set(bearer(admin)).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });
  // The table sends some 60 refused tokens from one address within seconds, over the
  // default limit of 20 a minute; that limit (429) is tested in security.e2e-spec.ts.
  afterEach(() => failedAuthLimiterFor(t.app.get(APP_CONFIG)).reset());

  const cases = ROUTES.flatMap((route) => CALLERS.map((caller, i) => [route.method.toUpperCase(), route.path, caller, route.expected[i], route] as const));

  it.each(cases)('%s %s as %s -> %i', async (_method, _path, caller, expected, route) => {
    const path = await prepare(route.path);
    const token = tokens[caller];
    const body = JSON.parse(JSON.stringify(route.body ?? {}).replace(/\{n\}/g, String(n)));
    let req = route.method === 'get' ? t.http().get(path) : t.http().post(path).send(body);
    if (token) req = req.set(bearer(token));
    const res = await req;
    expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status: expected });
    if (expected === 401) expect(res.body.message).toMatch(/token/i);
  });

  it('records the actor from the verified token, never from the body', async () => {
    const owner = tokenFor('owner', { user: 'ab', name: 'Andrea Brown', plans: ['SIP'] });
    const res = await t.http().post('/api/plans/SIP/actions').set(bearer(owner)).send({ id: 'ACTOR', workstreamId: 'SIP.PS', title: 'Who', owners: ['AB'], actor: { id: 'someone-else' } });
    expect(res.status).toBe(400);
    const ok = await t.http().post('/api/plans/SIP/actions').set(bearer(owner)).send({ id: 'ACTOR', workstreamId: 'SIP.PS', title: 'Who', owners: ['AB'] }).expect(201);
    const history = await t.http().get(`/api/actions/ACTOR/history?minPosition=${ok.body.position}`).set(bearer(admin)).expect(200);
    expect(history.body[0].actor).toEqual({ id: 'ab', name: 'Andrea Brown', role: 'owner' });
  });

  it('refuses a token whose claims name no known role', async () => {
    const { JwtService } = await import('@nestjs/jwt');
    const { TEST_SECRET } = await import('../support/test-app');
    const odd = new JwtService().sign({ sub: 'x', name: 'X', role: 'superuser' }, { secret: TEST_SECRET, algorithm: 'HS256' });
    const res = await t.http().get('/api/board').set(bearer(odd)).expect(401);
    expect(res.body.message).toMatch(/known role/);
  });
});
