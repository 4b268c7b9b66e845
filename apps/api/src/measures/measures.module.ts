import { Module } from '@nestjs/common';
import { ChangeMeasureHandler } from './commands/change-measure.command';
import { DefineMeasureHandler } from './commands/define-measure.command';
import { MeasuresController } from './measures.controller';
import { GetMeasureHandler, GetMeasureHistoryHandler, GetPlanMeasuresHandler, GetTrajectoryHandler } from './queries/measure.queries';

/** The measures of a plan: values, targets, comparators and their RAG (the domain's measureDecider). */
@Module({
  controllers: [MeasuresController],
  providers: [DefineMeasureHandler, ChangeMeasureHandler, GetMeasureHandler, GetPlanMeasuresHandler, GetMeasureHistoryHandler, GetTrajectoryHandler],
})
export class MeasuresModule {}
