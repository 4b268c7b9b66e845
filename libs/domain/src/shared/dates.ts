/** An ISO calendar date, YYYY-MM-DD, that exists in the calendar. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// English councils work to UK time: an action due on 31 March is overdue from
// midnight in London, summer time included.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** The calendar day in the UK of an instant, as YYYY-MM-DD. */
export function dayOf(instant: Date): string {
  return LONDON_DAY.format(instant);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far UK clocks are ahead of UTC at an instant, in milliseconds: 0 in GMT, one hour in BST. */
export function ukOffsetMs(instant: number): number {
  // Before 1900 (local mean time, then railway time) is no council's business: GMT.
  if (instant < SINCE_1900) return 0;
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const parts = LONDON_CLOCK.formatToParts(new Date(instant));
  const wall = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

const SINCE_1900 = Date.UTC(1900, 0, 1);

/**
 * The instant a UK wall-clock time names, `wall` being that time written as if it were UTC
 * (Date.UTC of its fields). Twice a year it is not one instant: in the hour the clocks skip
 * (01:00-01:59 on the last Sunday of March) it means the instant the same distance after
 * 01:00 GMT, as if the clocks had not yet gone forward; in the hour that happens twice (01:00-01:59 on the
 * last Sunday of October) it means the first, in summer time. Midnight is never either, so
 * a day's start is always exact.
 */
export function ukWallClockToInstant(wall: number): number {
  // The offsets in force a day either side: at most one change falls between them.
  const candidates = [ukOffsetMs(wall - DAY_MS), ukOffsetMs(wall + DAY_MS)]
    .map((offset) => wall - offset)
    .filter((instant) => wall - instant === ukOffsetMs(instant))
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - ukOffsetMs(wall - DAY_MS);
}

/** The calendar date `days` after a calendar date, YYYY-MM-DD (calendar arithmetic: no clock or zone involved). */
export function daysAfter(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day after a calendar date, YYYY-MM-DD. */
export const nextDay = (day: string): string => daysAfter(day, 1);

const wallMidnight = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d); // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written
  return wall.getTime();
};

/** The first instant of a UK calendar day (00:00 UK time), e.g. 2014-06-15 -> 2014-06-14T23:00:00.000Z. */
export function ukDayStart(day: string): Date {
  return new Date(ukWallClockToInstant(wallMidnight(day)));
}

/**
 * The last instant of a UK calendar day (23:59:59.999 UK time), e.g. 2014-06-15 -> 2014-06-15T22:59:59.999Z.
 * The day is 23 hours long when the clocks go forward (30 March 2014) and 25 when they go back (26 October 2014).
 */
export function ukDayEnd(day: string): Date {
  return new Date(ukWallClockToInstant(wallMidnight(day) + DAY_MS) - 1);
}

/**
 * What a date or time a person gives means: a calendar day (in the UK), or an instant.
 * `undefined` when it is neither, as written: the caller says what it expected.
 */
export type DayOrInstant = { day: string } | { instant: Date };

/** The forms accepted, in the words the refusal uses. */
export const DAY_OR_INSTANT_FORMS =
  'a date (2014-01-15) or a date-time (2014-01-15T10:00:00Z, 2014-01-15T10:00:00+01:00, or 2014-01-15T10:00 for UK time)';

// A calendar date; or a date-time: hours and minutes, optional seconds and fraction, an
// optional zone (Z or ±hh:mm). Nothing else: no week (2014-W03) or ordinal (2014-015) dates,
// no basic format (20140115), no hour alone, no decimal comma, and no month or year alone
// (a date means a day; "2014-01" would be a choice between its first and last day).
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Reads a date (a UK calendar day) or a date-time (an instant; without a zone, UK time). */
export function readDayOrInstant(text: unknown): DayOrInstant | undefined {
  if (typeof text !== 'string') return undefined;
  if (isIsoDate(text)) return { day: text };
  const match = DATE_TIME.exec(text);
  if (!match || !isIsoDate(match[1])) return undefined;
  const [, date, hh, mm, ss = '00', fraction = '', zone] = match;
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3)); // finer than a millisecond is dropped
  const wall = wallMidnight(date) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  let at: number;
  if (zone === undefined) at = ukWallClockToInstant(wall);
  else if (zone === 'Z') at = wall;
  else {
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (zh > 23 || zm > 59) return undefined;
    at = wall - (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
  }
  // An offset may carry 9999-12-31 into year 10000 (or 0000-01-01 into year -1), whose ISO
  // text ("+010000-...") no longer compares in order with the log's instants.
  return at < FIRST_INSTANT || at > LAST_INSTANT ? undefined : { instant: new Date(at) };
}

const FIRST_INSTANT = new Date('0000-01-01T00:00:00.000Z').getTime();
const LAST_INSTANT = new Date('9999-12-31T23:59:59.999Z').getTime();

/** An instant as UK wall-clock time with its zone, for people: 2014-06-15T22:59:59.999Z -> "2014-06-15 23:59:59.999 BST". */
export function ukTimeText(instant: Date): string {
  const offset = ukOffsetMs(instant.getTime());
  const wall = new Date(instant.getTime() + offset).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 23)} ${offset === 0 ? 'GMT' : 'BST'}`;
}
