import { SEAL_STREAM } from '@rag-ledger/contract';
import type { Decider } from '../shared/decider';
import { decideSeal, type SealCommand } from './seal.decide';
import type { SealEvent } from './seal.events';
import { evolveSeal, initialSealState, type SealState } from './seal.state';

/** The log's seals, in the one stream `logseal-ledger` (whatever id is given: there is one log). */
export const sealDecider: Decider<SealState, SealCommand, SealEvent> = {
  decide: decideSeal,
  evolve: evolveSeal,
  initialState: initialSealState,
  streamOf: () => SEAL_STREAM,
};
