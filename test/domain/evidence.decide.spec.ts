import {
  evidenceDecider,
  EvidenceAlreadyAttachedError,
  EvidenceAlreadyErasedError,
  EvidenceAlreadyWithdrawnError,
  EvidenceDescriptionInvalidError,
  EvidenceFileEmptyError,
  EvidenceFileNameInvalidError,
  EvidenceNotFoundError,
  ReasonRequiredError,
  type AttachEvidence,
  type EvidenceEvent,
} from '@rag-ledger/domain';
import { deciderSpec } from './decider-spec';

const given = deciderSpec(evidenceDecider);

const sha256 = 'a'.repeat(64);
const ids = { documentId: 'doc-1', planId: 'SIP', subject: { kind: 'action' as const, actionId: 'SIP.1.1' } };
const file: AttachEvidence['data'] = { ...ids, fileName: 'LSCB minutes 12 Nov 2013.pdf', mediaType: 'application/pdf', size: 48213, sha256, description: ' Board re-established ' };
const attached: EvidenceEvent = {
  type: 'EvidenceAttached',
  data: { ...ids, fileName: file.fileName, mediaType: 'application/pdf', size: 48213, sha256, description: 'Board re-established' },
};
const withdrawn: EvidenceEvent = { type: 'EvidenceWithdrawn', data: { ...ids, reason: 'Wrong minutes' } };

describe('evidence documents (given / when / then)', () => {
  it('attaches a checked file: name, media type, size, hash and the description trimmed', () => {
    given([]).when({ type: 'AttachEvidence', data: file }).then(attached);
  });

  it('keeps the value of a measure the document stands behind', () => {
    const subject = { kind: 'measure' as const, measureId: 'EDU.M.2.2', period: '2014' };
    given([])
      .when({ type: 'AttachEvidence', data: { ...file, subject, description: undefined } })
      .then({ type: 'EvidenceAttached', data: { ...attached.data, subject, description: '' } as never });
  });

  it('refuses the same document twice', () => {
    given([attached]).when({ type: 'AttachEvidence', data: file }).thenThrows(EvidenceAlreadyAttachedError);
  });

  it.each([
    ['a folder path', '../../etc/passwd', /folder path/],
    ['a Windows path', 'C:\\minutes.pdf', /folder path/],
    ['a control character', 'minutes\u0007.pdf', /control/],
    ['a direction override', 'minutes\u202Efdp.exe', /direction/],
    ['300 characters', `${'m'.repeat(296)}.pdf`, /300 characters long; 255/],
    ['no name', '  ', /no name/],
  ])('refuses a file name with %s', (_what, fileName, message) => {
    given([]).when({ type: 'AttachEvidence', data: { ...file, fileName } }).thenThrows(EvidenceFileNameInvalidError, message);
  });

  it('refuses an empty file and an overlong description', () => {
    given([]).when({ type: 'AttachEvidence', data: { ...file, size: 0 } }).thenThrows(EvidenceFileEmptyError, /is empty/);
    given([]).when({ type: 'AttachEvidence', data: { ...file, description: 'x'.repeat(2001) } }).thenThrows(EvidenceDescriptionInvalidError);
  });

  it('withdraws a held document with a reason, once', () => {
    given([attached]).when({ type: 'WithdrawEvidence', data: { documentId: 'doc-1', reason: 'Wrong minutes' } }).then(withdrawn);
    given([attached]).when({ type: 'WithdrawEvidence', data: { documentId: 'doc-1', reason: ' ' } }).thenThrows(ReasonRequiredError);
    given([attached, withdrawn]).when({ type: 'WithdrawEvidence', data: { documentId: 'doc-1', reason: 'again' } }).thenThrows(EvidenceAlreadyWithdrawnError);
    given([]).when({ type: 'WithdrawEvidence', data: { documentId: 'doc-1', reason: 'x' } }).thenThrows(EvidenceNotFoundError);
  });

  it('erases held or withdrawn bytes, naming the hash; once', () => {
    const erased: EvidenceEvent = { type: 'EvidenceErased', data: { ...ids, sha256, reason: 'Names a child' } };
    given([attached]).when({ type: 'EraseEvidence', data: { documentId: 'doc-1', reason: 'Names a child' } }).then(erased);
    given([attached, withdrawn]).when({ type: 'EraseEvidence', data: { documentId: 'doc-1', reason: 'Names a child' } }).then(erased);
    given([attached, erased]).when({ type: 'EraseEvidence', data: { documentId: 'doc-1', reason: 'again' } }).thenThrows(EvidenceAlreadyErasedError);
    given([attached, erased]).when({ type: 'WithdrawEvidence', data: { documentId: 'doc-1', reason: 'x' } }).thenThrows(EvidenceAlreadyErasedError);
    given([attached]).when({ type: 'EraseEvidence', data: { documentId: 'doc-1', reason: '' } }).thenThrows(ReasonRequiredError);
  });
});
