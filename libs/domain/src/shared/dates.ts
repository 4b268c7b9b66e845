/** An ISO calendar date, YYYY-MM-DD, that exists in the calendar. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// English councils work to UK time: an action due on 31 March is overdue from
// midnight in London, summer time included.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in the UK of an instant, as YYYY-MM-DD. */
export function dayOf(instant: Date): string {
  return LONDON_DAY.format(instant);
}
