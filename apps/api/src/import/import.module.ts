import { Module } from '@nestjs/common';
import { ImportPlansHandler } from './commands/import-plans.command';
import { ImportController } from './import.controller';

/** Plans imported from a file, through the same write path as every command. */
@Module({
  controllers: [ImportController],
  providers: [ImportPlansHandler],
})
export class ImportModule {}
