import type { Actor, EvidenceEvent } from '@rag-ledger/domain';
import { EvidenceDocumentsProjection, EvidenceDocumentsQueries, evidenceEventTypes } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

const evidence = projectionSpec(() => new EvidenceDocumentsProjection());
const ADMIN = { id: 'ada', name: 'Ada Admin', role: 'admin' as const };
const OWNER = { id: 'ab', name: 'Andrea Brown', role: 'owner' as const };
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const attached = (documentId: string, actionId: string, sha256 = HASH_A, fileName = `${documentId}.pdf`): EvidenceEvent => ({
  type: 'EvidenceAttached',
  data: { documentId, planId: 'SIP', subject: { kind: 'action', actionId }, fileName, mediaType: 'application/pdf', size: 1234, sha256, description: `Minutes ${documentId}` },
});
const withdrawn = (documentId: string, actionId: string, reason = 'Wrong minutes'): EvidenceEvent => ({
  type: 'EvidenceWithdrawn', data: { documentId, planId: 'SIP', subject: { kind: 'action', actionId }, reason },
});
const erased = (documentId: string, actionId: string, sha256 = HASH_A): EvidenceEvent => ({
  type: 'EvidenceErased', data: { documentId, planId: 'SIP', subject: { kind: 'action', actionId }, sha256, reason: 'Names a child' },
});
const at = (event: EvidenceEvent, when: string, actor: Actor = OWNER): GivenEvent => ({ ...event, at: when, actor });

describe('evidence-documents projection: given events, then the documents', () => {
  it('reads the evidence events and no others', () => {
    expect(new EvidenceDocumentsProjection().handles).toEqual(evidenceEventTypes);
  });

  it('lists a subject’s held documents in the order attached, with who attached them, and leaves withdrawn ones out unless all are asked', () => {
    const { db } = evidence.given(
      at(attached('d1', 'SIP.1'), '2013-11-01T09:00:00.000Z'),
      at(attached('d2', 'SIP.1', HASH_B), '2013-11-02T09:00:00.000Z'),
      at(attached('d3', 'SIP.2'), '2013-11-02T10:00:00.000Z'),
      at(withdrawn('d1', 'SIP.1'), '2013-11-03T09:00:00.000Z', ADMIN),
      { type: 'EvidenceWithdrawn', data: { documentId: 'nobody', planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.1' }, reason: 'a stray event' } },
    );
    try {
      const q = new EvidenceDocumentsQueries(db);
      expect(q.forSubject({ kind: 'action', id: 'SIP.1' }).map((d) => d.documentId)).toEqual(['d2']);
      const all = q.forSubject({ kind: 'action', id: 'SIP.1' }, undefined, 'all');
      expect(all.map((d) => [d.documentId, d.state, d.downloadable])).toEqual([['d1', 'withdrawn', true], ['d2', 'held', true]]);
      expect(all[0]).toEqual({
        documentId: 'd1', planId: 'SIP', subject: { kind: 'action', actionId: 'SIP.1' }, fileName: 'd1.pdf', mediaType: 'application/pdf', size: 1234,
        sha256: HASH_A, description: 'Minutes d1', state: 'withdrawn', attachedBy: OWNER, attachedAt: '2013-11-01T09:00:00.000Z', position: 1,
        withdrawn: { by: ADMIN, at: '2013-11-03T09:00:00.000Z', reason: 'Wrong minutes', position: 4 }, erased: null, downloadable: true,
      });
      expect(q.document('nobody')).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('answers as of an instant: a document attached on day 1 and withdrawn on day 3 is held on day 2', () => {
    const { db } = evidence.given(
      at(attached('d1', 'SIP.1'), '2013-11-01T09:00:00.000Z'),
      at(withdrawn('d1', 'SIP.1'), '2013-11-03T09:00:00.000Z'),
    );
    try {
      const q = new EvidenceDocumentsQueries(db);
      const held = (asOf?: string) => q.forSubject({ kind: 'action', id: 'SIP.1' }, asOf ? { asOf } : undefined).map((d) => d.documentId);
      expect([held('2013-10-31T23:59:59.999Z'), held('2013-11-02T23:59:59.999Z'), held('2013-11-03T23:59:59.999Z'), held()]).toEqual([[], ['d1'], [], []]);
      expect(q.forSubject({ kind: 'action', id: 'SIP.1' }, { asOf: '2013-11-02T23:59:59.999Z' }, 'all')[0]).toMatchObject({ state: 'held', withdrawn: null });
    } finally {
      db.close();
    }
  });

  it('counts the documents each action of a plan held, now and as of an instant, in one grouped read', () => {
    const { db } = evidence.given(
      at(attached('d1', 'SIP.1'), '2013-11-01T09:00:00.000Z'),
      at(attached('d2', 'SIP.1', HASH_B), '2013-11-02T09:00:00.000Z'),
      at(attached('d3', 'SIP.2'), '2013-11-02T10:00:00.000Z'),
      at(withdrawn('d2', 'SIP.1'), '2013-11-04T09:00:00.000Z'),
      at(erased('d3', 'SIP.2'), '2013-11-04T10:00:00.000Z', ADMIN),
    );
    try {
      const q = new EvidenceDocumentsQueries(db);
      expect(Object.fromEntries(q.heldCountsByAction('SIP'))).toEqual({ 'SIP.1': 1 });
      expect(Object.fromEntries(q.heldCountsByAction('SIP', { asOf: '2013-11-03T00:00:00.000Z' }))).toEqual({ 'SIP.1': 2, 'SIP.2': 1 });
      expect(q.heldCountsByAction('EDU').size).toBe(0);
    } finally {
      db.close();
    }
  });

  it('an erasure takes the bytes from every document they backed before it; the same bytes attached again later are downloadable', () => {
    const { db } = evidence.given(
      at(attached('d1', 'SIP.1'), '2013-11-01T09:00:00.000Z'),
      at(attached('d2', 'SIP.2'), '2013-11-02T09:00:00.000Z'),
      at(erased('d1', 'SIP.1'), '2013-11-03T09:00:00.000Z', ADMIN),
      at(attached('d3', 'SIP.2'), '2013-11-04T09:00:00.000Z'),
    );
    try {
      const q = new EvidenceDocumentsQueries(db);
      expect(q.planDocuments('SIP').map((d) => [d.documentId, d.state, d.downloadable])).toEqual([['d1', 'erased', false], ['d2', 'held', false], ['d3', 'held', true]]);
      expect(q.document('d1')).toMatchObject({ erased: { by: ADMIN, reason: 'Names a child', position: 3 }, sha256: HASH_A, fileName: 'd1.pdf', size: 1234 });
      // As it stood before the erasure: held then, but the bytes are gone now.
      expect(q.planDocuments('SIP', { asOf: '2013-11-02T23:59:59.999Z' }).map((d) => [d.documentId, d.state, d.downloadable])).toEqual([['d1', 'held', false], ['d2', 'held', false]]);
    } finally {
      db.close();
    }
  });
});
