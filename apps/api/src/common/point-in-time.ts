import { dayOf } from '@rag-ledger/domain';
import type { PointInTime } from '@rag-ledger/projections';
import type { Clock } from './clock';
import { endOf } from './instant-bounds';

/**
 * The instant a read is about: now, or `asOf`. A date alone means the end of that UK
 * day (23:59:59.999 Europe/London), and overdue is judged on that day; a date-time is
 * judged on its UK calendar day. The two always agree: the end of a day is in that day.
 */
export function pointInTime(clock: Clock, asOf?: string, parameter = 'asOf'): PointInTime & { instant: string } {
  if (asOf === undefined) {
    const now = clock.now();
    return { day: dayOf(now), instant: now.toISOString() };
  }
  const end = endOf(parameter, asOf);
  const instant = end.toISOString();
  return { asOf: instant, day: dayOf(end), instant };
}
