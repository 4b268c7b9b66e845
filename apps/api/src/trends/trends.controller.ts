import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { TrendView } from '@rag-ledger/contract';
import { ReadResponses } from '../common/api-docs';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PeriodQueryDto } from '../common/period-query.dto';
import { TrendsQueryDto } from './dto/trends-query.dto';
import { GetTrendQuery } from './queries/get-trends.query';
import { renderTrendSvg } from './render/trend-svg';

const EXAMPLE: TrendView = {
  planId: 'SIP',
  title: "Children's Services Strategic Improvement Plan 2013-2015",
  from: '2013-12-01',
  to: '2014-01-16T23:59:59.999Z',
  points: [
    { month: '2013-12', asOf: '2013-12-31T23:59:59.999Z', counts: { W: 40, G: 30, A: 12, R: 4, B: 5 }, total: 91, overdue: 7 },
    { month: '2014-01', asOf: '2014-01-16T23:59:59.999Z', counts: { W: 36, G: 33, A: 10, R: 3, B: 9 }, total: 91, overdue: 5 },
  ],
  description: "In Children's Services Strategic Improvement Plan 2013-2015, Red actions fell from 4 in December 2013 to 3 in January 2014; completed actions rose from 5 to 9; overdue actions fell from 7 to 5; 91 actions in all in January 2014.",
};
const PERIOD = 'From the month of `from` to the month of `to` (default: the twelve months up to now), one point per month: the board as it stood at the last instant of the month (UK time), the last point at `to`';

/** Trends: how a plan's board, or all plans' together, stood month by month. Counts only, so every plan reader may see them. */
@ApiTags('trends')
@Controller()
export class TrendsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('plans/:planId/trends')
  @ApiOperation({ summary: `A plan's RAG distribution and overdue count month by month. ${PERIOD}` })
  @ReadResponses(EXAMPLE)
  planTrend(@Param('planId', ParseIdPipe) planId: string, @Query() query: PeriodQueryDto): Promise<TrendView> {
    return this.queries.execute(new GetTrendQuery(planId, query.from, query.to));
  }

  @Get('plans/:planId/trends.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: `The plan's trend as an SVG chart: bars stacked by status, each with a pattern, and the overdue count as a line. ${PERIOD}` })
  @ReadResponses('<svg xmlns="http://www.w3.org/2000/svg" role="img" ...>')
  async planTrendSvg(@Param('planId', ParseIdPipe) planId: string, @Query() query: PeriodQueryDto): Promise<string> {
    return renderTrendSvg(await this.queries.execute(new GetTrendQuery(planId, query.from, query.to)));
  }

  @Get('trends')
  @ApiOperation({ summary: `The RAG distribution and overdue count across plans (every plan, or those in planIds) month by month. ${PERIOD}` })
  @ReadResponses({ ...EXAMPLE, planId: null, title: 'All plans', description: 'Across the five plans, Red actions fell from 42 in September 2013 to 12 in February 2015; ...' })
  acrossPlans(@Query() query: TrendsQueryDto): Promise<TrendView> {
    return this.queries.execute(new GetTrendQuery(null, query.from, query.to, query.planIds?.split(',')));
  }

  @Get('trends.svg')
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: `The trend across plans as an SVG chart. ${PERIOD}` })
  @ReadResponses('<svg xmlns="http://www.w3.org/2000/svg" role="img" ...>')
  async acrossPlansSvg(@Query() query: TrendsQueryDto): Promise<string> {
    return renderTrendSvg(await this.queries.execute(new GetTrendQuery(null, query.from, query.to, query.planIds?.split(','))));
  }
}
