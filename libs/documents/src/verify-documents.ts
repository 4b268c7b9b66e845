import { SEAL_STREAM, type EvidenceEvent, type SealEvent } from '@rag-ledger/domain';
import { verifyChain, type ChainVerification, type EventStore, type RecordedEvent, type VerifyChainOptions } from '@rag-ledger/event-store';
import type { DocumentCheck, DocumentStore } from './document-store.port';

/** The first evidence file, in log order, whose bytes are not what its EvidenceAttached event recorded. */
export interface DocumentProblem {
  documentId: string;
  fileName: string;
  sha256: string;
  /** The log position of the EvidenceAttached event. */
  position: number;
  problem: 'missing' | 'changed';
  /** What the bytes in the store hash to now, when they have changed. */
  actual?: string;
  /** The same, in words for whoever reads verify's answer. */
  reason: string;
}

export interface DocumentsVerification {
  /** Documents whose bytes were checked against their hash. */
  checked: number;
  ok: boolean;
  firstProblem: DocumentProblem | null;
}

interface Attached {
  documentId: string;
  fileName: string;
  sha256: string;
  position: number;
}

/**
 * Checks every evidence file the log says is held against the SHA-256 its EvidenceAttached
 * event recorded (which the hash chain covers), in log order, and names the first one that is
 * missing from the store or no longer hashes to it. Files meant to be gone are not checked:
 * the store keeps one copy of the same bytes, so an EvidenceErased deletes them for every
 * document that has them, until a later EvidenceAttached of the same bytes brings them back.
 * Each distinct file is read once, however many documents share it.
 */
export async function verifyDocuments(
  events: AsyncIterable<RecordedEvent>,
  store: DocumentStore,
  options: { onProgress?: (checked: number) => void } = {},
): Promise<DocumentsVerification> {
  const attached = new Map<string, Attached>();
  /** Whether the last event about these bytes, in log order, kept them or erased them. */
  const bytes = new Map<string, 'kept' | 'erased'>();
  for await (const event of events as AsyncIterable<RecordedEvent<EvidenceEvent['type'], EvidenceEvent['data']>>) {
    if (event.type === 'EvidenceAttached') {
      const data = event.data as Extract<EvidenceEvent, { type: 'EvidenceAttached' }>['data'];
      attached.set(data.documentId, { documentId: data.documentId, fileName: data.fileName, sha256: data.sha256, position: Number(event.position) });
      bytes.set(data.sha256, 'kept');
    } else if (event.type === 'EvidenceErased') {
      const data = event.data as Extract<EvidenceEvent, { type: 'EvidenceErased' }>['data'];
      attached.delete(data.documentId);
      bytes.set(data.sha256, 'erased');
    }
  }
  const seen = new Map<string, DocumentCheck>();
  let checked = 0;
  for (const document of attached.values()) {
    if (bytes.get(document.sha256) !== 'kept') continue;
    let check = seen.get(document.sha256);
    if (check === undefined) {
      check = await store.check(document.sha256);
      seen.set(document.sha256, check);
    }
    if (check.state === 'held') {
      checked++;
      if (options.onProgress && checked % 100 === 0) options.onProgress(checked);
      continue;
    }
    const found = check.state === 'changed' ? { problem: 'changed' as const, actual: check.actual } : { problem: 'missing' as const };
    const problem = { ...document, ...found };
    return { checked, ok: false, firstProblem: { ...problem, reason: documentProblemText(problem) } };
  }
  return { checked, ok: true, firstProblem: null };
}

/** What is wrong with a stored file, for council staff and inspectors. */
export function documentProblemText(problem: Omit<DocumentProblem, 'reason'>): string {
  const which = `the evidence file "${problem.fileName}" (document ${problem.documentId}, attached at log position ${problem.position})`;
  return problem.problem === 'missing'
    ? `${which} is missing from the document store: its bytes (SHA-256 ${problem.sha256}) are gone though no erasure was recorded`
    : `${which} has changed in the document store: its bytes now hash to ${problem.actual}, not ${problem.sha256} as the log recorded`;
}

/** Verify's whole answer: the chain's (see verifyChain) and the documents', `ok` only when both hold. */
export type RecordVerification = ChainVerification extends infer C
  ? C extends ChainVerification
    ? Omit<C, 'ok'> & { ok: boolean; documents: DocumentsVerification }
    : never
  : never;

/** Where the log's seals are, for verify. */
export const LOG_SEALS = { stream: SEAL_STREAM, type: 'LogSealed' satisfies SealEvent['type'] };

/**
 * The whole record checked, as `npm run verify` and `GET /api/audit/verify` answer: the log
 * walked once, recomputing its chain (checked against the stored chain where the store keeps
 * one, `chain`) and every seal against the events it covers (`seals`), and the stamp with
 * `expect`; then every stored evidence file against the hash in its event. The log is read
 * twice: the chain as stored (raw), the documents as the evidence events read today.
 */
export async function verifyRecord(
  events: EventStore,
  documents: DocumentStore,
  options: VerifyChainOptions & { onDocumentProgress?: (checked: number) => void } = {},
): Promise<RecordVerification> {
  const { onDocumentProgress, ...chainOptions } = options;
  const chain = await verifyChain(events, { seals: LOG_SEALS, ...chainOptions });
  const checked = await verifyDocuments(events.readAll(), documents, { onProgress: onDocumentProgress });
  return { ...chain, ok: chain.ok && checked.ok, documents: checked } as RecordVerification;
}
