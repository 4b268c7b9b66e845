/**
 * The periods a measure's figures are for, as councils write them, and their order.
 *
 * A period is ordered by the day it ends (the figure for it is the newest once that day
 * has passed), not by its text: "2014-12" comes after "2014-Q3", which text order puts
 * the other way round (and "2014-12" before "2014/15"). The days each form spans:
 * - a year, "2014": 1 January to 31 December 2014;
 * - an academic year, "2013/14": 1 September 2013 to 31 August 2014 (the school year,
 *   which is what children's services measure by). A financial year (1 April 2013 to
 *   31 March 2014) is written the same way and cannot be told apart from the text; it is
 *   ordered as the academic year, which differs only against months and quarters of
 *   April to August 2014;
 * - a quarter, "2014-Q3": the calendar quarter, 1 July to 30 September 2014;
 * - a month, "2014-03": 1 to 31 March 2014.
 * Periods that end on the same day put the longer first: "2014", then "2014-Q4", then
 * "2014-12" (the shorter one measured only the latest stretch). Text breaks any other tie,
 * and text that is no period at all (never accepted, so never in a log) sorts before every period.
 */
export interface PeriodSpan {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
}

const day = (year: number, month: number, date: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
/** The last day of a month (1-12). */
const lastDay = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]);

/** The days a period spans, or undefined for text that is not a period. */
export function periodSpan(period: string): PeriodSpan | undefined {
  const match = /^(\d{4})(?:\/(\d{2})|-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(period);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined) return { start: day(year, 9, 1), end: day(year + 1, 8, 31) };
  if (match[3] !== undefined) {
    const lastMonth = Number(match[3]) * 3;
    return { start: day(year, lastMonth - 2, 1), end: day(year, lastMonth, lastDay(year, lastMonth)) };
  }
  if (match[4] !== undefined) {
    const month = Number(match[4]);
    return { start: day(year, month, 1), end: day(year, month, lastDay(year, month)) };
  }
  return { start: day(year, 1, 1), end: day(year, 12, 31) };
}

/** Negative when `a` comes before `b`: by end day, then the longer first, then text. */
export function comparePeriods(a: string, b: string): number {
  const [sa, sb] = [periodSpan(a), periodSpan(b)];
  if (!sa || !sb) return sa ? 1 : sb ? -1 : a < b ? -1 : a > b ? 1 : 0;
  if (sa.end !== sb.end) return sa.end < sb.end ? -1 : 1;
  if (sa.start !== sb.start) return sa.start < sb.start ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A measure's periods, earliest first: the last is the latest period. */
export const periodsInOrder = (periods: Iterable<string>): string[] => [...periods].sort(comparePeriods);
