import { type DocumentCheck, type DocumentStore, verifyDocuments } from '@rag-ledger/documents';
import type { RecordedEvent } from '@rag-ledger/event-store';

const hex = (c: string) => c.repeat(64);

/** A log of evidence events (and one that is not evidence), as verify reads it. */
async function* log(...events: Array<[type: string, data: Record<string, unknown>]>): AsyncIterable<RecordedEvent> {
  let position = 0n;
  for (const [type, data] of events) {
    position++;
    yield { streamId: `evidence-${String(data.documentId)}`, revision: 0n, position, id: String(position), type, data, metadata: {}, created: new Date(0) };
  }
}
const attached = (documentId: string, sha256: string): [string, Record<string, unknown>] => [
  'EvidenceAttached',
  { documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'A1' }, fileName: `${documentId}.pdf`, mediaType: 'application/pdf', size: 3, sha256, description: '' },
];
const erased = (documentId: string, sha256: string): [string, Record<string, unknown>] => ['EvidenceErased', { documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'A1' }, sha256, reason: 'DP case' }];

/** A store holding some addresses; it counts what it was asked to read. */
function storeHolding(held: Record<string, DocumentCheck['state']>) {
  const asked: string[] = [];
  const store: Pick<DocumentStore, 'check'> = {
    async check(sha256) {
      asked.push(sha256);
      const state = held[sha256] ?? 'missing';
      return state === 'changed' ? { sha256, state, actual: hex('f'), size: 3 } : state === 'held' ? { sha256, state, size: 3 } : { sha256, state };
    },
  };
  return { store: store as DocumentStore, asked };
}

describe('verifyDocuments', () => {
  it('reads each distinct file once, however many documents share it, and counts the documents', async () => {
    const { store, asked } = storeHolding({ [hex('a')]: 'held', [hex('b')]: 'held' });
    const result = await verifyDocuments(log(attached('d1', hex('a')), ['ActionStarted', { actionId: 'A1' }], attached('d2', hex('a')), attached('d3', hex('b'))), store);
    expect(result).toEqual({ checked: 3, ok: true, firstProblem: null });
    expect(asked).toEqual([hex('a'), hex('b')]);
  });

  it('does not look for bytes erased in any document, but does once the same bytes are attached again', async () => {
    const gone = storeHolding({});
    // d2 shares d1's bytes: erasing d1 deleted them for d2 too.
    expect(await verifyDocuments(log(attached('d1', hex('a')), attached('d2', hex('a')), erased('d1', hex('a'))), gone.store)).toEqual({ checked: 0, ok: true, firstProblem: null });
    expect(gone.asked).toEqual([]);
    // Attached again after the erasure: the upload stored them again, so they must be there.
    const result = await verifyDocuments(log(attached('d1', hex('a')), erased('d1', hex('a')), attached('d3', hex('a'))), gone.store);
    expect(result).toMatchObject({ ok: false, firstProblem: { documentId: 'd3', problem: 'missing', position: 3 } });
  });

  it('names the first problem in log order: missing, or changed with what the bytes hash to now', async () => {
    const { store } = storeHolding({ [hex('a')]: 'held', [hex('b')]: 'changed', [hex('c')]: 'missing' });
    const result = await verifyDocuments(log(attached('d1', hex('a')), attached('d2', hex('b')), attached('d3', hex('c'))), store);
    expect(result).toMatchObject({ checked: 1, ok: false, firstProblem: { documentId: 'd2', fileName: 'd2.pdf', sha256: hex('b'), position: 2, problem: 'changed', actual: hex('f') } });
  });
});
