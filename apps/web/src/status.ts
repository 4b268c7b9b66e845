/**
 * The statuses as the plans define them (a copy of libs/domain/src/shared/status.ts,
 * which the browser cannot import; a unit test keeps them equal). No imports.
 */
export type Status = 'W' | 'G' | 'A' | 'R' | 'B' | 'withdrawn';
export type CountedStatus = Exclude<Status, 'withdrawn'>;
export type Rag = 'G' | 'A' | 'R';

export const COUNTED_STATUSES: readonly CountedStatus[] = ['W', 'G', 'A', 'R', 'B'];
export const RAGS: readonly Rag[] = ['G', 'A', 'R'];

export const STATUS_LABELS: Record<Status, string> = {
  W: 'Not started',
  G: 'On track',
  A: 'Not on track, recovery plan in place',
  R: 'Off track, needs attention',
  B: 'Completed',
  withdrawn: 'Withdrawn',
};

/** The letter a chip shows; withdrawn actions show a dash. */
export const statusLetter = (status: Status): string => (status === 'withdrawn' ? '–' : status);

export const isStatus = (value: unknown): value is Status => typeof value === 'string' && value in STATUS_LABELS;

export const statusText = (status: Status): string => `${statusLetter(status)}: ${STATUS_LABELS[status]}`;
