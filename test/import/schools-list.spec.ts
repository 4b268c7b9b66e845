import { ESSEX_STAGES, NORFOLK_SCHEME, type ExistingScheme, type SchoolEvent } from '@rag-ledger/domain';
import {
  planCategorisationImport,
  planSchoolsListImport,
  readCategorisationsCsv,
  readSchoolsList,
  SchoolListRefusedError,
  type CurrentSchool,
} from '@rag-ledger/import';
import { giasCsv, giasRow } from '../support/gias-csv';

/** The national schools list (a GIAS-shaped extract built here) and a categorisations file, read and mapped; what a refresh decides. */
describe('the national schools list: reading an extract', () => {
  it("reads the extract's own columns, ignores the (code) twins and every other column, and maps phases and types as the list spells them", () => {
    const list = readSchoolsList(
      giasCsv([
        giasRow({ URN: '121212', EstablishmentName: 'Ashill VC Primary School', 'TypeOfEstablishment (name)': 'Voluntary controlled school', 'PhaseOfEducation (name)': 'Primary', 'DistrictAdministrative (name)': 'Breckland', OpenDate: '01-09-1990', NumberOfPupils: '210' }),
        giasRow({ URN: '131313', EstablishmentName: 'Cromer Academy', 'TypeOfEstablishment (name)': 'Academy sponsor led', 'PhaseOfEducation (name)': 'Secondary', 'SchoolSponsors (name)': 'Inspiration Trust', OpenDate: '01-04-2013' }),
        giasRow({ URN: '141414', EstablishmentName: 'Sheringham Woodfields', 'TypeOfEstablishment (name)': 'Community special school', 'PhaseOfEducation (name)': 'Not applicable' }),
        giasRow({ URN: '151515', EstablishmentName: 'The Short Stay School', 'TypeOfEstablishment (name)': 'Pupil referral unit', 'PhaseOfEducation (name)': 'Not applicable' }),
        giasRow({ URN: '161616', EstablishmentName: 'Wymondham High', 'TypeOfEstablishment (name)': 'Academy 16-19 converter', 'PhaseOfEducation (name)': '16 plus', 'Trusts (name)': 'Wymondham Trust', 'SchoolSponsors (name)': 'Not this one' }),
        giasRow({ URN: '171717', EstablishmentName: 'Attleborough Middle', 'TypeOfEstablishment (name)': 'Foundation school', 'PhaseOfEducation (name)': 'middle deemed  PRIMARY' }),
        giasRow({ URN: '181818', EstablishmentName: 'Free School Norwich', 'TypeOfEstablishment (name)': 'Free schools 16 to 19', 'PhaseOfEducation (name)': 'All-through' }),
        giasRow({ URN: '191919', EstablishmentName: 'Norwich UTC', 'TypeOfEstablishment (name)': 'University technical college', 'PhaseOfEducation (name)': 'Middle deemed secondary' }),
        giasRow({ URN: '202020', EstablishmentName: 'Earlham Nursery', 'TypeOfEstablishment (name)': 'Local authority nursery school', 'PhaseOfEducation (name)': 'Nursery' }),
        giasRow({ URN: '212121', EstablishmentName: 'Gresham’s School', 'TypeOfEstablishment (name)': 'Other independent school', 'PhaseOfEducation (name)': 'All-through' }),
        giasRow({ URN: '222222', EstablishmentName: 'City College Norwich', 'TypeOfEstablishment (name)': 'Further education', 'PhaseOfEducation (name)': '16 plus' }),
        giasRow({ URN: '232323', EstablishmentName: 'Old Buckenham Primary', 'TypeOfEstablishment (name)': 'Community school', 'PhaseOfEducation (name)': 'Primary', 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2013' }),
      ]),
    );
    expect(list.schools.map((s) => [s.row, s.urn, s.details.phase, s.details.type])).toEqual([
      [2, '121212', 'primary', 'maintained'],
      [3, '131313', 'secondary', 'sponsored-academy'],
      [4, '141414', 'special', 'maintained'],
      [5, '151515', 'pru', 'maintained'],
      [6, '161616', 'secondary', 'academy-converter'],
      [7, '171717', 'primary', 'maintained'],
      [8, '181818', 'all-through', 'free-school'],
      [9, '191919', 'secondary', 'free-school'],
      [10, '202020', 'nursery', 'maintained'],
      [13, '232323', 'primary', 'maintained'],
    ]);
    expect(list.schools[0]).toEqual({ row: 2, urn: '121212', details: { name: 'Ashill VC Primary School', phase: 'primary', type: 'maintained', district: 'Breckland', openedOn: '1990-09-01', pupils: 210 } });
    // The trust, or else the sponsor.
    expect(list.schools[1].details.trust).toBe('Inspiration Trust');
    expect(list.schools[4].details.trust).toBe('Wymondham Trust');
    expect(list.schools[9]).toMatchObject({ urn: '232323', closedOn: '2013-08-31' });
    expect(list.skipped).toEqual([
      { row: 11, urn: '212121', reason: 'Other independent school: not a type of school the register holds' },
      { row: 12, urn: '222222', reason: 'Further education: not a type of school the register holds' },
    ]);
  });

  it('refuses the whole file, listing every row as a spreadsheet numbers it, for a missing URN, an unreadable phase, date or number, or a URN twice', () => {
    const read = () =>
      readSchoolsList(
        giasCsv([
          giasRow({ URN: '121212', EstablishmentName: 'Ashill Primary' }),
          giasRow({ URN: '', EstablishmentName: 'No URN Primary' }),
          giasRow({ URN: '131313', 'PhaseOfEducation (name)': 'Tertiary' }),
          '',
          giasRow({ URN: '141414', OpenDate: '2013/09/01', NumberOfPupils: 'about 200' }),
          giasRow({ URN: '121212', EstablishmentName: 'Ashill again' }),
          giasRow({ URN: '12345', EstablishmentName: 'Short URN' }),
          giasRow({ URN: '151515', 'EstablishmentStatus (name)': 'Closed' }),
          giasRow({ URN: '161616', 'TypeOfEstablishment (name)': 'Community school', 'PhaseOfEducation (name)': 'Not applicable' }),
        ]),
      );
    expect(read).toThrow(SchoolListRefusedError);
    try {
      read();
    } catch (error) {
      expect((error as SchoolListRefusedError).problems).toEqual([
        'row 3: no URN',
        'row 4 (URN 131313): the phase "Tertiary" is not one the register reads (primary, secondary, nursery, all-through)',
        'row 6 (URN 141414): OpenDate "2013/09/01" is not a date (dd-mm-yyyy); NumberOfPupils "about 200" is not a whole number',
        'row 7 (URN 121212): the URN 121212 is already on row 2',
        'row 8 (URN 12345): the URN "12345" is not six digits',
        'row 9 (URN 151515): EstablishmentStatus (name) says Closed, but there is no CloseDate',
        'row 10 (URN 161616): the phase "Not applicable" is not one the register reads (primary, secondary, nursery, all-through)',
      ]);
      expect((error as SchoolListRefusedError).kind).toBe('rule');
    }
    expect(() => readSchoolsList('URN,EstablishmentName\n121212,Ashill\n')).toThrow(/row 1: the header row has no TypeOfEstablishment \(name\), PhaseOfEducation \(name\) column/);
    expect(() => readSchoolsList('')).toThrow(/the file is empty/);
  });
});

describe('the national schools list: what a refresh decides', () => {
  const list = () =>
    readSchoolsList(
      giasCsv([
        giasRow({ URN: '121212', EstablishmentName: 'Ashill VC Primary', 'DistrictAdministrative (name)': 'Breckland', OpenDate: '01-09-1990' }),
        giasRow({ URN: '131313', EstablishmentName: 'Bawdeswell Primary', 'DistrictAdministrative (name)': 'Broadland' }),
        giasRow({ URN: '141414', EstablishmentName: 'Cromer Primary', 'DistrictAdministrative (name)': 'North Norfolk', 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-08-2013' }),
        giasRow({ URN: '151515', EstablishmentName: 'Private Prep', 'TypeOfEstablishment (name)': 'Other independent school' }),
      ]),
    );
  const registered = (urn: string, name: string, district: string): SchoolEvent => ({ type: 'SchoolRegistered', data: { urn, name, phase: 'primary', type: 'maintained', district } });

  it('registers new schools, revises only what changed with the reason the register shows, closes a school the list first says closed', () => {
    const current = new Map<string, CurrentSchool>([
      ['121212', { events: [{ ...registered('121212', 'Ashill Primary', 'Breckland'), data: { ...registered('121212', 'Ashill Primary', 'Breckland').data, openedOn: '1990-09-01' } } as SchoolEvent], revision: 0n }],
      ['131313', { events: [registered('131313', 'Bawdeswell Primary', 'Broadland')], revision: 4n }],
      ['141414', { events: [registered('141414', 'Cromer Primary', 'North Norfolk')], revision: 1n }],
    ]);
    const { appends, report } = planSchoolsListImport(list(), current);
    expect(report).toEqual({ registered: 0, revised: 1, closed: 1, unchanged: 1, skipped: [{ row: 5, urn: '151515', reason: 'Other independent school: not a type of school the register holds' }] });
    expect(appends).toEqual([
      { urn: '121212', expectedRevision: 0n, events: [{ type: 'SchoolDetailsRevised', data: { urn: '121212', changes: { name: 'Ashill VC Primary' }, reason: 'National schools list refreshed' } }] },
      { urn: '141414', expectedRevision: 1n, events: [{ type: 'SchoolClosed', data: { urn: '141414', closedOn: '2013-08-31', reason: 'Closed, as the national schools list says' } }] },
    ]);
    // The same list again, once written: nothing.
    const after = new Map(current);
    for (const a of appends) after.set(a.urn, { events: [...current.get(a.urn)!.events, ...a.events], revision: current.get(a.urn)!.revision! + BigInt(a.events.length) });
    expect(planSchoolsListImport(list(), after)).toMatchObject({ appends: [], report: { registered: 0, revised: 0, closed: 0, unchanged: 3 } });
  });

  it('registers every school of a first import, a closed one registered and closed', () => {
    const { appends, report } = planSchoolsListImport(list(), new Map());
    expect(report).toMatchObject({ registered: 3, revised: 0, closed: 1, unchanged: 0 });
    expect(appends.map((a) => [a.urn, a.expectedRevision, a.events.map((e) => e.type)])).toEqual([
      ['121212', undefined, ['SchoolRegistered']],
      ['131313', undefined, ['SchoolRegistered']],
      ['141414', undefined, ['SchoolRegistered', 'SchoolClosed']],
    ]);
    expect(appends[0].events[0].data).toEqual({ urn: '121212', name: 'Ashill VC Primary', phase: 'primary', type: 'maintained', district: 'Breckland', openedOn: '1990-09-01' });
  });
});

describe('a categorisations file', () => {
  const norfolk: ExistingScheme = { exists: true, id: 'norfolk', name: 'Norfolk', kind: 'category', categories: NORFOLK_SCHEME.categories };
  const school = (urn: string, ...more: SchoolEvent[]): CurrentSchool => ({
    events: [{ type: 'SchoolRegistered', data: { urn, name: `School ${urn}`, phase: 'primary', type: 'maintained' } }, ...more],
    revision: BigInt(more.length),
  });
  const defaults = { categorisedOn: '2013-09-01', reason: 'Autumn review', today: '2013-11-21' };

  it('reads URN, Category, Reason and CategorisedOn in any order and case, Reason and the day optional', () => {
    expect(readCategorisationsCsv('\uFEFFcategory,urn,Categorised On,reason\nA4,121212,01-10-2013,Special measures\nE2,131313,,\n\n')).toEqual([
      { row: 2, urn: '121212', category: 'A4', reason: 'Special measures', categorisedOn: '2013-10-01' },
      { row: 3, urn: '131313', category: 'E2' },
    ]);
    expect(() => readCategorisationsCsv('URN,Category\n121212,\n,B3\n131313,A4\n')).toThrow(/row 2 \(URN 121212\): no Category; row 3: no URN/);
    expect(() => readCategorisationsCsv('URN,Code\n121212,A4\n')).toThrow(/row 1: the header row has no Category column/);
  });

  it('categorises through the decider, with the previous code, and leaves a category already held from the same day unchanged', () => {
    const current = new Map([
      ['121212', school('121212', { type: 'SchoolCategorised', data: { urn: '121212', scheme: 'norfolk', category: 'B3', categorisedOn: '2013-09-01', reason: 'x' } })],
      ['131313', school('131313')],
    ]);
    const rows = readCategorisationsCsv('URN,Category,CategorisedOn\n121212,B3,2013-09-01\n121212,A4,2013-10-01\n131313,E2,\n');
    const { appends, categorised, unchanged } = planCategorisationImport(rows, norfolk, defaults, current);
    expect({ categorised, unchanged }).toEqual({ categorised: 2, unchanged: 1 });
    expect(appends).toEqual([
      { urn: '121212', expectedRevision: 1n, events: [{ type: 'SchoolCategorised', data: { urn: '121212', scheme: 'norfolk', category: 'A4', previous: 'B3', categorisedOn: '2013-10-01', reason: 'Autumn review' } }] },
      { urn: '131313', expectedRevision: 0n, events: [{ type: 'SchoolCategorised', data: { urn: '131313', scheme: 'norfolk', category: 'E2', categorisedOn: '2013-09-01', reason: 'Autumn review' } }] },
    ]);
    // The same category from another day is a new categorisation (a termly review is a decision).
    expect(planCategorisationImport(readCategorisationsCsv('URN,Category\n121212,B3\n'), norfolk, { ...defaults, categorisedOn: '2013-11-01' }, current).categorised).toBe(1);
  });

  it('refuses the whole file, rows named, for an unknown URN or code, a day to come, a missing reason or a closed school', () => {
    const current = new Map([
      ['121212', school('121212')],
      ['141414', school('141414', { type: 'SchoolClosed', data: { urn: '141414', closedOn: '2013-08-31', reason: 'Closed' } })],
    ]);
    const rows = readCategorisationsCsv('URN,Category,CategorisedOn\n999999,A4,\n121212,Z9,\n121212,A4,2014-01-01\n141414,A4,\n121212,B3,\n');
    const plan = () => planCategorisationImport(rows, norfolk, { categorisedOn: '2013-09-01', today: '2013-11-21' }, current);
    expect(plan).toThrow(SchoolListRefusedError);
    try {
      plan();
    } catch (error) {
      expect((error as SchoolListRefusedError).problems).toEqual([
        'row 2 (URN 999999): there is no school with URN 999999 in the register; no Reason: give one in the file, or ?reason= for every row',
        'row 3 (URN 121212): "Z9" is not a category of Norfolk (A4, B3, C3, D1-3, E1, E2, F1); no Reason: give one in the file, or ?reason= for every row',
        'row 4 (URN 121212): 2014-01-01 has not come yet: a category takes effect on a day that has come; no Reason: give one in the file, or ?reason= for every row',
        'row 5 (URN 141414): no Reason: give one in the file, or ?reason= for every row',
        'row 6 (URN 121212): no Reason: give one in the file, or ?reason= for every row',
      ]);
    }
    expect(() => planCategorisationImport(readCategorisationsCsv('URN,Category\n141414,A4\n'), norfolk, defaults, current)).toThrow(/row 2 \(URN 141414\): The school with URN 141414 is closed/);
    // A stage scheme is not a category scheme: the decider says so.
    const essex: ExistingScheme = { exists: true, id: 'essex-stages', name: 'Essex', kind: 'intervention-stage', categories: ESSEX_STAGES.categories };
    expect(() => planCategorisationImport(readCategorisationsCsv('URN,Category\n121212,3\n'), essex, defaults, current)).toThrow(SchoolListRefusedError);
  });
});
