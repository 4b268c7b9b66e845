/**
 * Calendar months as the trends name them: "2014-03" in the data, "March 2014" for people.
 * Calendar arithmetic only (no clock or zone), so the API and the web board agree.
 */
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** "2014-03" -> "March 2014". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** "2014-03" -> "Mar 2014": the short form an axis prints. */
export function shortMonthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1].slice(0, 3)} ${year}`;
}

/** The month after: "2014-12" -> "2015-01". */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The last calendar day of a month, YYYY-MM-DD: "2014-02" -> "2014-02-28". */
export function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** Every month from `first` to `last` inclusive (both YYYY-MM); none when `first` is after `last`. */
export function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}
