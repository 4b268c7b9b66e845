import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadResponses } from '../common/api-docs';
import { AuditQueryDto } from './dto/audit-query.dto';
import { GetAuditTrailQuery } from './queries/get-audit-trail.query';
import { toInstantBounds } from '../common/instant-bounds';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail, in log order, filtered and paged (pass nextCursor as cursor)' })
  @ReadResponses({
    items: [{ position: 1042, streamId: 'action-SIP.PS.1.1.1', revision: 2, eventId: '0b7c…', type: 'ActionRagChanged', at: '2013-11-12T10:04:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, planId: 'SIP', actionId: 'SIP.PS.1.1.1', data: { from: 'G', to: 'A' }, reason: 'Mapping workshops postponed to January', correlationId: 'req-1', causationId: 'cmd-1' }],
    nextCursor: null,
  }, false)
  trail(@Query() query: AuditQueryDto) {
    const { minPosition: _, from, to, ...filter } = query;
    return this.queries.execute(new GetAuditTrailQuery({ ...filter, ...toInstantBounds(from, to) }));
  }
}
