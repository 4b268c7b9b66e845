/** RAG ratings of an action in progress, as the plans define them. */
export const RAG_COLOURS = ['G', 'A', 'R'] as const;
export type Rag = (typeof RAG_COLOURS)[number];

/**
 * W not started, G/A/R in progress, B completed (the plans' Blue), and withdrawn:
 * out of the counts, still in the history.
 */
export const ACTION_STATUSES = ['W', 'G', 'A', 'R', 'B', 'withdrawn'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type CountedStatus = Exclude<ActionStatus, 'withdrawn'>;

export const STATUS_LABELS: Record<ActionStatus, string> = {
  W: 'Not started',
  G: 'On track',
  A: 'Not on track, recovery plan in place',
  R: 'Off track, needs attention',
  B: 'Completed',
  withdrawn: 'Withdrawn',
};

export function isRag(value: unknown): value is Rag {
  return typeof value === 'string' && (RAG_COLOURS as readonly string[]).includes(value);
}

export function isInProgress(status: ActionStatus): status is Rag {
  return isRag(status);
}

/** How worrying a status is, for ordering exceptions and movements: Red first. */
export const STATUS_SEVERITY: Record<ActionStatus, number> = { R: 0, A: 1, G: 2, W: 3, B: 4, withdrawn: 5 };
