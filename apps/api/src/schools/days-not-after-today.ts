import { BadRequestException } from '@nestjs/common';
import { dayOf } from '@rag-ledger/domain';
import type { Clock } from '../common/clock';

/**
 * The register records what has happened: a day that has not come yet (in the UK) is a
 * mistake in the form, refused with a 400 naming the field. The rules themselves do not know
 * today; the API does.
 */
export function refuseDaysAfterToday(clock: Clock, days: Record<string, string | undefined>): void {
  const today = dayOf(clock.now());
  const problems = Object.entries(days)
    .filter(([, day]) => day !== undefined && day > today)
    .map(([field, day]) => `${field} (${day}) is after today (${today}): the register records what has happened`);
  if (problems.length > 0) throw new BadRequestException(problems);
}

/** Today, in the UK: the day a change marked "default today" took effect when none is given. */
export const todayIn = (clock: Clock): string => dayOf(clock.now());
