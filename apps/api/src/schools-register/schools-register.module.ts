import { Module } from '@nestjs/common';
import { ImportCategorisationsHandler, ImportSchoolsListHandler } from './commands/import-schools.command';
import { GetCategorisationHandler, GetCategorySchemesHandler, GetMovementsHandler, GetRegisterHandler, GetSchoolHandler } from './queries/register.queries';
import { SchoolsRegisterController } from './schools-register.controller';

/** The schools register's imports (the national list, categorisations) and reads: the register, a school and its timeline, the categorisation table, the movements, the schemes. */
@Module({
  controllers: [SchoolsRegisterController],
  providers: [ImportSchoolsListHandler, ImportCategorisationsHandler, GetRegisterHandler, GetSchoolHandler, GetCategorisationHandler, GetMovementsHandler, GetCategorySchemesHandler],
})
export class SchoolsRegisterModule {}
