import { Module } from '@nestjs/common';
import { CategorySchemeWritesController } from './category-scheme-writes.controller';
import { ChangeCategorySchemeHandler } from './commands/change-category-scheme.command';
import { ConvertSchoolHandler } from './commands/convert-school.command';
import { RecordSchoolChangeHandler } from './commands/record-school-change.command';
import { SchoolWritesController } from './school-writes.controller';

/** The schools register's writes (the domain's schoolDecider and categorySchemeDecider); the reads are the register's own module. */
@Module({
  controllers: [SchoolWritesController, CategorySchemeWritesController],
  providers: [RecordSchoolChangeHandler, ConvertSchoolHandler, ChangeCategorySchemeHandler],
})
export class SchoolWritesModule {}
