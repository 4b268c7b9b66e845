import { Module } from '@nestjs/common';
import { AttachEvidenceHandler } from './commands/attach-evidence.command';
import { ChangeEvidenceHandler } from './commands/change-evidence.command';
import { EvidenceDocumentsController } from './evidence-documents.controller';
import { EvidenceSubjects } from './evidence-subjects';
import { GetEvidenceDocumentHandler, ListEvidenceHandler } from './queries/evidence.queries';

/** Evidence documents attached to actions and measures (the domain's evidenceDecider; the bytes in the DocumentStore). */
@Module({
  controllers: [EvidenceDocumentsController],
  providers: [EvidenceSubjects, AttachEvidenceHandler, ChangeEvidenceHandler, ListEvidenceHandler, GetEvidenceDocumentHandler],
})
export class EvidenceDocumentsModule {}
