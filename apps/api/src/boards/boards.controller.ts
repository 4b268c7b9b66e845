import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { ExceptionsQueryDto } from './dto/exceptions-query.dto';
import { GetExceptionsQuery } from './queries/get-exceptions.query';
import { GetImprovementBoardQuery } from './queries/get-improvement-board.query';

@ApiTags('boards')
@Controller()
export class BoardsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('board')
  @ApiOperation({ summary: 'The Improvement Board overview: every plan with its RAG counts, overdue and withdrawn' })
  @ReadResponses({
    asOf: '2013-11-21T09:00:00.000Z',
    plans: [{ id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan 2013-2015", counts: { W: 40, G: 30, A: 12, R: 4, B: 5 }, total: 91, overdue: 7, withdrawn: 0, exceptions: 19 }],
    stamp: { position: 1042, head: '9f2c4e...64 hex digits' },
  }, false)
  board(@Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal) {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new GetImprovementBoardQuery(query.asOf));
  }

  @Get('exceptions')
  @ApiOperation({ summary: 'Red, Amber and overdue actions, worst first (Red, then Amber, then overdue), and the milestones due and not assessed, by date' })
  @ReadResponses({
    asOf: '2013-11-21T09:00:00.000Z', planId: 'SIP', actions: [{ id: 'SIP.PS.1.3', status: 'R', overdue: true, targetDate: '2013-10-31' }],
    milestones: [{ id: 'SIP.M2', planId: 'SIP', workstreamId: 'SIP.PS', date: '2013-10-31', dateText: 'Oct 2013', text: 'Every referral screened within 24 hours', due: true, unassessed: true, assessment: null }],
    stamp: { position: 1042, head: '9f2c4e...64 hex digits' },
  })
  exceptions(@Query() query: ExceptionsQueryDto, @CurrentPrincipal() principal: Principal) {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new GetExceptionsQuery(query.planId, query.asOf));
  }
}
