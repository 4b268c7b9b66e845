// First pass of parsePlanDate: turns a printed target-date cell into a flat list of
// items (dates, keywords, leftovers). It never decides what the cell *means*; plan-date.ts
// does that, so the two concerns (reading vs interpreting) can be tested and changed apart.

/** A date as printed: `d` is absent for month-only dates ("Dec 2013"). */
export interface CalDate {
  y: number;
  m: number; // 1-12
  d?: number;
}

export type Item =
  | { k: 'date'; date: CalDate; printed: string }
  | { k: 'from' | 'by' | 'to' | 'dash' | 'sep' | 'immediate' }
  | { k: 'recur'; text: string }
  | { k: 'ignored'; text: string }
  | { k: 'problem'; text: string };

export interface Scan {
  items: Item[];
  warnings: string[];
}

interface Tok {
  kind: 'numdate' | 'num' | 'word' | 'dash' | 'sep' | 'other';
  v: string;
  glued: boolean; // no whitespace before it: tells "Oct-13" (a date) from "Oct 2013 -" (open)
}

// Order matters: numeric dates before plain numbers; ordinal suffixes ("1st") are
// swallowed only when no letter follows, so "6mths" still reads as 6 + "mths".
const TOKEN =
  /(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d))|(\d+)(?:(?:st|nd|rd|th)(?![a-z]))?|([a-z]+(?:-[a-z]+)*)|([-\u2013\u2014])|([/,&;+])|(\S)/gi;

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** Month by prefix of at least 3 letters, so typos like "Marc" and "Octo" still read. */
export function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((name) => name.startsWith(w));
  return i < 0 ? undefined : i + 1;
}

const KEYWORDS: Record<string, Item['k']> = {
  by: 'by', before: 'by',
  from: 'from', start: 'from', starting: 'from', commencing: 'from',
  to: 'to', until: 'to', till: 'to',
  and: 'sep', or: 'sep', then: 'sep',
  immediate: 'immediate', immediately: 'immediate', asap: 'immediate',
};
const RECURRENCES = new Set([
  'weekly', 'fortnightly', 'monthly', 'bi-monthly', 'bimonthly', 'quarterly',
  'termly', 'half-termly', 'six-monthly', 'annually', 'yearly',
]);
const UNITS: Record<string, string> = {
  wk: 'weeks', wks: 'weeks', week: 'weeks', weeks: 'weeks',
  m: 'months', mth: 'months', mths: 'months', mnths: 'months', month: 'months', months: 'months',
  term: 'terms', terms: 'terms', yr: 'years', yrs: 'years', year: 'years', years: 'years',
};

function tokenise(text: string): Tok[] {
  const toks: Tok[] = [];
  let end = -1;
  for (const m of text.matchAll(TOKEN)) {
    const kind = m[1] ? 'numdate' : m[2] ? 'num' : m[3] ? 'word' : m[4] ? 'dash' : m[5] ? 'sep' : 'other';
    toks.push({ kind, v: m[2] ?? m[0], glued: m.index === end });
    end = m.index + m[0].length;
  }
  return toks;
}

/** Two-digit years are 20xx; a 4-digit year outside 2000-2099 is read as the one adjacent
 *  digit swap that lands inside it ("2103" -> 2013), with a warning, or rejected. */
function readYear(v: string, warnings: string[]): number | string {
  if (v.length === 2) return 2000 + Number(v);
  const y = Number(v);
  if (v.length !== 4) return `year '${v}' is not 2 or 4 digits`;
  if (y >= 2000 && y <= 2099) return y;
  const swaps = [0, 1, 2]
    .map((i) => Number(v.slice(0, i) + v[i + 1] + v[i] + v.slice(i + 2)))
    .filter((s) => s >= 2000 && s <= 2099);
  if (swaps.length !== 1) return `year '${v}' is out of range`;
  warnings.push(`year '${v}' read as ${swaps[0]} (digits swapped)`);
  return swaps[0];
}

/** Length in tokens of a year at toks[j]: "Oct 13", "Dec13", "Oct-13" (dash glued on both sides). */
function yearLength(toks: Tok[], j: number): number {
  const isYear = (t?: Tok) => t?.kind === 'num' && (t.v.length === 2 || t.v.length === 4);
  if (isYear(toks[j])) return 1;
  if (toks[j]?.kind === 'dash' && toks[j].glued && toks[j + 1]?.glued && isYear(toks[j + 1])) return 2;
  return 0;
}

export function scanDate(text: string): Scan {
  const toks = tokenise(text);
  const items: Item[] = [];
  const warnings: string[] = [];
  const pushDate = (from: number, to: number, m: number, d?: number, year?: string) => {
    const printed = toks.slice(from, to).map((t) => t.v).join(' ');
    const y = year === undefined ? NaN : readYear(year, warnings); // NaN: borrowed below
    if (typeof y === 'string') items.push({ k: 'problem', text: `${y} in '${printed}'` });
    else items.push({ k: 'date', date: { y, m, d }, printed });
  };

  for (let i = 0; i < toks.length; ) {
    const t = toks[i];
    const w = t.v.toLowerCase();
    if (t.kind === 'numdate') {
      const [d, m, y] = t.v.split(/[/.]/);
      pushDate(i, i + 1, Number(m), Number(d), y);
      i += 1;
    } else if (t.kind === 'num' && t.v.length <= 2 && toks[i + 1]?.kind === 'word' && monthOf(toks[i + 1].v)) {
      const n = yearLength(toks, i + 2); // "1 July 13", "13 Dec 2013", "21 October"
      pushDate(i, i + 2 + n, monthOf(toks[i + 1].v)!, Number(t.v), n ? toks[i + 1 + n].v : undefined);
      i += 2 + n;
    } else if (t.kind === 'num') {
      items.push({ k: 'problem', text: t.v.length === 4 ? `year '${t.v}' without a month` : `stray number '${t.v}'` });
      i += 1;
    } else if (t.kind === 'word' && monthOf(t.v)) {
      const n = yearLength(toks, i + 1); // "Dec 2013", "Dec13", "Oct-13", or yearless "Oct / Nov 2013"
      pushDate(i, i + 1 + n, monthOf(t.v)!, undefined, n ? toks[i + n].v : undefined);
      i += 1 + n;
    } else if (w === 'every') {
      // "Every 6mths", "every month", "every term"
      const count = toks[i + 1]?.kind === 'num' ? toks[i + 1].v : undefined;
      const unit = UNITS[toks[i + (count ? 2 : 1)]?.v.toLowerCase() ?? ''];
      if (unit) items.push({ k: 'recur', text: count ? `every ${count} ${unit}` : `every ${unit.replace(/s$/, '')}` });
      else items.push({ k: 'problem', text: `cannot read the recurrence after 'every'` });
      i += unit ? (count ? 3 : 2) : 1;
    } else if (t.kind === 'word') {
      if (RECURRENCES.has(w)) items.push({ k: 'recur', text: w });
      else items.push(KEYWORDS[w] ? ({ k: KEYWORDS[w] } as Item) : { k: 'ignored', text: t.v });
      i += 1;
    } else {
      if (t.kind === 'dash' || t.kind === 'sep') items.push({ k: t.kind });
      i += 1; // other punctuation ("Sept.", brackets) carries no meaning here
    }
  }
  return { items: fillYears(items), warnings };
}

/** "Oct / Nov 2013": a yearless month takes the year of the next dated item; if none
 *  follows (e.g. "21 October"), the cell is not readable. Day validity is checked here,
 *  once the year (and so leap years) is known. */
function fillYears(items: Item[]): Item[] {
  let year = NaN;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (it.k !== 'date') continue;
    if (Number.isNaN(it.date.y)) it.date.y = year;
    else year = it.date.y;
    const { y, m, d } = it.date;
    if (Number.isNaN(y)) items[i] = { k: 'problem', text: `no year for '${it.printed}'` };
    else if (m < 1 || m > 12 || (d !== undefined && (d < 1 || d > daysIn(y, m))))
      items[i] = { k: 'problem', text: `no such date '${it.printed}'` };
  }
  return items;
}

export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
