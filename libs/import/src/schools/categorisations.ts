import { parse } from 'csv-parse/sync';
import {
  categoryOfScheme,
  DomainError,
  foldEvents,
  schoolDecider,
  schoolStateOn,
  type ExistingScheme,
  type SchoolEvent,
  type SchoolState,
} from '@rag-ledger/domain';
import { SchoolListRefusedError } from './school-import-errors';
import { readListDay } from './schools-list';
import type { CurrentSchool, SchoolAppend } from './schools-list-import';

/** The columns of a categorisations file, in any order after a header row (case aside); Reason and CategorisedOn may be left out. */
export const CATEGORISATION_COLUMNS = ['URN', 'Category', 'Reason', 'CategorisedOn'] as const;
export const MAX_CATEGORISATION_ROWS = 20_000;

export interface CategorisationRow {
  row: number;
  urn: string;
  category: string;
  reason?: string;
  categorisedOn?: string;
}

const what = 'The categorisations';
const tidy = (cell: string | undefined): string | undefined => {
  const text = (cell ?? '').trim().replace(/\s+/g, ' ');
  return text === '' ? undefined : text;
};

/** Reads `URN,Category[,Reason][,CategorisedOn]`: a row with no URN or category, or a day that is none, refuses the file (rows as a spreadsheet numbers them). */
export function readCategorisationsCsv(input: string): CategorisationRow[] {
  let records: string[][];
  try {
    records = parse(input, { bom: true, relax_column_count: true, skip_empty_lines: false, to: MAX_CATEGORISATION_ROWS + 1 });
  } catch (error) {
    throw new SchoolListRefusedError([`the CSV is malformed: ${(error as Error).message}`], what);
  }
  const [header, ...rows] = records;
  const at = new Map((header ?? []).map((name, i) => [name.trim().toLowerCase().replace(/[\s_]+/g, ''), i]));
  const missing = ['urn', 'category'].filter((column) => !at.has(column));
  if (missing.length > 0) throw new SchoolListRefusedError([`row 1: the header row has no ${missing.map((m) => (m === 'urn' ? 'URN' : 'Category')).join(' or ')} column (the columns are ${CATEGORISATION_COLUMNS.join(', ')})`], what);
  if (rows.length > MAX_CATEGORISATION_ROWS) throw new SchoolListRefusedError([`the file has more than ${MAX_CATEGORISATION_ROWS.toLocaleString('en-GB')} rows`], what);
  const cell = (record: string[], column: string) => (at.has(column) ? tidy(record[at.get(column)!]) : undefined);
  const problems: string[] = [];
  const read: CategorisationRow[] = [];
  rows.forEach((record, i) => {
    const row = i + 2;
    if (record.every((value) => tidy(value) === undefined)) return;
    const urn = cell(record, 'urn');
    const category = cell(record, 'category');
    const reason = cell(record, 'reason');
    const dayText = cell(record, 'categorisedon');
    const categorisedOn = dayText === undefined ? undefined : readListDay(dayText);
    const found = [
      ...(urn === undefined ? ['no URN'] : []),
      ...(category === undefined ? ['no Category'] : []),
      ...(dayText !== undefined && categorisedOn === undefined ? [`CategorisedOn "${dayText}" is not a date (YYYY-MM-DD or dd-mm-yyyy)`] : []),
    ];
    if (found.length > 0) problems.push(`row ${row}${urn ? ` (URN ${urn})` : ''}: ${found.join('; ')}`);
    else read.push({ row, urn: urn!, category: category!, ...(reason !== undefined ? { reason } : {}), ...(categorisedOn !== undefined ? { categorisedOn } : {}) });
  });
  if (problems.length > 0) throw new SchoolListRefusedError(problems, what);
  return read;
}

export interface CategorisationDefaults {
  /** The day a row without its own CategorisedOn took effect. */
  categorisedOn: string;
  /** The reason a row without its own is recorded with; none: every row needs its own. */
  reason?: string;
  /** Today (UK): a categorisation cannot take effect on a day that has not come. */
  today: string;
}

/**
 * Decides the categorisations a file records in one category scheme, through the school
 * decider's rules. A row repeating the category the school already held from that same day is
 * unchanged (so importing the same file twice writes nothing); an unknown URN, a code the
 * scheme does not list, a day to come, a closed school or a missing reason refuses the file.
 */
export function planCategorisationImport(
  rows: readonly CategorisationRow[],
  scheme: ExistingScheme,
  defaults: CategorisationDefaults,
  current: ReadonlyMap<string, CurrentSchool>,
): { appends: SchoolAppend[]; categorised: number; unchanged: number } {
  const problems: string[] = [];
  const pending = new Map<string, { known: CurrentSchool; events: SchoolEvent[]; state: SchoolState }>();
  let categorised = 0;
  let unchanged = 0;
  for (const row of rows) {
    const known = current.get(row.urn);
    const entry = pending.get(row.urn) ?? (known && { known, events: [], state: foldEvents(schoolDecider, known.events) });
    const categorisedOn = row.categorisedOn ?? defaults.categorisedOn;
    const reason = row.reason ?? defaults.reason;
    const found: string[] = [];
    if (!entry || !entry.state.exists) found.push(`there is no school with URN ${row.urn} in the register`);
    if (!categoryOfScheme(scheme, row.category)) found.push(`"${row.category}" is not a category of ${scheme.name} (${scheme.categories.map((c) => c.code).join(', ')})`);
    if (categorisedOn > defaults.today) found.push(`${categorisedOn} has not come yet: a category takes effect on a day that has come`);
    if (reason === undefined) found.push('no Reason: give one in the file, or ?reason= for every row');
    if (found.length > 0 || !entry) {
      problems.push(`row ${row.row} (URN ${row.urn}): ${found.join('; ')}`);
      continue;
    }
    // Already held from that day (as the register stood on it): the same file again changes nothing.
    const held = schoolStateOn([...entry.known.events, ...entry.events], categorisedOn);
    const same = held.exists && held.categories[scheme.id]?.code === row.category && held.categories[scheme.id]?.since === categorisedOn;
    if (same) {
      unchanged++;
      continue;
    }
    try {
      const decided = schoolDecider.decide({ type: 'CategoriseSchool', data: { urn: row.urn, scheme: scheme.id, category: row.category, categorisedOn, reason: reason! }, scheme }, entry.state);
      entry.events.push(...decided);
      entry.state = decided.reduce(schoolDecider.evolve, entry.state);
      pending.set(row.urn, entry);
      categorised++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(`row ${row.row} (URN ${row.urn}): ${error.message}`);
    }
  }
  if (problems.length > 0) throw new SchoolListRefusedError(problems, what);
  const appends = [...pending.entries()].filter(([, e]) => e.events.length > 0).map(([urn, e]) => ({ urn, expectedRevision: e.known.revision, events: e.events }));
  return { appends, categorised, unchanged };
}
