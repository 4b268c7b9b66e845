import { Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvidenceView } from '@rag-ledger/contract';
import { DOCUMENT_STORE, type DocumentStore } from '@rag-ledger/documents';
import { EvidenceAlreadyErasedError, evidenceDecider, EvidenceNotFoundError } from '@rag-ledger/domain';
import { EvidenceDocumentsQueries, ProjectionRunner } from '@rag-ledger/projections';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../../common/read-your-writes.interceptor';
import { writeContextOf } from '../../common/write-context-of';
import { EvidenceSubjects } from '../evidence-subjects';

/** Withdraw (admins and the subject's owners) or erase (admins, by the route's role) one document, with a reason. */
export class ChangeEvidenceCommand extends Command<EvidenceView> {
  constructor(
    readonly change: 'withdraw' | 'erase',
    readonly documentId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Both answer the document as the read model has it once the event is projected. An erasure
 * appends EvidenceErased first and deletes the bytes after: the record of the decision is never
 * missing while the bytes are gone. When the deletion fails after the event, the answer says so
 * (503) and sending the erasure again deletes them (a document already erased still has its
 * bytes deleted before the 422 that says it was erased); the bytes shared by other documents go
 * too, since an erasure is about the bytes.
 */
@CommandHandler(ChangeEvidenceCommand)
export class ChangeEvidenceHandler implements ICommandHandler<ChangeEvidenceCommand, EvidenceView> {
  private readonly logger = new Logger('Evidence');

  constructor(
    private readonly writePath: WritePath,
    private readonly subjects: EvidenceSubjects,
    private readonly documents: EvidenceDocumentsQueries,
    private readonly runner: ProjectionRunner,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async execute({ change, documentId, reason, context }: ChangeEvidenceCommand): Promise<EvidenceView> {
    const { state } = await this.writePath.stateOf(evidenceDecider, documentId);
    if (state.status === 'none' || !state.subject) throw new EvidenceNotFoundError(documentId);
    if (change === 'withdraw') await this.subjects.assertMayWithdraw(context.principal, state.subject);
    const command = change === 'withdraw' ? ({ type: 'WithdrawEvidence', data: { documentId, reason } } as const) : ({ type: 'EraseEvidence', data: { documentId, reason } } as const);
    let position: number;
    try {
      ({ position } = await this.writePath.handle(evidenceDecider, documentId, command, writeContextOf(context)));
    } catch (error) {
      if (change === 'erase' && error instanceof EvidenceAlreadyErasedError && state.sha256) await this.eraseBytes(state.sha256, documentId);
      throw error;
    }
    if (change === 'erase' && state.sha256) await this.eraseBytes(state.sha256, documentId);
    await this.runner.waitFor(BigInt(position), READ_YOUR_WRITES_TIMEOUT_MS);
    return this.documents.document(documentId) as EvidenceView;
  }

  private async eraseBytes(sha256: string, documentId: string): Promise<void> {
    try {
      await this.store.erase(sha256);
    } catch (error) {
      this.logger.error({ err: error, documentId, sha256 }, `the erasure of evidence ${documentId} is recorded but its bytes could not be deleted`);
      throw new ServiceUnavailableException(
        'The erasure is recorded, but the file could not be deleted from the document store just now. Send the erasure again to delete it.',
      );
    }
  }
}
