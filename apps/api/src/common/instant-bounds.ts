import { ukDayEnd, ukDayStart } from '@rag-ledger/domain';
import { requireDayOrInstant } from './day-or-instant';

/**
 * Turns from/to query values (a date or a date-time) into inclusive ISO instants
 * that compare as strings with the events' `at`: a date is a UK calendar day, so a
 * date `from` starts at its 00:00 UK time and a date `to` covers it to 23:59:59.999 UK time.
 */
export function toInstantBounds(from?: string, to?: string): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  if (from !== undefined) bounds.from = startOf('from', from).toISOString();
  if (to !== undefined) bounds.to = endOf('to', to).toISOString();
  return bounds;
}

/** The first instant a date or date-time names: a date's 00:00 UK time. */
export function startOf(parameter: string, value: string): Date {
  const read = requireDayOrInstant(parameter, value);
  return 'day' in read ? ukDayStart(read.day) : read.instant;
}

/** The last instant a date or date-time names: a date's 23:59:59.999 UK time. */
export function endOf(parameter: string, value: string): Date {
  const read = requireDayOrInstant(parameter, value);
  return 'day' in read ? ukDayEnd(read.day) : read.instant;
}
