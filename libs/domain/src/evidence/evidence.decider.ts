import type { Decider } from '../shared/decider';
import { evidenceStream } from '../shared/streams';
import { decideEvidence, type EvidenceCommand } from './evidence.decide';
import type { EvidenceEvent } from './evidence.events';
import { evolveEvidence, initialEvidenceState, type EvidenceState } from './evidence.state';

/** One evidence document, in the stream `evidence-<documentId>`. */
export const evidenceDecider: Decider<EvidenceState, EvidenceCommand, EvidenceEvent> = {
  decide: decideEvidence,
  evolve: evolveEvidence,
  initialState: initialEvidenceState,
  streamOf: evidenceStream,
};
