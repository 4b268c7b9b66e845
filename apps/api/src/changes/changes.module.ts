import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { GetChangesHandler } from './queries/get-changes.query';

/** What moved in a plan's actions over a period. */
@Module({
  controllers: [ChangesController],
  providers: [GetChangesHandler],
})
export class ChangesModule {}
