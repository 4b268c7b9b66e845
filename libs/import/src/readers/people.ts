import { parse } from 'csv-parse/sync';
import { foldInitials, isValidEmail, isValidInitials, normaliseLookalikes } from '@rag-ledger/domain';
import { ImportFileError } from '../import-file';

/** One person of a list, with the line of the file it was read from (for the problems a refusal names). */
export interface ImportedPerson {
  line: number;
  initials: string;
  name: string;
  jobTitle?: string;
  email?: string;
}

/** The CSV's columns, in any order after a header row; other columns are ignored. */
export const PEOPLE_CSV_COLUMNS = ['initials', 'name', 'job_title', 'email'] as const;

/** At most this many people in one list: a council's directory, with room to spare. */
export const MAX_PEOPLE_ROWS = 5000;

const tidy = (cell: string | undefined): string | undefined => {
  const text = (cell ?? '').trim().replace(/\s+/g, ' ');
  return text === '' ? undefined : text;
};

/**
 * The checks of one row that the file itself can fail, each with its line; the directory's own
 * rules (initials or an email already somebody else's) are the ImportPeople command's.
 */
function checked(rows: ImportedPerson[], problems: string[]): ImportedPerson[] {
  const initialsAt = new Map<string, number>();
  const emailAt = new Map<string, number>();
  for (const row of rows) {
    const folded = foldInitials(row.initials);
    if (!isValidInitials(folded)) {
      problems.push(`line ${row.line}: "${row.initials}" are not initials as the plans print them: a capital letter, then up to seven letters (such as "CS" or "AMcK")`);
    } else if (initialsAt.has(folded)) {
      problems.push(`line ${row.line}: the initials "${row.initials}" are already on line ${initialsAt.get(folded)}: each person needs their own`);
    } else initialsAt.set(folded, row.line);
    if (row.email !== undefined) {
      const email = row.email.toLowerCase();
      if (!isValidEmail(email)) problems.push(`line ${row.line}: "${row.email}" is not an email address`);
      else if (emailAt.has(email)) problems.push(`line ${row.line}: the email "${row.email}" is already on line ${emailAt.get(email)}`);
      else emailAt.set(email, row.line);
    }
  }
  if (rows.length > MAX_PEOPLE_ROWS) problems.push(`the list has ${rows.length} people; one import takes at most ${MAX_PEOPLE_ROWS}`);
  if (problems.length > 0) throw new ImportFileError(problems);
  return rows;
}

/**
 * A CSV of people as Excel saves it (UTF-8, with or without BOM): a header row naming the
 * columns `initials, name, job_title, email` (job_title and email may be blank), one person a row.
 */
export function readPeopleCsv(input: string): ImportedPerson[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(input, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      to: MAX_PEOPLE_ROWS + 1,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError([`${line ? `line ${line}: ` : ''}the CSV is malformed: ${(error as Error).message}`]);
  }
  if (records.length === 0) throw new ImportFileError(['the CSV has no people: a header row (initials, name, job_title, email), then one person a row']);
  const header = Object.keys(records[0].record);
  const missing = ['initials', 'name'].filter((column) => !header.includes(column));
  if (missing.length > 0) throw new ImportFileError([`line 1: the header row has no ${missing.join(' or ')} column (the columns are ${PEOPLE_CSV_COLUMNS.join(', ')})`]);
  const problems: string[] = [];
  const rows: ImportedPerson[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const initials = tidy(record.initials);
    const name = tidy(record.name);
    if (initials === undefined || name === undefined) {
      // A row with nothing in it at all (Excel leaves some with commas only) is no person.
      if (Object.values(record).every((cell) => tidy(cell) === undefined)) continue;
      problems.push(`line ${line}: ${initials === undefined ? 'no initials' : 'no name'}`);
      continue;
    }
    const jobTitle = tidy(record.job_title);
    const email = tidy(record.email);
    rows.push({ line, initials, name, ...(jobTitle !== undefined ? { jobTitle } : {}), ...(email !== undefined ? { email } : {}) });
  }
  return checked(rows, problems);
}

/** The capital letters a name's words begin with, as initials are made: "Mary Jane Edwards" MJE, "McKay" MK. */
const capitals = (text: string): string => normaliseLookalikes(text).replace(/[^A-Z]/g, '');

/**
 * Splits "Chris Snudden Head of Education Achievement Service" into the name and the job title,
 * knowing the initials "CS": the name is the shortest run of words whose capitals spell them
 * (initials with one capital, such as "Sp", are spelt by all their letters).
 */
export function splitNameAndTitle(initials: string, words: string[]): { name: string; jobTitle?: string } | undefined {
  const folded = foldInitials(initials);
  const target = capitals(folded).length > 1 ? capitals(folded) : folded.toUpperCase();
  let spelt = '';
  for (let i = 0; i < words.length; i++) {
    spelt += capitals(words[i]);
    if (spelt === target) {
      const jobTitle = words.slice(i + 1).join(' ');
      return { name: words.slice(0, i + 1).join(' '), ...(jobTitle !== '' ? { jobTitle } : {}) };
    }
    if (!target.startsWith(spelt)) return undefined;
  }
  return undefined;
}

/**
 * The glossary of initials the real plans print (Norfolk's education plan, 2013):
 *
 *   Glossary
 *   Initials  Name  Job Title
 *   CS  Chris Snudden  Head of Education Achievement Service
 *
 * one person a line, the columns separated by tabs (as copied from the document) or by spaces
 * alone (as the plan prints them; the name is then told from the job title by the initials'
 * letters). The title and header lines are skipped, and reading stops at "Acronyms", which
 * follows the people in the plans.
 */
export function readGlossary(input: string): ImportedPerson[] {
  const problems: string[] = [];
  const rows: ImportedPerson[] = [];
  const lines = input.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const text = raw.trim();
    if (text === '') continue;
    const plain = text.replace(/\s+/g, ' ');
    if (/^glossary( of initials)?:?$/i.test(plain) || /^initials name( job title)?$/i.test(plain)) continue;
    if (/^acronyms\b/i.test(plain)) break;
    const cells = raw.includes('\t') ? raw.split('\t').map((c) => c.trim().replace(/\s+/g, ' ')).filter(Boolean) : [];
    if (cells.length >= 2) {
      const jobTitle = cells.slice(2).join(' ');
      rows.push({ line, initials: cells[0], name: cells[1], ...(jobTitle !== '' ? { jobTitle } : {}) });
      continue;
    }
    const [initials, ...words] = plain.split(' ');
    const split = splitNameAndTitle(initials, words);
    if (!split) {
      problems.push(`line ${line}: cannot tell the name from the job title in "${plain}": the name's words should begin with the letters of the initials "${initials}"`);
      continue;
    }
    rows.push({ line, initials, ...split });
  }
  if (rows.length === 0 && problems.length === 0) throw new ImportFileError(['the glossary has no people: one a line, initials, name, then job title']);
  return checked(rows, problems);
}
