import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { GetEvidencePackHandler } from './queries/get-evidence-pack.query';
import { GetEvidenceZipHandler } from './queries/get-evidence-zip.query';

/** The evidence pack an inspector is given: CSV, a printable report, or a ZIP of both with every evidence file and a manifest. */
@Module({
  controllers: [EvidenceController],
  providers: [GetEvidencePackHandler, GetEvidenceZipHandler],
})
export class EvidenceModule {}
