/**
 * Dates as English councils write them, in UK time whatever the browser's zone.
 * No imports: unit-tested under Node too.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DAY_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London',
});

/** '2013-12-31' -> '31 Dec 2013'. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return DAY.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** An ISO instant -> '21 Nov 2013, 09:00' (UK time). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DAY_TIME.format(date);
}

/** The day an as-of date picker shows for an instant: its UK calendar day. */
export function ukDay(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' }).format(new Date(iso));
  return parts;
}

/**
 * Whether an event at `at` (an ISO instant) had happened by the end of `asOf`: a date is a
 * UK calendar day, as the API reads it, so 00:30 BST on 16 June (23:30 UTC on the 15th) is
 * not in 15 June; a date-time is that instant.
 */
export function happenedBy(at: string, asOf: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return ukDay(at) <= asOf;
  const end = new Date(asOf).getTime();
  return Number.isNaN(end) || new Date(at).getTime() <= end;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
