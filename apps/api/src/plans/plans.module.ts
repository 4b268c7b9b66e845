import { Module } from '@nestjs/common';
import { AddWorkstreamHandler } from './commands/add-workstream.command';
import { CreatePlanHandler } from './commands/create-plan.command';
import { PlansController } from './plans.controller';
import { GetPlanHandler } from './queries/get-plan.query';
import { ListPlansHandler } from './queries/list-plans.query';

/** Plans and their work-streams (the domain's planDecider). */
@Module({
  controllers: [PlansController],
  providers: [CreatePlanHandler, AddWorkstreamHandler, ListPlansHandler, GetPlanHandler],
})
export class PlansModule {}
