import { Global, Module } from '@nestjs/common';
import { SealLogHandler } from './commands/seal-log.command';
import { IntervalSealer } from './interval-sealer';
import { LogSealer } from './log-sealer';
import { GetSealsHandler } from './queries/get-seals.query';
import { SealsController } from './seals.controller';

/** The log's seals: on demand, at intervals, and for the packs (global: issuing and reading a pack take LogSealer). */
@Global()
@Module({
  controllers: [SealsController],
  providers: [LogSealer, IntervalSealer, SealLogHandler, GetSealsHandler],
  exports: [LogSealer],
})
export class SealsModule {}
