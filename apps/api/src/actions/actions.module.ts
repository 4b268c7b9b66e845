import { Module } from '@nestjs/common';
import { ActionsController } from './actions.controller';
import { AddActionHandler } from './commands/add-action.command';
import { ChangeActionHandler } from './commands/change-action.command';
import { GetActionHistoryHandler } from './queries/get-action-history.query';
import { GetActionHandler } from './queries/get-action.query';

/** The actions of a plan (the domain's actionDecider). */
@Module({
  controllers: [ActionsController],
  providers: [AddActionHandler, ChangeActionHandler, GetActionHandler, GetActionHistoryHandler],
})
export class ActionsModule {}
