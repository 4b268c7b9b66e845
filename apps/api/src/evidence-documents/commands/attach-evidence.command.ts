import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, UnsupportedMediaTypeException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Request } from 'express';
import type { EvidenceAttachedAnswer } from '@rag-ledger/contract';
import { decideMediaType, DOCUMENT_STORE, type DocumentStore } from '@rag-ledger/documents';
import { evidenceDecider, evidenceDescriptionProblem, periodsInOrder, type EvidenceSubject } from '@rag-ledger/domain';
import { keyedId, WritePath } from '@rag-ledger/write-path';
import type { CommandContext } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EvidenceSubjects, type AttachTarget, type SubjectRef } from '../evidence-subjects';
import { checkUploadHeaders, receiveEvidenceUpload, REQUEST_OVERHEAD_BYTES, type EvidenceUpload, type UploadLimits } from '../upload/receive-evidence-upload';

/** An upload to an action or a measure: the request is read here, after the caller is known to be allowed. */
export class AttachEvidenceCommand extends Command<EvidenceAttachedAnswer> {
  constructor(
    readonly subject: SubjectRef,
    readonly request: Request,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * A new document's id. Under an Idempotency-Key it is derived from the key, so a repeat (the
 * same file sent again after a lost answer) lands on the same document and answers it.
 */
export function newDocumentId(context: CommandContext): string {
  return context.idempotencyKey === undefined ? randomUUID() : keyedId(context.principal.id, context.idempotencyKey, 'evidence document id');
}

/**
 * The upload pipeline, in the order that keeps a refused upload from writing anything:
 * the subject and the caller's right to it (404, 403), the request's headers (415, 413), then
 * the body, streamed into a holding file (400 for a bad name or form, 413 past the limit);
 * then the fields, the file's size (400 when empty) and its media type from its bytes (415).
 * Only then are the bytes kept (before any event names them: a kept file with no event is
 * harmless, the same bytes may be attached later) and the EvidenceAttached event appended.
 */
@CommandHandler(AttachEvidenceCommand)
export class AttachEvidenceHandler implements ICommandHandler<AttachEvidenceCommand, EvidenceAttachedAnswer> {
  constructor(
    private readonly writePath: WritePath,
    private readonly subjects: EvidenceSubjects,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ subject, request, context }: AttachEvidenceCommand): Promise<EvidenceAttachedAnswer> {
    const target = await this.subjects.forAttach(subject, context.principal);
    const limits: UploadLimits = {
      maxFileBytes: this.config.maxEvidenceBytes,
      maxRequestBytes: this.config.maxEvidenceBytes + REQUEST_OVERHEAD_BYTES,
      fields: subject.kind === 'measure' ? ['description', 'period'] : ['description'],
    };
    checkUploadHeaders(request, limits);
    const upload = await receiveEvidenceUpload(request, this.store, limits);
    try {
      return await this.attach(upload, target, context);
    } finally {
      // Safe after keep(): only a holding file still there is removed.
      await upload.document.discard();
    }
  }

  private async attach(upload: EvidenceUpload, target: AttachTarget, context: CommandContext): Promise<EvidenceAttachedAnswer> {
    const { document, fileName } = upload;
    const description = upload.fields.description ?? '';
    const descriptionProblem = evidenceDescriptionProblem(description);
    if (descriptionProblem) throw new BadRequestException(descriptionProblem);
    const subject = subjectWithPeriod(target, upload.fields.period);
    if (document.size === 0) throw new BadRequestException(`"${fileName}" is empty: there is nothing in it to keep as evidence.`);
    const decision = await decideMediaType(document.path, fileName, upload.scans);
    if (!decision.accepted) throw new UnsupportedMediaTypeException(decision.reason);
    await document.keep();
    const documentId = newDocumentId(context);
    const data = { documentId, planId: target.planId, subject, fileName, mediaType: decision.mediaType, size: document.size, sha256: document.sha256, description };
    const result = await this.writePath.handle(evidenceDecider, documentId, { type: 'AttachEvidence', data }, writeContextOf(context), {
      // What the caller sent, without the id derived for it: a repeat must send the same file, name and fields.
      request: { type: 'AttachEvidence', subject, fileName, size: document.size, sha256: document.sha256, description },
    });
    return { documentId, fileName, mediaType: decision.mediaType, size: document.size, sha256: document.sha256, position: result.position };
  }
}

/** A measure's evidence may name the period it stands behind: one with a value or a target (400 otherwise, naming them). */
function subjectWithPeriod(target: AttachTarget, period: string | undefined): EvidenceSubject {
  if (period === undefined || period.trim() === '') return target.subject;
  const periods = periodsInOrder(new Set(target.periods ?? []));
  if (target.subject.kind !== 'measure' || !periods.includes(period.trim())) {
    const known = periods.length > 0 ? `its periods with a value or a target are ${periods.join(', ')}` : 'it has no value or target for any period yet';
    throw new BadRequestException(`The measure has no value or target for the period "${period}": ${known}.`);
  }
  return { ...target.subject, period: period.trim() };
}
