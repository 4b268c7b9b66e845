/**
 * Turns from/to query values (a date or a date-time) into inclusive ISO instants
 * that compare as strings with the events' `at`: a date `to` covers its whole day.
 */
export function toInstantBounds(from?: string, to?: string): { from?: string; to?: string } {
  const bounds: { from?: string; to?: string } = {};
  if (from !== undefined) bounds.from = new Date(isDateOnly(from) ? `${from}T00:00:00.000Z` : from).toISOString();
  if (to !== undefined) bounds.to = new Date(isDateOnly(to) ? `${to}T23:59:59.999Z` : to).toISOString();
  return bounds;
}

const isDateOnly = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
