import type { EvidenceAttached, EvidenceEvent, EvidenceSubject } from './evidence.events';

/** `held`: in the current view; `withdrawn`: in the history only; `erased`: the bytes are gone. */
export type EvidenceStatus = 'none' | 'held' | 'withdrawn' | 'erased';

export interface EvidenceState {
  status: EvidenceStatus;
  planId?: string | null;
  subject?: EvidenceSubject;
  fileName?: string;
  sha256?: string;
}

export const initialEvidenceState = (): EvidenceState => ({ status: 'none' });

export function evolveEvidence(state: EvidenceState, event: EvidenceEvent): EvidenceState {
  switch (event.type) {
    case 'EvidenceAttached':
      return attached(event.data);
    case 'EvidenceWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'EvidenceErased':
      return { ...state, status: 'erased' };
  }
}

const attached = (data: EvidenceAttached['data']): EvidenceState => ({
  status: 'held',
  planId: data.planId,
  subject: data.subject,
  fileName: data.fileName,
  sha256: data.sha256,
});
