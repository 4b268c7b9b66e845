import { Module } from '@nestjs/common';
import { GetTrendHandler } from './queries/get-trends.query';
import { TrendsController } from './trends.controller';

/** Trends: the RAG distribution and overdue count month by month, as data and as SVG charts. */
@Module({
  controllers: [TrendsController],
  providers: [GetTrendHandler],
})
export class TrendsModule {}
