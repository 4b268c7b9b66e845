import { giasCsv, giasRow } from '../../support/gias-csv';
import { readLog, type LoggedEvent } from '../../support/read-log';
import { bearer, removeDataDir, startTestApp, TestClock, tokenFor, type TestApp } from '../../support/test-app';

/** POST /api/schools/import: the national schools list as its extract prints it, refreshed as events, all or nothing. */
describe('POST /api/schools/import', () => {
  let t: TestApp;
  const officer = tokenFor('officer', { user: 'jw', name: 'Janet Warburton' });
  const send = (csv: string, token = officer, type = 'text/csv') => t.http().post('/api/schools/import').set(bearer(token)).set('Content-Type', type).send(csv);
  const schoolEvents = async (): Promise<LoggedEvent[]> => (await readLog(t.dataDir)).filter((e) => e.streamId.startsWith('school-'));

  const autumn = giasCsv([
    giasRow({ URN: '121212', EstablishmentName: 'Ashill VC Primary School', 'TypeOfEstablishment (name)': 'Voluntary controlled school', 'DistrictAdministrative (name)': 'Breckland', OpenDate: '01-09-1990', NumberOfPupils: '210' }),
    giasRow({ URN: '131313', EstablishmentName: 'Cromer Academy', 'TypeOfEstablishment (name)': 'Academy sponsor led', 'PhaseOfEducation (name)': 'Secondary', 'SchoolSponsors (name)': 'Inspiration Trust', 'DistrictAdministrative (name)': 'North Norfolk', OpenDate: '01-04-2013' }),
    giasRow({ URN: '141414', EstablishmentName: 'Sheringham Woodfields', 'TypeOfEstablishment (name)': 'Community special school', 'PhaseOfEducation (name)': 'Not applicable', 'DistrictAdministrative (name)': 'North Norfolk' }),
    giasRow({ URN: '151515', EstablishmentName: 'Gresham’s School', 'TypeOfEstablishment (name)': 'Other independent school', 'PhaseOfEducation (name)': 'All-through' }),
  ]);

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date('2013-11-21T09:00:00.000Z')) });
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('registers each school of the list in one decision, skips and reports other establishments, and the register shows them', async () => {
    const res = await send(autumn).expect(200);
    expect(res.body).toEqual({
      registered: 3, revised: 0, closed: 0, unchanged: 0,
      skipped: [{ row: 5, urn: '151515', reason: 'Other independent school: not a type of school the register holds' }],
      position: expect.any(Number),
    });
    const events = await schoolEvents();
    expect(events.map((e) => [e.streamId, e.revision, e.type])).toEqual([
      ['school-121212', 0n, 'SchoolRegistered'],
      ['school-131313', 0n, 'SchoolRegistered'],
      ['school-141414', 0n, 'SchoolRegistered'],
    ]);
    expect(events[0].data).toEqual({ urn: '121212', name: 'Ashill VC Primary School', phase: 'primary', type: 'maintained', district: 'Breckland', openedOn: '1990-09-01', pupils: 210 });
    expect(events[1].data).toMatchObject({ phase: 'secondary', type: 'sponsored-academy', trust: 'Inspiration Trust', openedOn: '2013-04-01' });
    expect(events[2].data).toMatchObject({ phase: 'special', type: 'maintained' });
    // One decision: one causation, the officer as actor, the request's correlation.
    expect(new Set(events.map((e) => e.metadata.causationId)).size).toBe(1);
    expect(events[0].metadata.actor).toEqual({ id: 'jw', name: 'Janet Warburton', role: 'officer' });
    expect(Number(events[2].position)).toBe(res.body.position);
    const register = await t.http().get(`/api/schools?minPosition=${res.body.position}`).set(bearer(officer)).expect(200);
    expect(register.body.schools.map((s: { urn: string; name: string }) => [s.urn, s.name])).toEqual([
      ['121212', 'Ashill VC Primary School'],
      ['131313', 'Cromer Academy'],
      ['141414', 'Sheringham Woodfields'],
    ]);
  });

  it('writes nothing when the same list is imported again', async () => {
    const before = (await readLog(t.dataDir)).length;
    expect((await send(autumn).expect(200)).body).toMatchObject({ registered: 0, revised: 0, closed: 0, unchanged: 3, position: null });
    expect((await readLog(t.dataDir)).length).toBe(before);
  });

  it('records a changed name or district as one SchoolDetailsRevised, and a school newly closed as SchoolClosed', async () => {
    const spring = giasCsv([
      giasRow({ URN: '121212', EstablishmentName: 'Ashill Church of England Primary', 'TypeOfEstablishment (name)': 'Voluntary controlled school', 'DistrictAdministrative (name)': 'South Norfolk', OpenDate: '01-09-1990', NumberOfPupils: '210' }),
      giasRow({ URN: '131313', EstablishmentName: 'Cromer Academy', 'TypeOfEstablishment (name)': 'Academy sponsor led', 'PhaseOfEducation (name)': 'Secondary', 'SchoolSponsors (name)': 'Inspiration Trust', 'DistrictAdministrative (name)': 'North Norfolk', OpenDate: '01-04-2013' }),
      giasRow({ URN: '141414', EstablishmentName: 'Sheringham Woodfields', 'TypeOfEstablishment (name)': 'Community special school', 'PhaseOfEducation (name)': 'Not applicable', 'DistrictAdministrative (name)': 'North Norfolk', 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-10-2013' }),
    ]);
    const before = (await schoolEvents()).length;
    const res = await send(spring).expect(200);
    expect(res.body).toEqual({ registered: 0, revised: 1, closed: 1, unchanged: 1, skipped: [], position: expect.any(Number) });
    const written = (await schoolEvents()).slice(before);
    expect(written.map((e) => [e.streamId, e.revision, e.type, e.data])).toEqual([
      ['school-121212', 1n, 'SchoolDetailsRevised', { urn: '121212', changes: { name: 'Ashill Church of England Primary', district: 'South Norfolk' }, reason: 'National schools list refreshed' }],
      ['school-141414', 1n, 'SchoolClosed', { urn: '141414', closedOn: '2013-10-31', reason: 'Closed, as the national schools list says' }],
    ]);
    expect((await send(spring).expect(200)).body).toMatchObject({ revised: 0, closed: 0, unchanged: 3, position: null });
  });

  it('refuses a file with a missing URN, an unreadable phase or date with 422 listing the rows, and writes nothing', async () => {
    const before = (await readLog(t.dataDir)).length;
    const res = await send(
      giasCsv([
        giasRow({ URN: '161616', EstablishmentName: 'A good row' }),
        giasRow({ URN: '', EstablishmentName: 'No URN' }),
        giasRow({ URN: '171717', 'PhaseOfEducation (name)': 'Upper' }),
        giasRow({ URN: '181818', OpenDate: '31/02/2013' }),
      ]),
    ).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'SchoolListRefusedError', message: expect.stringMatching(/^The schools list cannot be imported, and nothing was written/) });
    expect(res.body.problems).toEqual([
      'row 3: no URN',
      'row 4 (URN 171717): the phase "Upper" is not one the register reads (primary, secondary, nursery, all-through)',
      'row 5 (URN 181818): OpenDate "31/02/2013" is not a date (dd-mm-yyyy)',
    ]);
    expect((await readLog(t.dataDir)).length).toBe(before);
  });

  it('takes only CSV, and only from officers and admins', async () => {
    await send('{"schools":[]}', officer, 'application/json').expect(415);
    await send('', officer).expect(400);
    await send(autumn, tokenFor('admin')).expect(200);
    for (const role of ['board', 'auditor'] as const) await send(autumn, tokenFor(role)).expect(403);
    await send(autumn, tokenFor('owner', { plans: ['EDU'] })).expect(403);
    await send(autumn, tokenFor('school', { schools: ['121212'] })).expect(403);
  });
});
