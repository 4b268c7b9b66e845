import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { GetAuditTrailHandler } from './queries/get-audit-trail.query';
import { VerifyChainHandler } from './queries/verify-chain.query';

/** The audit trail and the check of the log's hash chain. */
@Module({
  controllers: [AuditController],
  providers: [GetAuditTrailHandler, VerifyChainHandler],
})
export class AuditModule {}
