/**
 * The statuses of an action as the plans define them, and their words. Part of the
 * contract: the API and the web board both compile this file, so there is one copy.
 */

/** RAG ratings of an action in progress. */
export const RAG_COLOURS = ['G', 'A', 'R'] as const;
export type Rag = (typeof RAG_COLOURS)[number];

/**
 * W not started, G/A/R in progress, B completed (the plans' Blue), and withdrawn:
 * out of the counts, still in the history.
 */
export const ACTION_STATUSES = ['W', 'G', 'A', 'R', 'B', 'withdrawn'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type CountedStatus = Exclude<ActionStatus, 'withdrawn'>;

/** The statuses a board counts, in the order it shows them. */
export const COUNTED_STATUSES: readonly CountedStatus[] = ['W', 'G', 'A', 'R', 'B'];

export const STATUS_LABELS: Record<ActionStatus, string> = {
  W: 'Not started',
  G: 'On track',
  A: 'Not on track, recovery plan in place',
  R: 'Off track, needs attention',
  B: 'Completed',
  withdrawn: 'Withdrawn',
};

/** How worrying a status is, for ordering exceptions and movements: Red first. */
export const STATUS_SEVERITY: Record<ActionStatus, number> = { R: 0, A: 1, G: 2, W: 3, B: 4, withdrawn: 5 };

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAG_COLOURS as readonly string[]).includes(value);
}

export function isInProgress(status: ActionStatus): status is Rag {
  return isRag(status);
}

export const isStatus = (value: unknown): value is ActionStatus =>
  typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);

/** The letter a chip shows; withdrawn actions show a dash. */
export const statusLetter = (status: ActionStatus): string => (status === 'withdrawn' ? '–' : status);

/** "R: Off track, needs attention", as the board announces a status. */
export const statusText = (status: ActionStatus): string => `${statusLetter(status)}: ${STATUS_LABELS[status]}`;
