import { EmptySealError, SealDoesNotContinueError } from './seal.errors';
import type { LogSealedData, SealEvent, SealReason } from './seal.events';
import type { SealState } from './seal.state';

/**
 * SealLog carries what a reader computed (libs/event-store unsealedStretches): the stretches of
 * the log after the last seal, each continuing from the one before. None: nothing new to seal.
 */
/** One stretch as the reader computed it: a LogSealed's data but its reason. */
export type SealStretch = Omit<LogSealedData, 'reason'>;

export type SealCommand = { type: 'SealLog'; data: { stretches: SealStretch[]; reason: SealReason } };

const samePoint = (a: { position: number; hash: string } | null, b: { position: number; hash: string } | null) =>
  a === b || (a !== null && b !== null && a.position === b.position && a.hash === b.hash);

export function decideSeal(command: SealCommand, state: SealState): SealEvent[] {
  const { stretches, reason } = command.data;
  let last = state.last;
  return stretches.map((stretch) => {
    const previous = stretch.previous ?? null;
    if (!samePoint(previous, last)) throw new SealDoesNotContinueError(last, previous);
    if (stretch.events.length === 0 || stretch.position <= (previous?.position ?? 0)) throw new EmptySealError(stretch.position);
    last = { position: stretch.position, hash: stretch.hash };
    return { type: 'LogSealed' as const, data: { position: stretch.position, hash: stretch.hash, previous, events: stretch.events, reason } };
  });
}
