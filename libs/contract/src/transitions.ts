import type { ActionStatus } from './status.js';

/** The changes a person can make to an action, by what the change does. */
export const ACTION_CHANGES = [
  'start',
  'changeRag',
  'reopen',
  'noteProgress',
  'reviseTargetDate',
  'complete',
  'reassignOwners',
  'reviseDetails',
  'withdraw',
  /** Adding, completing, reopening and revising the action's steps. */
  'updateSteps',
] as const;
export type ActionChange = (typeof ACTION_CHANGES)[number];

const IN_PROGRESS: readonly ActionChange[] = ['changeRag', 'noteProgress', 'reviseTargetDate', 'complete', 'reassignOwners', 'reviseDetails', 'withdraw', 'updateSteps'];

/**
 * The changes the rules allow from each status: W -> G/A/R (start) -> B (complete),
 * B -> G/A/R (reopen), and nothing once withdrawn (its steps neither). A completed action keeps its target date.
 */
export const ALLOWED_CHANGES: Record<ActionStatus, readonly ActionChange[]> = {
  W: ['start', 'noteProgress', 'reviseTargetDate', 'complete', 'reassignOwners', 'reviseDetails', 'withdraw', 'updateSteps'],
  G: IN_PROGRESS,
  A: IN_PROGRESS,
  R: IN_PROGRESS,
  // A completed action's steps may still be brought up to date (a plan's record of what was done).
  B: ['reopen', 'noteProgress', 'reassignOwners', 'reviseDetails', 'withdraw', 'updateSteps'],
  withdrawn: [],
};

export const mayChange = (status: ActionStatus, change: ActionChange): boolean => ALLOWED_CHANGES[status].includes(change);
