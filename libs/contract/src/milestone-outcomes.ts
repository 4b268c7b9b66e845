/**
 * How a milestone is assessed, and the words for each: one list for the rules, the API's
 * validation, the audit trail's sentences and the board's form.
 */
export const MILESTONE_OUTCOMES = ['met', 'partly-met', 'not-met'] as const;
export type MilestoneOutcome = (typeof MILESTONE_OUTCOMES)[number];

export const MILESTONE_OUTCOME_LABELS: Record<MilestoneOutcome, string> = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met' };

export const isMilestoneOutcome = (value: unknown): value is MilestoneOutcome => typeof value === 'string' && (MILESTONE_OUTCOMES as readonly string[]).includes(value);
