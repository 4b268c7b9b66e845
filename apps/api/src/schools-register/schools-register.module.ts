import { Module } from '@nestjs/common';
import { GetCategorisationHandler, GetCategorySchemesHandler, GetMovementsHandler, GetRegisterHandler, GetSchoolHandler } from './queries/register.queries';
import { SchoolsRegisterController } from './schools-register.controller';

/** The schools register's reads: the register, a school and its timeline, the categorisation table, the movements, the schemes. */
@Module({
  controllers: [SchoolsRegisterController],
  providers: [GetRegisterHandler, GetSchoolHandler, GetCategorisationHandler, GetMovementsHandler, GetCategorySchemesHandler],
})
export class SchoolsRegisterModule {}
