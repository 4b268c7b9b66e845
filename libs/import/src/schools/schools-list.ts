/**
 * The national schools list as Get Information About Schools (GIAS) extracts it, read into the
 * register's words. The extract's own column names, spelt as it prints them (checked against
 * the published edubasealldata extract's header, e.g. MastodonC/witan.gias all_data.clj's map
 * of CSV labels, and its establishment-types list for the type names):
 *
 *   URN, EstablishmentName, TypeOfEstablishment (name), PhaseOfEducation (name),
 *   DistrictAdministrative (name), Trusts (name), SchoolSponsors (name), OpenDate, CloseDate,
 *   NumberOfPupils, EstablishmentStatus (name)
 *
 * with their `(code)` twins and the hundred other columns ignored. Dates are dd-mm-yyyy (the
 * extract's "dd-MM-uuuu"); the phase and type values are matched as the list spells them,
 * case and spacing aside ("Academy 16-19 converter", "Free schools 16 to 19").
 */
import { parse } from 'csv-parse/sync';
import type { SchoolPhase, SchoolType } from '@rag-ledger/contract';
import { isIsoDate, type SchoolDetails } from '@rag-ledger/domain';
import { SchoolListRefusedError } from './school-import-errors';

export const SCHOOLS_LIST_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  phase: 'PhaseOfEducation (name)',
  district: 'DistrictAdministrative (name)',
  trust: 'Trusts (name)',
  sponsor: 'SchoolSponsors (name)',
  openedOn: 'OpenDate',
  closedOn: 'CloseDate',
  pupils: 'NumberOfPupils',
  status: 'EstablishmentStatus (name)',
} as const;
const REQUIRED_COLUMNS = [SCHOOLS_LIST_COLUMNS.urn, SCHOOLS_LIST_COLUMNS.name, SCHOOLS_LIST_COLUMNS.type, SCHOOLS_LIST_COLUMNS.phase];

/** A council's extract is some hundreds of establishments; the whole of England is some 50,000. */
export const MAX_SCHOOL_LIST_ROWS = 60_000;

/** How a value of the list is compared: case, spacing and "16-19" / "16 to 19" aside. */
const key = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').replace(/16 ?- ?19/g, '16 to 19').trim();
const keyed = <T>(entries: Array<[string, T]>): Map<string, T> => new Map(entries.map(([name, value]) => [key(name), value]));

/** The types of establishment the register holds, and how each is run. */
const TYPES = keyed<SchoolType>([
  ['Community school', 'maintained'],
  ['Voluntary aided school', 'maintained'],
  ['Voluntary controlled school', 'maintained'],
  ['Foundation school', 'maintained'],
  ['Local authority nursery school', 'maintained'],
  ['Community special school', 'maintained'],
  ['Foundation special school', 'maintained'],
  ['Pupil referral unit', 'maintained'],
  ['Academy converter', 'academy-converter'],
  ['Academy special converter', 'academy-converter'],
  ['Academy 16-19 converter', 'academy-converter'],
  ['Academy alternative provision converter', 'academy-converter'],
  ['Academy sponsor led', 'sponsored-academy'],
  ['Academy special sponsor led', 'sponsored-academy'],
  ['Academy alternative provision sponsor led', 'sponsored-academy'],
  ['Academy 16 to 19 sponsor led', 'sponsored-academy'],
  ['Free schools', 'free-school'],
  ['Free schools special', 'free-school'],
  ['Free schools 16 to 19', 'free-school'],
  ['Free schools alternative provision', 'free-school'],
  ['Studio schools', 'free-school'],
  ['University technical college', 'free-school'],
]);

/** Special schools and pupil referral units / alternative provision are told from the type, whatever the phase says. */
const PHASE_BY_TYPE = keyed<SchoolPhase>([
  ['Community special school', 'special'],
  ['Foundation special school', 'special'],
  ['Academy special converter', 'special'],
  ['Academy special sponsor led', 'special'],
  ['Free schools special', 'special'],
  ['Pupil referral unit', 'pru'],
  ['Academy alternative provision converter', 'pru'],
  ['Academy alternative provision sponsor led', 'pru'],
  ['Free schools alternative provision', 'pru'],
]);

const PHASES = keyed<SchoolPhase>([
  ['Primary', 'primary'],
  ['Middle deemed primary', 'primary'],
  ['Secondary', 'secondary'],
  ['Middle deemed secondary', 'secondary'],
  ['16 plus', 'secondary'],
  ['Nursery', 'nursery'],
  ['All-through', 'all-through'],
  ['All through', 'all-through'],
]);

/** One establishment of the list the register holds, with the spreadsheet row it came from. */
export interface SchoolListRow {
  row: number;
  urn: string;
  details: SchoolDetails;
  /** The list says it has closed, on this day. */
  closedOn?: string;
}

/** An establishment of a type the register does not hold (independent, further education...): reported, not an error. */
export interface SkippedEstablishment {
  row: number;
  urn: string;
  reason: string;
}

export interface SchoolsList {
  schools: SchoolListRow[];
  skipped: SkippedEstablishment[];
}

const tidy = (cell: string | undefined): string | undefined => {
  const text = (cell ?? '').trim().replace(/\s+/g, ' ');
  return text === '' ? undefined : text;
};

/** A day as the extract prints it (dd-mm-yyyy; a spreadsheet's dd/mm/yyyy and YYYY-MM-DD too), as YYYY-MM-DD, or undefined if it is none. */
export function readListDay(text: string): string | undefined {
  const uk = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text);
  const day = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
  return isIsoDate(day) ? day : undefined;
}

/**
 * Reads an extract of the national schools list. All or nothing: a row with no URN (or one that
 * is not six digits), no name, a phase or type that cannot be read, a date or a number of pupils
 * that is not one, or a URN given twice, refuses the whole file with every such row listed
 * (numbered as a spreadsheet shows them: the header is row 1). Establishments of other types
 * (independent schools, colleges...) are skipped and reported.
 */
export function readSchoolsList(input: string): SchoolsList {
  let records: string[][];
  try {
    records = parse(input, { bom: true, relax_column_count: true, skip_empty_lines: false, to: MAX_SCHOOL_LIST_ROWS + 1 });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new SchoolListRefusedError([`${line ? `row ${line}: ` : ''}the CSV is malformed: ${(error as Error).message}`]);
  }
  const [header, ...rows] = records;
  if (!header) throw new SchoolListRefusedError(['the file is empty: the national list has a header row (URN, EstablishmentName, ...), then one establishment a row']);
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = REQUIRED_COLUMNS.filter((column) => !at.has(column));
  if (missing.length > 0) throw new SchoolListRefusedError([`row 1: the header row has no ${missing.join(', ')} column (the national list's own column names are needed)`]);
  if (rows.length > MAX_SCHOOL_LIST_ROWS) throw new SchoolListRefusedError([`the file has more than ${MAX_SCHOOL_LIST_ROWS.toLocaleString('en-GB')} establishments`]);
  const cell = (record: string[], column: string) => (at.has(column) ? tidy(record[at.get(column)!]) : undefined);

  const problems: string[] = [];
  const schools: SchoolListRow[] = [];
  const skipped: SkippedEstablishment[] = [];
  const rowOf = new Map<string, number>();
  rows.forEach((record, i) => {
    const row = i + 2;
    // A blank row (or one of commas only, as spreadsheets leave) is no establishment.
    if (record.every((value) => tidy(value) === undefined)) return;
    const found: string[] = [];
    const urn = cell(record, SCHOOLS_LIST_COLUMNS.urn);
    if (urn === undefined) found.push('no URN');
    else if (!/^\d{6}$/.test(urn)) found.push(`the URN "${urn}" is not six digits`);
    else if (rowOf.has(urn)) found.push(`the URN ${urn} is already on row ${rowOf.get(urn)}`);
    const typeName = cell(record, SCHOOLS_LIST_COLUMNS.type);
    const type = typeName === undefined ? undefined : TYPES.get(key(typeName));
    if (typeName === undefined) found.push('no TypeOfEstablishment (name)');
    else if (type === undefined && found.length === 0) {
      // Not a school the council's register holds: reported, and the rest of the row not read.
      skipped.push({ row, urn: urn!, reason: `${typeName}: not a type of school the register holds` });
      rowOf.set(urn!, row);
      return;
    }
    const name = cell(record, SCHOOLS_LIST_COLUMNS.name);
    if (name === undefined) found.push('no EstablishmentName');
    const phaseName = cell(record, SCHOOLS_LIST_COLUMNS.phase);
    const phase = (typeName !== undefined ? PHASE_BY_TYPE.get(key(typeName)) : undefined) ?? (phaseName === undefined ? undefined : PHASES.get(key(phaseName)));
    if (phase === undefined) found.push(phaseName === undefined ? 'no PhaseOfEducation (name)' : `the phase "${phaseName}" is not one the register reads (${[...new Set(PHASES.values())].join(', ')})`);
    const day = (column: string) => {
      const text = cell(record, column);
      if (text === undefined) return undefined;
      const read = readListDay(text);
      if (read === undefined) found.push(`${column} "${text}" is not a date (dd-mm-yyyy)`);
      return read;
    };
    const openedOn = day(SCHOOLS_LIST_COLUMNS.openedOn);
    const closeDay = day(SCHOOLS_LIST_COLUMNS.closedOn);
    const pupilsText = cell(record, SCHOOLS_LIST_COLUMNS.pupils);
    const pupils = pupilsText === undefined ? undefined : /^\d+$/.test(pupilsText) ? Number(pupilsText) : undefined;
    if (pupilsText !== undefined && pupils === undefined) found.push(`NumberOfPupils "${pupilsText}" is not a whole number`);
    const status = cell(record, SCHOOLS_LIST_COLUMNS.status);
    const closed = status !== undefined && key(status) === 'closed';
    if (closed && closeDay === undefined) found.push('EstablishmentStatus (name) says Closed, but there is no CloseDate');
    if (found.length > 0) {
      problems.push(`row ${row}${urn ? ` (URN ${urn})` : ''}: ${found.join('; ')}`);
      return;
    }
    rowOf.set(urn!, row);
    const trust = cell(record, SCHOOLS_LIST_COLUMNS.trust) ?? cell(record, SCHOOLS_LIST_COLUMNS.sponsor);
    const district = cell(record, SCHOOLS_LIST_COLUMNS.district);
    const details: SchoolDetails = {
      name: name!,
      phase: phase!,
      type: type!,
      ...(district !== undefined ? { district } : {}),
      ...(trust !== undefined ? { trust } : {}),
      ...(openedOn !== undefined ? { openedOn } : {}),
      ...(pupils !== undefined ? { pupils } : {}),
    };
    schools.push({ row, urn: urn!, details, ...(closed ? { closedOn: closeDay } : {}) });
  });
  if (problems.length > 0) throw new SchoolListRefusedError(problems);
  return { schools, skipped };
}
