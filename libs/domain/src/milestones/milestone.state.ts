import type { MilestoneDetails, MilestoneEvent, MilestoneOutcome } from './milestone.events';

export type ExistingMilestone = MilestoneDetails & {
  exists: true;
  id: string;
  planId: string;
  /** The latest assessment, if any. */
  assessment?: { outcome: MilestoneOutcome; reason: string };
};

export type MilestoneState = { exists: false } | ExistingMilestone;

export const initialMilestoneState = (): MilestoneState => ({ exists: false });

export function evolveMilestone(state: MilestoneState, event: MilestoneEvent): MilestoneState {
  if (event.type === 'MilestoneSet') {
    const { milestoneId, ...rest } = event.data;
    return { exists: true, id: milestoneId, ...rest };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'MilestoneRevised':
      return { ...state, ...event.data.changes };
    case 'MilestoneAssessed':
      return { ...state, assessment: { outcome: event.data.outcome, reason: event.data.reason } };
    default:
      return state;
  }
}

/**
 * Due and not assessed on a day (YYYY-MM-DD): an exception for the board, like an overdue
 * action. Due means its day has passed (as an action's target date); any assessment answers it.
 */
export function isMilestoneUnassessedOn(milestone: { date: string; assessment?: unknown | null }, day: string): boolean {
  return !milestone.assessment && milestone.date < day;
}
