import { BadRequestException } from '@nestjs/common';
import type { Period } from '@rag-ledger/projections';
import type { Clock } from './clock';
import { toInstantBounds } from './instant-bounds';
import { pointInTime } from './point-in-time';

/** from/to query values as the period a report covers: dates mean whole days; `to` defaults to now. */
export function periodOf(clock: Clock, from?: string, to?: string): Period {
  const bounds = toInstantBounds(from, to);
  const end = pointInTime(clock, to);
  const period: Period = { to: bounds.to ?? end.instant, toDay: end.day };
  if (bounds.from !== undefined) {
    period.from = bounds.from;
    period.fromDay = pointInTime(clock, from).day;
    if (period.from > period.to) throw new BadRequestException(['from must not be after to']);
  }
  return period;
}
