import { Module } from '@nestjs/common';
import { ChangeMilestoneHandler } from './commands/change-milestone.command';
import { SetMilestoneHandler } from './commands/set-milestone.command';
import { MilestonesController } from './milestones.controller';
import { GetMilestoneHandler, GetMilestoneHistoryHandler, GetPlanMilestonesHandler } from './queries/milestone.queries';

/** The milestones of a plan and its work-streams, and their assessments (the domain's milestoneDecider). */
@Module({
  controllers: [MilestonesController],
  providers: [SetMilestoneHandler, ChangeMilestoneHandler, GetPlanMilestonesHandler, GetMilestoneHandler, GetMilestoneHistoryHandler],
})
export class MilestonesModule {}
