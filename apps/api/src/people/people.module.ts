import { Module } from '@nestjs/common';
import { AddPersonHandler, ChangeDirectoryHandler } from './commands/directory-commands';
import { ImportPeopleHandler } from './commands/import-people.command';
import { MyActionsController } from './my-actions.controller';
import { PeopleController } from './people.controller';
import { GetMyActionsHandler } from './queries/my-actions.query';
import { GetPersonHandler, ListPeopleHandler, ListUnmatchedOwnersHandler } from './queries/people.queries';

/** The directory of people: who stands behind the plans' initials, the rights each holds, and each owner's actions. */
@Module({
  controllers: [PeopleController, MyActionsController],
  providers: [AddPersonHandler, ChangeDirectoryHandler, ImportPeopleHandler, ListPeopleHandler, GetPersonHandler, ListUnmatchedOwnersHandler, GetMyActionsHandler],
})
export class PeopleModule {}
