import { dayOf } from '../shared/dates';
import type { ActionStatus } from '../shared/status';

type Judged = { status: ActionStatus; targetDate?: string | null };

/** Overdue: not completed, not withdrawn, and the target date is before the day judged (YYYY-MM-DD). */
export function isOverdueOn(action: Judged, day: string): boolean {
  if (action.status === 'B' || action.status === 'withdrawn' || !action.targetDate) return false;
  return action.targetDate < day;
}

/** Overdue at an instant, judged on its calendar day in the UK. */
export function isOverdue(action: Judged, asOf: Date): boolean {
  return isOverdueOn(action, dayOf(asOf));
}
