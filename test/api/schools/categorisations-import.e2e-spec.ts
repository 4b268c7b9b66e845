import { ESSEX_STAGES, NORFOLK_SCHEME, schemeStream } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { giasCsv, giasRow } from '../../support/gias-csv';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/** POST /api/schools/categorisations/import?scheme=: a file of categorisations, each through the school's rules, all or nothing. */
describe('POST /api/schools/categorisations/import', () => {
  let t: TestApp;
  const officer = tokenFor('officer', { user: 'jw', name: 'Janet Warburton' });
  const send = (query: string, csv: string, token = officer) => t.http().post(`/api/schools/categorisations/import${query}`).set(bearer(token)).set('Content-Type', 'text/csv').send(csv);
  const categorisations = async (): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.type === 'SchoolCategorised');

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date('2013-11-21T09:00:00.000Z')) });
    const metadata = { actor: { id: 'ada', name: 'Ada Admin', role: 'admin' }, at: '2013-11-01T09:00:00.000Z', correlationId: 'c', causationId: 'c' };
    const store = t.app.get<EventStore>(EVENT_STORE);
    for (const scheme of [NORFOLK_SCHEME, ESSEX_STAGES]) await store.appendToStream(schemeStream(scheme.schemeId), { type: 'CategorySchemeDefined', data: scheme, metadata });
    const list = giasCsv([
      giasRow({ URN: '121212', EstablishmentName: 'Ashill Primary' }),
      giasRow({ URN: '131313', EstablishmentName: 'Bawdeswell Primary' }),
      giasRow({ URN: '141414', EstablishmentName: 'Cromer High', 'PhaseOfEducation (name)': 'Secondary' }),
    ]);
    await t.http().post('/api/schools/import').set(bearer(officer)).set('Content-Type', 'text/csv').send(list).expect(200);
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('records a SchoolCategorised per row, with the defaults for rows that give no day or reason, and the table counts them as at the day', async () => {
    const res = await send('?scheme=norfolk&categorisedOn=2013-09-01&reason=Autumn%20term%20review', 'URN,Category,Reason,CategorisedOn\r\n121212,B3,,\r\n131313,E2,Good leadership,\r\n141414,A4,,2013-09-10\r\n').expect(200);
    expect(res.body).toEqual({ categorised: 3, unchanged: 0, position: expect.any(Number) });
    const events = await categorisations();
    expect(events.map((e) => [e.streamId, e.revision, e.data])).toEqual([
      ['school-121212', 1n, { urn: '121212', scheme: 'norfolk', category: 'B3', categorisedOn: '2013-09-01', reason: 'Autumn term review' }],
      ['school-131313', 1n, { urn: '131313', scheme: 'norfolk', category: 'E2', categorisedOn: '2013-09-01', reason: 'Good leadership' }],
      ['school-141414', 1n, { urn: '141414', scheme: 'norfolk', category: 'A4', categorisedOn: '2013-09-10', reason: 'Autumn term review' }],
    ]);
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(1);
    expect(events[0].metadata.actor).toMatchObject({ id: 'jw', role: 'officer' });
    const table = await t.http().get(`/api/schools/categorisation?scheme=norfolk&asOf=2013-09-05&minPosition=${res.body.position}`).set(bearer(officer)).expect(200);
    expect(table.body.phases.map((p: { phase: string; counts: Record<string, number>; uncategorised: number }) => [p.phase, p.counts.B3, p.counts.E2, p.counts.A4, p.uncategorised])).toEqual([
      ['primary', 1, 1, 0, 0],
      // Cromer's A4 took effect on 10 September.
      ['secondary', 0, 0, 0, 1],
    ]);
  });

  it('leaves a category already held from the same day unchanged, so the same file twice writes nothing', async () => {
    const before = (await readLog(t.dataDir)).length;
    const res = await send('?scheme=norfolk&categorisedOn=2013-09-01&reason=Again', 'URN,Category,CategorisedOn\r\n121212,B3,\r\n141414,A4,2013-09-10\r\n').expect(200);
    expect(res.body).toEqual({ categorised: 0, unchanged: 2, position: null });
    expect((await readLog(t.dataDir)).length).toBe(before);
    // A move recorded for a later day is a new categorisation, naming the code it replaces.
    const moved = await send('?scheme=norfolk&reason=Special%20measures', 'URN,Category,CategorisedOn\r\n121212,A4,01-10-2013\r\n').expect(200);
    expect(moved.body).toMatchObject({ categorised: 1, unchanged: 0 });
    expect((await categorisations()).at(-1)!.data).toEqual({ urn: '121212', scheme: 'norfolk', category: 'A4', previous: 'B3', categorisedOn: '2013-10-01', reason: 'Special measures' });
  });

  it('refuses an unknown URN or code, a day to come or a row with no reason, with 422 listing the rows, and writes nothing', async () => {
    const before = (await readLog(t.dataDir)).length;
    const res = await send('?scheme=norfolk', 'URN,Category,Reason,CategorisedOn\r\n121212,C3,Fine,2013-11-01\r\n999999,A4,Unknown,2013-11-01\r\n131313,Z9,Typo,2013-11-01\r\n141414,B3,Future,2013-12-01\r\n131313,C3,,2013-11-01\r\n').expect(422);
    expect(res.body.error).toBe('SchoolListRefusedError');
    expect(res.body.problems).toEqual([
      'row 3 (URN 999999): there is no school with URN 999999 in the register',
      `row 4 (URN 131313): "Z9" is not a category of ${NORFOLK_SCHEME.name} (A4, B3, C3, D1-3, E1, E2, F1)`,
      'row 5 (URN 141414): 2013-12-01 has not come yet: a category takes effect on a day that has come',
      'row 6 (URN 131313): no Reason: give one in the file, or ?reason= for every row',
    ]);
    expect((await readLog(t.dataDir)).length).toBe(before);
  });

  it('needs a category scheme of the council, a CSV, and an officer or admin', async () => {
    const csv = 'URN,Category\r\n121212,B3\r\n';
    expect((await send('', csv).expect(400)).body.message.join(' ')).toMatch(/scheme/);
    expect((await send('?scheme=nope&reason=x', csv).expect(400)).body.message).toEqual(['scheme "nope" is not one of the council\'s schemes']);
    expect((await send('?scheme=essex-stages&reason=x', csv).expect(400)).body.message[0]).toMatch(/intervention-stage scheme/);
    expect((await send('?scheme=norfolk&categorisedOn=01-09-2013&reason=x', csv).expect(400)).body.message[0]).toMatch(/categorisedOn must be a calendar date/);
    await t.http().post('/api/schools/categorisations/import?scheme=norfolk').set(bearer(officer)).set('Content-Type', 'application/json').send('{}').expect(415);
    for (const token of [tokenFor('board'), tokenFor('auditor'), tokenFor('school', { schools: ['121212'] }), tokenFor('owner', { plans: ['EDU'] })]) {
      await send('?scheme=norfolk&reason=x', csv, token).expect(403);
    }
  });
});
