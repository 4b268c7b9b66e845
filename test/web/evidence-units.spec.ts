import { describeEntry, EVIDENCE_MEDIA_TYPES, type EvidenceView, type HistoryEntry, whyOf } from '@rag-ledger/contract';
import { acceptedKindsText, evidenceCountBadge, formatSize, kindLabel, splitEvidence, touchesEvidence } from '../../apps/web/src/evidence-text';

/** The web board's words for evidence documents, without a browser. */
describe('evidence on the web board, without a browser', () => {
  it('gives sizes as file managers do: bytes, then KB and MB with one decimal below 10', () => {
    expect(formatSize(0)).toBe('0 bytes');
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(1023)).toBe('1023 bytes');
    expect(formatSize(1024)).toBe('1 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(10 * 1024 + 300)).toBe('10 KB');
    expect(formatSize(250_000)).toBe('244 KB');
    // Just under a megabyte rounds to 1 MB, not "1024 KB".
    expect(formatSize(1024 * 1024 - 10)).toBe('1 MB');
    expect(formatSize(3_500_000)).toBe('3.3 MB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });

  it('labels a media type with the kind a plan owner knows, and an unknown one as it is', () => {
    expect(kindLabel('application/pdf')).toBe('PDF');
    expect(kindLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('Word');
    expect(kindLabel('application/vnd.ms-outlook')).toBe('Outlook message');
    expect(kindLabel('application/x-unknown')).toBe('application/x-unknown');
    expect(kindLabel('toString')).toBe('toString');
  });

  it('names every accepted kind once in the upload hint', () => {
    const text = acceptedKindsText();
    expect(text.startsWith('PDF, Word, Excel, PowerPoint, ')).toBe(true);
    expect(text.endsWith(' or Outlook message')).toBe(true);
    for (const { label } of Object.values(EVIDENCE_MEDIA_TYPES)) expect(text).toContain(label.replace(/ \(97-2003\)$/, ''));
    expect(text).not.toContain('97-2003');
    expect(text.match(/\bWord\b/g)).toHaveLength(1);
  });

  it('shows "1 file" or "2 files" on a board row, read out as evidence files, and nothing for none', () => {
    expect(evidenceCountBadge(1)).toEqual({ text: '1 file', label: '1 evidence file' });
    expect(evidenceCountBadge(2)).toEqual({ text: '2 files', label: '2 evidence files' });
    expect(evidenceCountBadge(0)).toBeNull();
    expect(evidenceCountBadge(undefined)).toBeNull();
  });

  const doc = (documentId: string, position: number, state: EvidenceView['state'], gonePosition?: number): EvidenceView => {
    const actor = { id: 'ab', name: 'Andrea Brown', role: 'owner' };
    const gone = gonePosition === undefined ? null : { by: actor, at: '2013-11-20T10:00:00.000Z', reason: 'wrong file', position: gonePosition };
    return {
      documentId, planId: 'SIP', subject: { kind: 'action', actionId: 'A1' }, fileName: `${documentId}.pdf`, mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64),
      description: '', state, attachedBy: actor, attachedAt: '2013-11-19T10:00:00.000Z', position,
      withdrawn: state === 'withdrawn' ? gone : null, erased: state === 'erased' ? gone : null, downloadable: state !== 'erased',
    };
  };

  it('lists the documents held in the order attached, and those withdrawn or erased in the order they went', () => {
    const { held, gone } = splitEvidence([doc('c', 30, 'held'), doc('a', 10, 'withdrawn', 50), doc('b', 20, 'held'), doc('d', 40, 'erased', 45)]);
    expect(held.map((d) => d.documentId)).toEqual(['b', 'c']);
    expect(gone.map((d) => d.documentId)).toEqual(['d', 'a']);
  });

  it("reads the evidence again for an evidence event of this action, one naming only its plan, or a resync; not for another action's or a change to the action itself", () => {
    const action = { id: 'A1', planId: 'SIP' };
    const event = (streamId: string, actionId: string | null, planId: string | null = 'SIP') => ({ type: 'EvidenceAttached', streamId, planId, actionId, position: 5 });
    expect(touchesEvidence({ position: 5, events: [event('evidence-d1', 'A1')] }, action)).toBe(true);
    expect(touchesEvidence({ position: 5, events: [event('evidence-d1', null)] }, action)).toBe(true);
    expect(touchesEvidence({ position: 5, events: [event('evidence-d1', 'A2')] }, action)).toBe(false);
    expect(touchesEvidence({ position: 5, events: [event('evidence-d1', null, 'LAC')] }, action)).toBe(false);
    expect(touchesEvidence({ position: 5, events: [{ ...event('action-A1', 'A1'), type: 'ActionRagChanged' }] }, action)).toBe(false);
    expect(touchesEvidence({ position: 5, events: [], resync: true }, action)).toBe(true);
  });

  it("words the timeline's evidence entries by file name, and an attachment's words as its description", () => {
    const entry = (type: string, data: Record<string, unknown>, reason: string | null): HistoryEntry => ({
      position: 9, revision: 0, type, at: '2013-11-20T09:30:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, data, reason,
    });
    expect(describeEntry(entry('EvidenceAttached', { documentId: 'd1', fileName: 'minutes.pdf' }, 'Board minutes'))).toEqual(['Evidence attached: minutes.pdf']);
    expect(describeEntry(entry('EvidenceWithdrawn', { documentId: 'd1', fileName: 'minutes.pdf' }, 'Superseded'))).toEqual(['Evidence withdrawn: minutes.pdf']);
    // Without the name the page knows, a withdrawal or erasure still reads as words, not an id.
    expect(describeEntry(entry('EvidenceErased', { documentId: 'd1' }, 'Names a child'))).toEqual(['Evidence erased, its bytes deleted: a document']);
    expect(whyOf(entry('EvidenceAttached', {}, 'Board minutes'))).toEqual({ label: 'Description', text: 'Board minutes' });
    expect(whyOf(entry('EvidenceAttached', {}, null))).toBeNull();
    expect(whyOf(entry('EvidenceWithdrawn', {}, 'Superseded'))).toEqual({ label: 'Why', text: 'Superseded' });
  });
});
