import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { GetEvidencePackHandler } from './queries/get-evidence-pack.query';

/** The evidence pack an inspector is given: CSV or a printable report. */
@Module({
  controllers: [EvidenceController],
  providers: [GetEvidencePackHandler],
})
export class EvidenceModule {}
