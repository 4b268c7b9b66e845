import { addPerson } from '../../support/accounts';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/**
 * The register's writes end to end (issue 19): every route records its event in the school's
 * stream (checked in the log: type, data, and the officer as actor), bad input is a 400 or the
 * rule's 4xx and writes nothing, If-Match and Idempotency-Key behave as on the action routes,
 * and a conversion writes the academy's registration and the conversion in one append.
 */
describe('schools register: writes', () => {
  // Today is Thursday 21 November 2013 in the UK.
  const clock = new TestClock(new Date('2013-11-21T09:00:00.000Z'));
  const officer = tokenFor('officer', { user: 'jb', name: 'Jo Bloggs' });
  const admin = tokenFor('admin', { user: 'ada', name: 'Ada Admin' });
  const URN = '121212';
  let t: TestApp;

  const send = (path: string, body: object, token: string, headers: Record<string, string> = {}) => t.http().post(path).set(bearer(token)).set(headers).send(body);
  const post = async (path: string, body: object, status = 201, token = officer, headers: Record<string, string> = {}) => {
    const res = await send(path, body, token, headers);
    expect({ path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ path, status, body: undefined });
    return res;
  };
  const schoolEvents = async (urn: string): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId === `school-${urn}`);
  const lastEvent = async (urn: string): Promise<LoggedEvent> => (await schoolEvents(urn)).at(-1) as LoggedEvent;
  /** A refused request writes nothing: the log's length before and after. */
  const refusedWithoutWriting = async (attempts: Array<() => Promise<unknown>>) => {
    const before = (await readLog(t.dataDir)).length;
    for (const attempt of attempts) await attempt();
    expect((await readLog(t.dataDir)).length).toBe(before);
  };
  const register = (urn: string, extra: object = {}) => post('/api/schools', { urn, name: `School ${urn}`, phase: 'primary', type: 'maintained', district: 'Breckland', ...extra });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await post('/api/category-schemes', { example: 'norfolk' }, 201, admin);
    await post('/api/category-schemes', { example: 'essex-stages' }, 201, admin);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  describe('category schemes (admin)', () => {
    it('defines a shipped example and a scheme of the council’s own, each as CategorySchemeDefined by the admin', async () => {
      const res = await post('/api/category-schemes', {
        id: 'suffolk-2014', name: 'Suffolk categories', kind: 'category',
        categories: [{ code: 'RED', label: 'Causing concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 }, { code: 'GREEN', label: 'Good or better', order: 2, group: 'good-or-better' }],
      }, 201, admin);
      expect(res.body).toEqual({ id: 'suffolk-2014', revision: 0, position: expect.any(Number) });
      const log = await readLog(t.dataDir);
      const norfolk = log.find((e) => e.streamId === 'scheme-norfolk');
      expect(norfolk).toMatchObject({ type: 'CategorySchemeDefined', data: { schemeId: 'norfolk', kind: 'category' }, metadata: { actor: { id: 'ada', role: 'admin' } } });
      expect((norfolk?.data.categories as Array<{ code: string }>).map((c) => c.code)).toEqual(['A4', 'B3', 'C3', 'D1-3', 'E1', 'E2', 'F1']);
      expect(log.find((e) => e.streamId === 'scheme-suffolk-2014')?.data).toEqual({
        schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'category',
        categories: [{ code: 'RED', label: 'Causing concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 }, { code: 'GREEN', label: 'Good or better', order: 2, group: 'good-or-better' }],
      });
    });

    it('revises a scheme with a reason (CategorySchemeRevised); nothing to revise is 422, an unknown scheme 404', async () => {
      const categories = [
        { code: 'RED', label: 'Causing concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 },
        { code: 'AMBER', label: 'Requires improvement', order: 2, group: 'requires-improvement', visitEveryWeeks: 13 },
        { code: 'GREEN', label: 'Good or better', order: 3, group: 'good-or-better' },
      ];
      const res = await post('/api/category-schemes/suffolk-2014/revision', { categories, reason: 'Agreed with the consortia' }, 201, admin);
      expect(res.body).toEqual({ id: 'suffolk-2014', revision: 1, position: expect.any(Number) });
      const revised = (await readLog(t.dataDir)).filter((e) => e.streamId === 'scheme-suffolk-2014').at(-1);
      expect(revised).toMatchObject({ type: 'CategorySchemeRevised', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', categories, reason: 'Agreed with the consortia' } });
      await refusedWithoutWriting([
        () => post('/api/category-schemes/suffolk-2014/revision', { categories, reason: 'Again' }, 422, admin),
        () => post('/api/category-schemes/kent/revision', { categories, reason: 'Kent' }, 404, admin),
      ]);
    });

    it('refuses bad schemes with 400, 409 or 422 and writes nothing; officers cannot define or revise one (403)', async () => {
      const one = [{ code: 'X', label: 'X', order: 1, group: 'causing-concern' }];
      await refusedWithoutWriting([
        () => post('/api/category-schemes', { example: 'norfolk' }, 409, admin),
        () => post('/api/category-schemes', { example: 'suffolk' }, 400, admin),
        () => post('/api/category-schemes', { example: 'norfolk', id: 'norfolk-2' }, 400, admin),
        () => post('/api/category-schemes', { id: 'Kent', name: 'Kent', kind: 'category', categories: one }, 400, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'grade', categories: one }, 400, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category', categories: [] }, 400, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category', categories: [{ code: 'X', label: 'X', order: 1, group: 'causing-concern', visitEveryWeeks: 60 }] }, 400, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category' }, 400, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category', categories: [{ code: 'X', label: 'X', order: 1 }] }, 422, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category', categories: [...one, { ...one[0], order: 2 }] }, 422, admin),
        () => post('/api/category-schemes', { id: 'kent', name: 'Kent', kind: 'category', categories: one }, 403, officer),
        () => post('/api/category-schemes/suffolk-2014/revision', { categories: one, reason: 'r' }, 403, officer),
      ]);
    });
  });

  describe('registering a school by hand', () => {
    it('registers it (201, { urn, revision, position }) as SchoolRegistered by the officer', async () => {
      const res = await post('/api/schools', { urn: URN, name: 'Hethersett Primary', phase: 'primary', type: 'maintained', district: 'South Norfolk', openedOn: '1998-09-01', pupils: 210 }, 201, officer, { 'X-Request-Id': 'reg-1' });
      expect(res.body).toEqual({ urn: URN, revision: 0, position: expect.any(Number) });
      expect(await lastEvent(URN)).toMatchObject({
        type: 'SchoolRegistered',
        position: BigInt(res.body.position),
        data: { urn: URN, name: 'Hethersett Primary', phase: 'primary', type: 'maintained', district: 'South Norfolk', openedOn: '1998-09-01', pupils: 210 },
        metadata: { actor: { id: 'jb', name: 'Jo Bloggs', role: 'officer' }, correlationId: 'reg-1', at: '2013-11-21T09:00:00.000Z' },
      });
    });

    it('refuses a school registered twice (409) and bad details (400), writing nothing', async () => {
      const good = { urn: '131313', name: 'Attleborough Junior', phase: 'primary', type: 'maintained' };
      await refusedWithoutWriting([
        () => post('/api/schools', { ...good, urn: URN }, 409),
        () => post('/api/schools', { ...good, urn: '13131' }, 400),
        () => post('/api/schools', { ...good, phase: 'Primary' }, 400),
        () => post('/api/schools', { ...good, type: 'community' }, 400),
        () => post('/api/schools', { ...good, name: '  ' }, 400),
        () => post('/api/schools', { ...good, pupils: -1 }, 400),
        () => post('/api/schools', { ...good, pupils: 20.5 }, 400),
        () => post('/api/schools', { ...good, openedOn: '2014-09-01' }, 400),
        () => post('/api/schools', { ...good, predecessorUrn: '131313' }, 422),
        () => post('/api/schools', { ...good, category: 'A4' }, 400),
      ]);
      const future = await send('/api/schools', { ...good, openedOn: '2013-11-22' }, officer);
      expect(future.body.message).toEqual(['openedOn (2013-11-22) is after today (2013-11-21): the register records what has happened']);
    });

    it('corrects its details, recording only what differs (SchoolDetailsRevised); nothing differing is 422, no detail 400', async () => {
      await post(`/api/schools/${URN}/details`, { name: 'Hethersett Primary', pupils: 224, reason: 'January census' });
      expect(await lastEvent(URN)).toMatchObject({ type: 'SchoolDetailsRevised', data: { urn: URN, changes: { pupils: 224 }, reason: 'January census' }, metadata: { actor: { role: 'officer' } } });
      await refusedWithoutWriting([
        async () => {
          const res = await post(`/api/schools/${URN}/details`, { pupils: 224, reason: 'Again' }, 422);
          expect(res.body.message).toMatch(/Nothing would change/);
        },
        () => post(`/api/schools/${URN}/details`, { reason: 'Nothing given' }, 400),
        () => post(`/api/schools/${URN}/details`, { pupils: 230 }, 400),
        () => post(`/api/schools/${URN}/details`, { phase: 'infant', reason: 'r' }, 400),
        () => post(`/api/schools/${URN}/details`, { openedOn: '2014-01-01', reason: 'r' }, 400),
        () => post('/api/schools/999999/details', { pupils: 1, reason: 'r' }, 404),
      ]);
    });

    it('answers 400 "A URN is six digits" for a path that names no URN, and 404 for a school not in the register', async () => {
      const res = await send('/api/schools/12345/visits', { visitedOn: '2013-11-01', officer: 'Jo', purpose: 'Review', notes: '' }, officer);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['A URN is six digits, such as 121212.']);
      const unknown = await send('/api/schools/999999/visits', { visitedOn: '2013-11-01', officer: 'Jo', purpose: 'Review', notes: '' }, officer);
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('There is no school with URN 999999 in the register.');
    });
  });

  describe('categorisations', () => {
    it('records the category, on today when no day is given, and the one held before', async () => {
      const first = await post(`/api/schools/${URN}/categorisations`, { scheme: 'norfolk', category: 'B3', reason: 'Autumn risk analysis', categorisedOn: '2013-09-30' });
      expect(first.body).toEqual({ urn: URN, revision: 2, position: expect.any(Number) });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, scheme: 'norfolk', category: 'B3', categorisedOn: '2013-09-30', reason: 'Autumn risk analysis' });
      await post(`/api/schools/${URN}/categorisations`, { scheme: 'norfolk', category: 'A4', reason: 'Grade 4 judgement' });
      expect(await lastEvent(URN)).toMatchObject({
        type: 'SchoolCategorised',
        data: { urn: URN, scheme: 'norfolk', category: 'A4', previous: 'B3', categorisedOn: '2013-11-21', reason: 'Grade 4 judgement' },
        metadata: { actor: { id: 'jb', role: 'officer' } },
      });
    });

    it('refuses a scheme not defined (404), a stage scheme or a code not in the scheme (422), a day after today or no reason (400)', async () => {
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/categorisations`, { scheme: 'kent', category: 'A4', reason: 'r' }, 404),
        () => post(`/api/schools/${URN}/categorisations`, { scheme: 'essex-stages', category: '3', reason: 'r' }, 422),
        async () => {
          const res = await post(`/api/schools/${URN}/categorisations`, { scheme: 'norfolk', category: 'A3', reason: 'r' }, 422);
          expect(res.body.message).toMatch(/its categories are A4, B3, C3, D1-3, E1, E2, F1/);
        },
        () => post(`/api/schools/${URN}/categorisations`, { scheme: 'norfolk', category: 'A4', reason: 'r', categorisedOn: '2013-11-22' }, 400),
        () => post(`/api/schools/${URN}/categorisations`, { scheme: 'norfolk', category: 'A4' }, 400),
        () => post(`/api/schools/${URN}/categorisations`, { scheme: 'Norfolk', category: 'A4', reason: 'r' }, 400),
      ]);
    });
  });

  describe('Ofsted judgements', () => {
    it('records a grade 4 with its category and the improvement plan due two weeks after publication', async () => {
      await post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 4, category: 'special-measures' });
      expect(await lastEvent(URN)).toMatchObject({
        type: 'OfstedJudgementRecorded',
        data: { urn: URN, inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 4, category: 'special-measures', improvementPlanDueOn: '2013-11-15' },
      });
    });

    it('refuses a grade 4 without its category, a category on grade 3, a publication before the inspection (422), and bad input (400)', async () => {
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 4 }, 422),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 3, category: 'serious-weaknesses' }, 422),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-10-01', grade: 3 }, 422),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: '3' }, 400),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-01', grade: 5 }, 400),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { inspectedOn: '2013-10-08', publishedOn: '2013-11-25', grade: 3 }, 400),
        () => post(`/api/schools/${URN}/ofsted-judgements`, { publishedOn: '2013-11-01', grade: 3 }, 400),
      ]);
    });
  });

  describe('warning notices', () => {
    it('issues notices with the next free id (answered as noticeId) and the section their kind is issued under, and withdraws one on today by default', async () => {
      const first = await post(`/api/schools/${URN}/warning-notices`, { kind: 'performance-standards-safety', issuedOn: '2013-11-15', reason: 'Standards too low; governors have not acted' });
      expect(first.body).toEqual({ urn: URN, revision: expect.any(Number), position: expect.any(Number), noticeId: 'wn-1' });
      expect((await lastEvent(URN)).data).toEqual({
        urn: URN, noticeId: 'wn-1', kind: 'performance-standards-safety', section: 'Section 60, Education and Inspections Act 2006', issuedOn: '2013-11-15', reason: 'Standards too low; governors have not acted',
      });
      const second = await post(`/api/schools/${URN}/warning-notices`, { kind: 'la-warning', issuedOn: '2013-11-18', reason: 'Leadership' });
      expect(second.body.noticeId).toBe('wn-2');
      await post(`/api/schools/${URN}/warning-notices/wn-2/withdrawal`, { reason: 'Issued in error: the PSS notice stands' });
      expect(await lastEvent(URN)).toMatchObject({ type: 'WarningNoticeWithdrawn', data: { urn: URN, noticeId: 'wn-2', withdrawnOn: '2013-11-21', reason: 'Issued in error: the PSS notice stands' } });
    });

    it('refuses a notice without kind or reason (400), a notice withdrawn twice (422), one the school does not have (404)', async () => {
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/warning-notices`, { issuedOn: '2013-11-15', reason: 'r' }, 400),
        () => post(`/api/schools/${URN}/warning-notices`, { kind: 'formal', issuedOn: '2013-11-15', reason: 'r' }, 400),
        () => post(`/api/schools/${URN}/warning-notices`, { kind: 'la-warning', issuedOn: '2013-11-15', reason: ' ' }, 400),
        () => post(`/api/schools/${URN}/warning-notices`, { kind: 'la-warning', issuedOn: '2013-11-15', reason: 'r', noticeId: 'wn-1' }, 409),
        () => post(`/api/schools/${URN}/warning-notices/wn-2/withdrawal`, { reason: 'Again' }, 422),
        () => post(`/api/schools/${URN}/warning-notices/wn-9/withdrawal`, { reason: 'r' }, 404),
        () => post(`/api/schools/${URN}/warning-notices/wn-1/withdrawal`, { reason: 'r', withdrawnOn: '2013-11-14' }, 422),
      ]);
    });
  });

  describe('intervention stages, powers, officers', () => {
    it('records a stage, automatic when a rule moved it; the same stage again is 422, a category scheme 422', async () => {
      await post(`/api/schools/${URN}/intervention-stages`, { scheme: 'essex-stages', stage: '3', reason: 'Negative safeguarding assessment', automatic: true, changedOn: '2013-11-20' });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, scheme: 'essex-stages', stage: '3', changedOn: '2013-11-20', reason: 'Negative safeguarding assessment', automatic: true });
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/intervention-stages`, { scheme: 'essex-stages', stage: '3', reason: 'Again' }, 422),
        () => post(`/api/schools/${URN}/intervention-stages`, { scheme: 'norfolk', stage: 'A4', reason: 'r' }, 422),
        () => post(`/api/schools/${URN}/intervention-stages`, { scheme: 'essex-stages', stage: '3', reason: 'r', automatic: 'yes' }, 400),
      ]);
    });

    it('records a power and who decided it; an academy order decided by the council is 422', async () => {
      await post(`/api/schools/${URN}/powers`, { power: 'removal-of-delegated-funding', decidedBy: 'council', decidedOn: '2013-11-19', reason: 'Grade 4: delegation removed' });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, power: 'removal-of-delegated-funding', decidedBy: 'council', decidedOn: '2013-11-19', reason: 'Grade 4: delegation removed' });
      await refusedWithoutWriting([
        async () => {
          const res = await post(`/api/schools/${URN}/powers`, { power: 'academy-order', decidedBy: 'council', decidedOn: '2013-11-19', reason: 'r' }, 422);
          expect(res.body.message).toBe('An academy order is made by the Secretary of State; the council has no role in it.');
        },
        () => post(`/api/schools/${URN}/powers`, { power: 'improvement-board', decidedBy: 'council', decidedOn: '2013-11-19', reason: 'r' }, 400),
      ]);
    });

    it('assigns officers (today by default); a personId must be in the directory of people (422)', async () => {
      await addPerson(t, { id: 'p-jb', name: 'Jo Bloggs', initials: 'JB', email: 'jo.bloggs@norfolk.gov.uk' });
      await post(`/api/schools/${URN}/officers`, { personId: 'p-jb', name: 'Jo Bloggs', role: 'intervention-officer' });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, role: 'intervention-officer', personId: 'p-jb', name: 'Jo Bloggs', assignedOn: '2013-11-21' });
      await post(`/api/schools/${URN}/officers`, { name: 'Sam Partner', role: 'challenge-partner', assignedOn: '2013-09-01', reason: 'Autumn allocation' });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, role: 'challenge-partner', name: 'Sam Partner', assignedOn: '2013-09-01', reason: 'Autumn allocation' });
      await refusedWithoutWriting([
        async () => {
          const res = await post(`/api/schools/${URN}/officers`, { personId: 'nobody', name: 'No Body', role: 'intervention-officer' }, 422);
          expect(res.body.message).toMatch(/nobody with id "nobody" in the directory/);
        },
        () => post(`/api/schools/${URN}/officers`, { name: 'Jo', role: 'adviser' }, 400),
        () => post(`/api/schools/${URN}/officers`, { role: 'intervention-officer' }, 400),
      ]);
    });
  });

  describe('visits', () => {
    it('records a visit with the next free id (answered as visitId), empty notes allowed', async () => {
      const res = await post(`/api/schools/${URN}/visits`, { visitedOn: '2013-11-20', officer: 'Jo Bloggs', purpose: 'Review visit', notes: 'Phonics plan in place', rag: 'A' });
      expect(res.body).toEqual({ urn: URN, revision: expect.any(Number), position: expect.any(Number), visitId: 'v1' });
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, visitId: 'v1', visitedOn: '2013-11-20', officer: 'Jo Bloggs', purpose: 'Review visit', notes: 'Phonics plan in place', rag: 'A' });
      const next = await post(`/api/schools/${URN}/visits`, { visitedOn: '2013-11-21', officer: 'Jo Bloggs', purpose: 'Drop-in', notes: '' });
      expect(next.body.visitId).toBe('v2');
      expect((await lastEvent(URN)).data).toEqual({ urn: URN, visitId: 'v2', visitedOn: '2013-11-21', officer: 'Jo Bloggs', purpose: 'Drop-in', notes: '' });
    });

    it('gives visits recorded at the same time without an id an id each', async () => {
      await register('272727');
      const bodies = ['Review', 'Governors', 'Data'].map((purpose) => ({ visitedOn: '2013-11-21', officer: 'Jo Bloggs', purpose, notes: '' }));
      const answers = await Promise.all(bodies.map((body) => send('/api/schools/272727/visits', body, officer)));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(answers.map((r) => r.body.visitId).sort()).toEqual(['v1', 'v2', 'v3']);
      const visits = (await schoolEvents('272727')).filter((e) => e.type === 'VisitRecorded');
      expect(visits.map((e) => [e.data.visitId, e.data.purpose]).sort()).toEqual(answers.map((r, i) => [r.body.visitId, bodies[i].purpose]).sort());
    });

    it('refuses a visit without its day, officer, purpose or notes, with a RAG other than G, A or R, or after today (400)', async () => {
      const visit = { visitedOn: '2013-11-20', officer: 'Jo Bloggs', purpose: 'Review visit', notes: '' };
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/visits`, { ...visit, visitedOn: undefined }, 400),
        () => post(`/api/schools/${URN}/visits`, { ...visit, officer: '' }, 400),
        () => post(`/api/schools/${URN}/visits`, { ...visit, purpose: undefined }, 400),
        async () => {
          const res = await post(`/api/schools/${URN}/visits`, { ...visit, notes: undefined }, 400);
          expect(res.body.message).toEqual(['notes must be sent (they may be empty)']);
        },
        () => post(`/api/schools/${URN}/visits`, { ...visit, rag: 'B' }, 400),
        () => post(`/api/schools/${URN}/visits`, { ...visit, visitedOn: '2013-12-01' }, 400),
        () => post(`/api/schools/${URN}/visits`, { ...visit, visitId: 'v1' }, 409),
      ]);
    });
  });

  describe('improvement plans', () => {
    it('records the plan received and evaluated in one request as two events in one append', async () => {
      const before = (await schoolEvents(URN)).length;
      const res = await post(`/api/schools/${URN}/improvement-plans`, { receivedOn: '2013-11-14', evaluatedOn: '2013-11-20', evaluation: 'Sound; sharpen the KS2 milestones' });
      const written = (await schoolEvents(URN)).slice(before);
      expect(written.map((e) => [e.type, e.data])).toEqual([
        ['ImprovementPlanReceived', { urn: URN, receivedOn: '2013-11-14' }],
        ['ImprovementPlanEvaluated', { urn: URN, evaluatedOn: '2013-11-20', evaluation: 'Sound; sharpen the KS2 milestones' }],
      ]);
      expect(written[1].metadata.causationId).toBe(written[0].metadata.causationId);
      expect(written[1].position).toBe(written[0].position + 1n);
      expect(res.body).toEqual({ urn: URN, revision: Number(written[1].revision), position: Number(written[1].position) });
    });

    it('refuses neither day, an evaluation without its day or its text (400), and an evaluation of a plan not received (422)', async () => {
      await register('141414');
      await refusedWithoutWriting([
        () => post(`/api/schools/${URN}/improvement-plans`, {}, 400),
        () => post(`/api/schools/${URN}/improvement-plans`, { evaluation: 'Sound' }, 400),
        () => post(`/api/schools/${URN}/improvement-plans`, { evaluatedOn: '2013-11-20' }, 400),
        () => post(`/api/schools/${URN}/improvement-plans`, { receivedOn: '2013-11-22' }, 400),
        () => post('/api/schools/141414/improvement-plans', { evaluatedOn: '2013-11-20', evaluation: 'Sound' }, 422),
      ]);
    });
  });

  describe('If-Match and Idempotency-Key', () => {
    it('refuses a change on a revision that is no longer the school’s (409 with currentRevision), and takes it on the current one', async () => {
      const current = Number((await lastEvent(URN)).revision);
      const visit = { visitedOn: '2013-11-21', officer: 'Jo Bloggs', purpose: 'Review visit', notes: '' };
      await refusedWithoutWriting([
        async () => {
          const res = await post(`/api/schools/${URN}/visits`, visit, 409, officer, { 'If-Match': `"${current - 1}"` });
          expect(res.body.currentRevision).toBe(current);
        },
      ]);
      const res = await post(`/api/schools/${URN}/visits`, visit, 201, officer, { 'If-Match': `"${current}"` });
      expect(res.body.revision).toBe(current + 1);
    });

    it('answers a repeat under the same key with the first answer (the same visitId), writing nothing more; the key with another body is 422', async () => {
      const visit = { visitedOn: '2013-11-21', officer: 'Jo Bloggs', purpose: 'Governors meeting', notes: 'Chair attended' };
      const first = await post(`/api/schools/${URN}/visits`, visit, 201, officer, { 'Idempotency-Key': 'visit-21-nov' });
      const count = (await schoolEvents(URN)).length;
      const again = await post(`/api/schools/${URN}/visits`, visit, 201, officer, { 'Idempotency-Key': 'visit-21-nov' });
      expect(again.body).toEqual(first.body);
      expect(first.body.visitId).toMatch(/^v\d+$/);
      expect((await schoolEvents(URN)).length).toBe(count);
      await refusedWithoutWriting([() => post(`/api/schools/${URN}/visits`, { ...visit, notes: 'Other' }, 422, officer, { 'Idempotency-Key': 'visit-21-nov' })]);
    });
  });

  describe('conversion and closure', () => {
    it('converts a school and registers its academy in one append over the two streams, with one causation id', async () => {
      await register('151515', { pupils: 180 });
      const res = await post('/api/schools/151515/conversion', { successorUrn: '161616', convertedOn: '2013-11-01', reason: 'Academy order: sponsored by the Inspiration Trust', type: 'sponsored-academy', trust: 'Inspiration Trust' });
      const [converted] = await schoolEvents('151515').then((events) => events.filter((e) => e.type === 'SchoolConverted'));
      const [registered] = await schoolEvents('161616');
      expect(converted.data).toEqual({ urn: '151515', successorUrn: '161616', convertedOn: '2013-11-01', reason: 'Academy order: sponsored by the Inspiration Trust' });
      expect(registered).toMatchObject({
        type: 'SchoolRegistered',
        data: { urn: '161616', name: 'School 151515', phase: 'primary', type: 'sponsored-academy', district: 'Breckland', trust: 'Inspiration Trust', openedOn: '2013-11-01', predecessorUrn: '151515' },
        metadata: { actor: { id: 'jb', role: 'officer' } },
      });
      expect(registered.metadata.causationId).toBe(converted.metadata.causationId);
      // One append: the academy first, then the conversion, at consecutive positions.
      expect(converted.position).toBe(registered.position + 1n);
      expect(res.body).toEqual({ urn: '151515', revision: 1, position: Number(converted.position), successorUrn: '161616', successorRegistered: true });
      // The converted school takes nothing more; its academy does.
      const refused = await post('/api/schools/151515/visits', { visitedOn: '2013-11-21', officer: 'Jo', purpose: 'Review', notes: '' }, 422);
      expect(refused.body.message).toMatch(/continues as URN 161616/);
      await post('/api/schools/161616/visits', { visitedOn: '2013-11-21', officer: 'Jo', purpose: 'Review', notes: '' });
      // A correction of the converted school's details is still taken.
      await post('/api/schools/151515/details', { name: 'Hethersett Old Hall School', reason: 'Name as the national list prints it' });
      expect((await lastEvent('151515')).type).toBe('SchoolDetailsRevised');
    });

    it('names the academy by default after the school, as an academy converter', async () => {
      await register('171717');
      await post('/api/schools/171717/conversion', { successorUrn: '181818', convertedOn: '2013-09-01', reason: 'Converted' });
      expect((await schoolEvents('181818'))[0].data).toEqual({ urn: '181818', name: 'School 171717', phase: 'primary', type: 'academy-converter', district: 'Breckland', openedOn: '2013-09-01', predecessorUrn: '171717' });
    });

    it('only converts when the academy is already registered with no predecessor; refuses one that continues another school (409)', async () => {
      await register('191919');
      await register('202020', { type: 'academy-converter' });
      const res = await post('/api/schools/191919/conversion', { successorUrn: '202020', convertedOn: '2013-10-01', reason: 'Converted' });
      expect(res.body.successorRegistered).toBe(false);
      expect((await schoolEvents('202020')).map((e) => e.type)).toEqual(['SchoolRegistered']);
      await register('212121');
      await refusedWithoutWriting([
        () => post('/api/schools/212121/conversion', { successorUrn: '161616', convertedOn: '2013-10-01', reason: 'Converted' }, 409),
        () => post('/api/schools/212121/conversion', { successorUrn: '212121', convertedOn: '2013-10-01', reason: 'Converted' }, 422),
        () => post('/api/schools/212121/conversion', { successorUrn: '2121', convertedOn: '2013-10-01', reason: 'Converted' }, 400),
        () => post('/api/schools/212121/conversion', { successorUrn: '222222', convertedOn: '2013-12-01', reason: 'Converted' }, 400),
        () => post('/api/schools/151515/conversion', { successorUrn: '222222', convertedOn: '2013-10-01', reason: 'Again' }, 422),
        () => post('/api/schools/999998/conversion', { successorUrn: '222222', convertedOn: '2013-10-01', reason: 'Converted' }, 404),
      ]);
    });

    it('answers a repeated conversion under the same key with the first answer, writing nothing more; If-Match on a stale revision is 409', async () => {
      await register('232323');
      const body = { successorUrn: '242424', convertedOn: '2013-10-01', reason: 'Converted' };
      await refusedWithoutWriting([() => post('/api/schools/232323/conversion', body, 409, officer, { 'If-Match': '"5"' })]);
      const first = await post('/api/schools/232323/conversion', body, 201, officer, { 'Idempotency-Key': 'convert-232323', 'If-Match': '"0"' });
      const count = (await readLog(t.dataDir)).length;
      const again = await post('/api/schools/232323/conversion', body, 201, officer, { 'Idempotency-Key': 'convert-232323' });
      expect(again.body).toEqual(first.body);
      expect((await readLog(t.dataDir)).length).toBe(count);
    });

    it('closes a school with its reason; afterwards nothing more is recorded for it (422)', async () => {
      await register('252525');
      await post('/api/schools/252525/closure', { closedOn: '2013-08-31', reason: 'Amalgamated with the junior school' });
      expect(await lastEvent('252525')).toMatchObject({ type: 'SchoolClosed', data: { urn: '252525', closedOn: '2013-08-31', reason: 'Amalgamated with the junior school' } });
      await refusedWithoutWriting([
        () => post('/api/schools/252525/categorisations', { scheme: 'norfolk', category: 'E2', reason: 'r' }, 422),
        () => post('/api/schools/252525/closure', { closedOn: '2013-08-31', reason: 'Again' }, 422),
        () => post('/api/schools/252525/closure', { closedOn: '2013-08-31' }, 400),
      ]);
    });
  });

  it('documents every write route in the OpenAPI document, with its 201, its refusals and the bearer scheme', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };
    const routes = [
      '/api/schools', '/api/schools/{urn}/details', '/api/schools/{urn}/categorisations', '/api/schools/{urn}/ofsted-judgements', '/api/schools/{urn}/warning-notices',
      '/api/schools/{urn}/warning-notices/{noticeId}/withdrawal', '/api/schools/{urn}/intervention-stages', '/api/schools/{urn}/powers', '/api/schools/{urn}/officers',
      '/api/schools/{urn}/visits', '/api/schools/{urn}/improvement-plans', '/api/schools/{urn}/conversion', '/api/schools/{urn}/closure',
      '/api/category-schemes', '/api/category-schemes/{id}/revision',
    ];
    for (const path of routes) {
      const operation = doc.paths[path]?.post;
      expect({ path, documented: operation !== undefined }).toEqual({ path, documented: true });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422']));
      expect(operation.security).toEqual([{ bearer: [] }]);
    }
  });

  describe('who may record', () => {
    it('lets admins record, recording them as admin', async () => {
      await post(`/api/schools/${URN}/visits`, { visitedOn: '2013-11-21', officer: 'Ada Admin', purpose: 'Joint visit', notes: '' }, 201, admin);
      expect((await lastEvent(URN)).metadata.actor).toEqual({ id: 'ada', name: 'Ada Admin', role: 'admin' });
    });

    it('refuses the school’s own headteacher, board members, owners and auditors (403, revealing nothing), writing nothing', async () => {
      const visit = { visitedOn: '2013-11-21', officer: 'Jo', purpose: 'Review', notes: '' };
      const others = [tokenFor('school', { schools: [URN] }), tokenFor('board', { schools: [URN] }), tokenFor('owner', { plans: ['EDU'] }), tokenFor('auditor')];
      await refusedWithoutWriting(
        others.flatMap((token) => [
          async () => {
            const res = await post(`/api/schools/${URN}/visits`, visit, 403, token);
            expect(res.body.message).not.toMatch(/A4|B3|Hethersett/);
          },
          () => post('/api/schools/999999/categorisations', { scheme: 'norfolk', category: 'A4', reason: 'r' }, 403, token),
          () => post('/api/schools', { urn: '262626', name: 'X', phase: 'primary', type: 'maintained' }, 403, token),
        ]),
      );
    });
  });
});
