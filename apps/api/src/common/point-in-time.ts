import { dayOf } from '@rag-ledger/domain';
import type { PointInTime } from '@rag-ledger/projections';
import type { Clock } from './clock';

/**
 * The instant a read is about: now, or `asOf`. A date alone means the end of that
 * day, and overdue is judged on that day; a date-time is judged on its UK calendar day.
 */
export function pointInTime(clock: Clock, asOf?: string): PointInTime & { instant: string } {
  if (asOf === undefined) {
    const now = clock.now();
    return { day: dayOf(now), instant: now.toISOString() };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    const instant = `${asOf}T23:59:59.999Z`;
    return { asOf: instant, day: asOf, instant };
  }
  const instant = new Date(asOf).toISOString();
  return { asOf: instant, day: dayOf(new Date(instant)), instant };
}
