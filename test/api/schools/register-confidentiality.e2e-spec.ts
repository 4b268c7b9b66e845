import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';
import { seedRegister, URNS } from './register-fixture';

/**
 * Who sees what of the register (000:131-133: a school's category is communicated in
 * confidence), as a matrix of callers and reads: officers, admins and auditors every school;
 * a headteacher or chair (`school`) only their own; a board member counts and movements, and
 * the schools an administrator named for them; an owner nothing. Every refusal is a 403 whose
 * body is the same whether or not the school exists.
 */
type Who = 'officer' | 'admin' | 'auditor' | 'ownSchool' | 'missingOwnSchool' | 'board' | 'boardNamed' | 'owner';

const TOKENS: Record<Who, string> = {
  officer: tokenFor('officer'),
  admin: tokenFor('admin'),
  auditor: tokenFor('auditor'),
  ownSchool: tokenFor('school', { schools: [URNS.ashill] }),
  // A headteacher whose school the register does not hold (yet).
  missingOwnSchool: tokenFor('school', { schools: ['999999'] }),
  board: tokenFor('board'),
  // A local member: the schools of their division.
  boardNamed: tokenFor('board', { schools: [URNS.bawdeswell, URNS.eaton] }),
  owner: tokenFor('owner', { plans: ['EDU'] }),
};
const EVERY = [URNS.ashill, URNS.bawdeswell, URNS.cromer, URNS.diss, URNS.eaton];
const NAMES = ['Ashill', 'Bawdeswell', 'Cromer', 'Diss', 'Eaton'];

describe('the schools register: who sees what', () => {
  let t: TestApp;
  const get = (who: Who, path: string) => t.http().get(path).set(bearer(TOKENS[who]));

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date('2013-11-21T09:00:00.000Z')) });
    await seedRegister(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  // GET /api/schools: the rows each caller is shown.
  it.each<[Who, number, string[]]>([
    ['officer', 200, EVERY],
    ['admin', 200, EVERY],
    ['auditor', 200, EVERY],
    ['ownSchool', 200, [URNS.ashill]],
    ['missingOwnSchool', 200, []],
    ['board', 200, []],
    ['boardNamed', 200, [URNS.bawdeswell, URNS.eaton]],
    ['owner', 403, []],
  ])('GET /api/schools as %s -> %i, listing %j', async (who, status, urns) => {
    const res = await get(who, '/api/schools');
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.schools.map((s: { urn: string }) => s.urn)).toEqual(urns);
    // A filter on a category cannot tell a caller which hidden school holds it.
    if (status === 200) expect((await get(who, '/api/schools?category=A4')).body.schools.map((s: { urn: string }) => s.urn)).toEqual(urns.filter((u) => u === URNS.ashill || u === URNS.cromer));
  });

  // GET /api/schools/:urn for a school that exists (Ashill) and one that does not (999999).
  it.each<[Who, number, number]>([
    ['officer', 200, 404],
    ['admin', 200, 404],
    ['auditor', 200, 404],
    ['ownSchool', 200, 403],
    ['missingOwnSchool', 403, 403],
    ['board', 403, 403],
    ['boardNamed', 403, 403],
    ['owner', 403, 403],
  ])('GET /api/schools/:urn as %s -> %i for a school, %i for a URN the register does not hold', async (who, existing, missing) => {
    const [a, b] = await Promise.all([get(who, `/api/schools/${URNS.ashill}`), get(who, '/api/schools/999999')]);
    expect([a.status, b.status]).toEqual([existing, missing]);
  });

  it('refuses with one and the same 403 whether or not the school exists, so a refusal reveals nothing', async () => {
    const refusals = await Promise.all([
      get('board', `/api/schools/${URNS.ashill}`),
      get('board', '/api/schools/999999'),
      get('boardNamed', `/api/schools/${URNS.cromer}`),
      get('boardNamed', '/api/schools/888888'),
      get('ownSchool', `/api/schools/${URNS.cromer}`),
      get('ownSchool', '/api/schools/999999'),
      get('missingOwnSchool', '/api/schools/999999'),
      // Open on the day asked or not, existing or not: the same.
      get('ownSchool', `/api/schools/${URNS.diss}?asOf=2013-10-01`),
    ]);
    for (const res of refusals) expect(res.status).toBe(403);
    const bodies = refusals.map((res) => JSON.stringify(res.body));
    expect(new Set(bodies).size).toBe(1);
    expect(refusals[0].body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(/^You may not see this school/) });
    // The school's own headteacher and a local member see their schools.
    await get('ownSchool', `/api/schools/${URNS.ashill}?asOf=2013-09-30`).expect(200);
    expect((await get('boardNamed', `/api/schools/${URNS.bawdeswell}`).expect(200)).body.school.categories).toEqual({ norfolk: 'E2' });
  });

  // The categorisation table and the movements: counts for the board, names only of the schools they may see.
  it.each<[Who, number, string[] | 'none']>([
    ['officer', 200, [URNS.ashill, URNS.bawdeswell, URNS.eaton, URNS.cromer]],
    ['admin', 200, [URNS.ashill, URNS.bawdeswell, URNS.eaton, URNS.cromer]],
    ['auditor', 200, [URNS.ashill, URNS.bawdeswell, URNS.eaton, URNS.cromer]],
    ['board', 200, 'none'],
    ['boardNamed', 200, [URNS.bawdeswell, URNS.eaton]],
    ['ownSchool', 403, 'none'],
    ['owner', 403, 'none'],
  ])('GET /api/schools/categorisation as %s -> %i, naming %j', async (who, status, urns) => {
    const res = await get(who, '/api/schools/categorisation?asOf=2013-09-30');
    expect(res.status).toBe(status);
    if (status !== 200) return;
    const officers = (await get('officer', '/api/schools/categorisation?asOf=2013-09-30')).body;
    // The counts are everyone's who may read them.
    expect(res.body.phases.map((p: { counts: object; total: number }) => [p.counts, p.total])).toEqual(officers.phases.map((p: { counts: object; total: number }) => [p.counts, p.total]));
    if (urns === 'none') {
      expect(res.body.phases.every((p: object) => !('schools' in p))).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp([...EVERY, ...NAMES].join('|')));
    } else {
      expect(res.body.phases.flatMap((p: { schools: Array<{ urn: string }> }) => p.schools.map((s) => s.urn))).toEqual(urns);
    }
  });

  it.each<[Who, number, string[] | 'none']>([
    ['officer', 200, [URNS.ashill, URNS.cromer, URNS.bawdeswell]],
    ['auditor', 200, [URNS.ashill, URNS.cromer, URNS.bawdeswell]],
    ['board', 200, 'none'],
    ['boardNamed', 200, [URNS.bawdeswell]],
    ['ownSchool', 403, 'none'],
    ['owner', 403, 'none'],
  ])('GET /api/schools/movements as %s -> %i, naming %j', async (who, status, urns) => {
    const res = await get(who, '/api/schools/movements?from=2013-09-01&to=2013-11-30');
    expect(res.status).toBe(status);
    if (status !== 200) return;
    expect(res.body.moves.map((m: { from: string | null; to: string; count: number }) => [m.from, m.to, m.count])).toEqual([
      [null, 'A4', 2],
      [null, 'E2', 1],
    ]);
    if (urns === 'none') {
      expect(res.body.moves.every((m: object) => !('schools' in m))).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(new RegExp([...EVERY, ...NAMES].join('|')));
    } else {
      expect(res.body.moves.flatMap((m: { schools: Array<{ urn: string }> }) => m.schools.map((s) => s.urn))).toEqual(urns);
    }
  });

  it.each<[Who, number]>([
    ['officer', 200],
    ['ownSchool', 200],
    ['board', 200],
    ['auditor', 200],
    ['owner', 403],
  ])('GET /api/category-schemes (codes and labels, not confidential) as %s -> %i', async (who, status) => {
    expect((await get(who, '/api/category-schemes')).status).toBe(status);
  });
});
