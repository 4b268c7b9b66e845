import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HISTORY_READERS } from '@rag-ledger/contract';
import { Roles } from '../auth/decorators';
import { ReadResponses } from '../common/api-docs';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PeriodQueryDto } from '../common/period-query.dto';
import { GetChangesQuery } from './queries/get-changes.query';

@ApiTags('audit')
@Controller('plans/:planId/changes')
export class ChangesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...HISTORY_READERS)
  @ApiOperation({ summary: 'What moved between two meetings: every action whose status, target date or owners changed, worst movements first' })
  @ReadResponses({
    planId: 'SIP', from: '2013-12-12T00:00:00.000Z', to: '2014-01-16T23:59:59.999Z',
    actions: [{
      actionId: 'SIP.PS.1.1.1', ref: '1.1.1', title: 'Map the journey of the child', workstreamId: 'SIP.PS',
      before: { status: 'A', targetDate: '2013-12-31', owners: ['AB', 'AH'], overdue: false },
      after: { status: 'R', targetDate: '2014-03-31', owners: ['AB', 'AH'], overdue: false },
      changes: [{ type: 'ActionRagChanged', at: '2014-01-10T09:12:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, from: 'A', to: 'R', reason: 'Mapping workshops cancelled twice' }],
    }],
  })
  changes(@Param('planId', ParseIdPipe) planId: string, @Query() query: PeriodQueryDto) {
    return this.queries.execute(new GetChangesQuery(planId, query.from, query.to));
  }
}
