import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DOCUMENT_STORE, type LocalDocumentStore } from '@rag-ledger/documents';
import { evidenceDecider, type Actor, type EvidenceSubject } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import type { TestApp } from './test-app';

/**
 * Evidence put in place as the API's upload does it, without the upload: the bytes received
 * into the app's own document store and kept, then EvidenceAttached appended through the
 * app's write path with an actor; withdrawal and erasure likewise (erasure deletes the bytes).
 * For the suites about what is done with evidence once it is there (verify, packs).
 */
export function evidenceInPlace(t: TestApp) {
  const store = t.app.get<LocalDocumentStore>(DOCUMENT_STORE);
  const writePath = t.app.get(WritePath);
  const context = (actor: Actor) => ({ actor, correlationId: `test-${randomUUID()}` });
  return {
    store,
    async attach(options: {
      actor: Actor;
      planId: string;
      subject: EvidenceSubject;
      fileName: string;
      bytes: Buffer | string;
      mediaType?: string;
      description?: string;
      documentId?: string;
    }) {
      const received = await store.receive(Readable.from([Buffer.from(options.bytes)]), { maxBytes: 50 * 1024 * 1024 });
      await received.keep();
      const documentId = options.documentId ?? randomUUID();
      const result = await writePath.handle(
        evidenceDecider,
        documentId,
        {
          type: 'AttachEvidence',
          data: {
            documentId,
            planId: options.planId,
            subject: options.subject,
            fileName: options.fileName,
            mediaType: options.mediaType ?? 'text/plain',
            size: received.size,
            sha256: received.sha256,
            description: options.description,
          },
        },
        context(options.actor),
      );
      return { documentId, sha256: received.sha256, size: received.size, position: result.position, path: store.pathOf(received.sha256) };
    },
    async withdraw(actor: Actor, documentId: string, reason: string) {
      return (await writePath.handle(evidenceDecider, documentId, { type: 'WithdrawEvidence', data: { documentId, reason } }, context(actor))).position;
    },
    async erase(actor: Actor, documentId: string, sha256: string, reason: string) {
      const { position } = await writePath.handle(evidenceDecider, documentId, { type: 'EraseEvidence', data: { documentId, reason } }, context(actor));
      await store.erase(sha256);
      return position;
    },
  };
}
