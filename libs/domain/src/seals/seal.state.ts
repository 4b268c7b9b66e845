import type { SealEvent } from './seal.events';

/** The last seal: where the next one must continue from (null: the log was never sealed). */
export interface SealState {
  last: { position: number; hash: string } | null;
}

export const initialSealState = (): SealState => ({ last: null });

export function evolveSeal(_state: SealState, event: SealEvent): SealState {
  return { last: { position: event.data.position, hash: event.data.hash } };
}
