import { dayOf } from '../shared/dates';
import type { ActionStatus } from '../shared/status';

/** Overdue: not completed, not withdrawn, and the target date is before the day judged. */
export function isOverdue(action: { status: ActionStatus; targetDate?: string | null }, asOf: Date): boolean {
  if (action.status === 'B' || action.status === 'withdrawn' || !action.targetDate) return false;
  return action.targetDate < dayOf(asOf);
}
