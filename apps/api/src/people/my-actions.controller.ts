import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MyActionsView } from '@rag-ledger/contract';
import { CurrentPrincipal, SignedIn } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ReadResponses } from '../common/api-docs';
import { ReadQueryDto } from '../common/read-query.dto';
import { GetMyActionsQuery } from './queries/my-actions.query';

/**
 * "My actions": the first page an owner sees. Any signed-in caller, with or without a role (a
 * person whose only link to a plan is their initials on its actions still sees them); the
 * answer is about the caller only.
 */
@ApiTags('people')
@Controller('me')
export class MyActionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('actions')
  @SignedIn()
  @ApiOperation({ summary: 'The actions whose owners include my initials, across every plan: overdue first, then due within 30 days, then the rest, closed last' })
  @ReadResponses({
    person: { id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service' },
    actions: [{ id: 'EDU.P1.1.1', ref: '1.1', title: 'Challenge and support schools causing concern', planId: 'EDU', planTitle: 'Education Post Ofsted Action Plan', status: 'A', rag: 'A', targetDate: '2013-10-31', due: 'overdue' }],
  }, false)
  myActions(@CurrentPrincipal() principal: Principal, @Query() _query: ReadQueryDto): Promise<MyActionsView> {
    return this.queries.execute(new GetMyActionsQuery(principal));
  }
}
