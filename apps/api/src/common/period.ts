import { BadRequestException } from '@nestjs/common';
import { dayOf } from '@rag-ledger/domain';
import type { Period } from '@rag-ledger/projections';
import type { Clock } from './clock';
import { startOf } from './instant-bounds';
import { pointInTime } from './point-in-time';

/** from/to query values as the period a report covers: dates mean whole UK days; `to` defaults to now. */
export function periodOf(clock: Clock, from?: string, to?: string): Period {
  const end = pointInTime(clock, to, 'to');
  const period: Period = { to: end.instant, toDay: end.day };
  if (from !== undefined) {
    const start = startOf('from', from);
    period.from = start.toISOString();
    period.fromDay = dayOf(start);
    if (period.from > period.to) throw new BadRequestException(['from must not be after to']);
  }
  return period;
}
