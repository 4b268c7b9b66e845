import { Module } from '@nestjs/common';
import { BoardsController } from './boards.controller';
import { GetExceptionsHandler } from './queries/get-exceptions.query';
import { GetImprovementBoardHandler } from './queries/get-improvement-board.query';
import { GetPlanBoardHandler } from './queries/get-plan-board.query';

/** The RAG boards, read from the projections. */
@Module({
  controllers: [BoardsController],
  providers: [GetImprovementBoardHandler, GetPlanBoardHandler, GetExceptionsHandler],
})
export class BoardsModule {}
