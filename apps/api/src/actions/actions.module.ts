import { Module } from '@nestjs/common';
import { ActionStepsController } from './action-steps.controller';
import { ActionsController } from './actions.controller';
import { AddActionStepHandler } from './commands/add-action-step.command';
import { AddActionHandler } from './commands/add-action.command';
import { ChangeActionHandler } from './commands/change-action.command';
import { GetActionHistoryHandler } from './queries/get-action-history.query';
import { GetActionHandler } from './queries/get-action.query';

/** The actions of a plan (the domain's actionDecider). */
@Module({
  controllers: [ActionsController, ActionStepsController],
  providers: [AddActionHandler, AddActionStepHandler, ChangeActionHandler, GetActionHandler, GetActionHistoryHandler],
})
export class ActionsModule {}
