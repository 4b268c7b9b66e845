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
] as const;
export type ActionChange = (typeof ACTION_CHANGES)[number];

const IN_PROGRESS: readonly ActionChange[] = ['changeRag', 'noteProgress', 'reviseTargetDate', 'complete', 'reassignOwners', 'reviseDetails', 'withdraw'];

/**
 * The changes the rules allow from each status: W -> G/A/R (start) -> B (complete),
 * B -> G/A/R (reopen), and nothing once withdrawn. A completed action keeps its target date.
 */
export const ALLOWED_CHANGES: Record<ActionStatus, readonly ActionChange[]> = {
  W: ['start', 'noteProgress', 'reviseTargetDate', 'complete', 'reassignOwners', 'reviseDetails', 'withdraw'],
  G: IN_PROGRESS,
  A: IN_PROGRESS,
  R: IN_PROGRESS,
  B: ['reopen', 'noteProgress', 'reassignOwners', 'reviseDetails', 'withdraw'],
  withdrawn: [],
};

export const mayChange = (status: ActionStatus, change: ActionChange): boolean => ALLOWED_CHANGES[status].includes(change);
