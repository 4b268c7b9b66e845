import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_ADMINS, PLAN_WRITERS } from '@rag-ledger/contract';
import { AddActionCommand } from '../actions/commands/add-action.command';
import { AddActionDto } from '../actions/dto/add-action.dto';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { GetPlanBoardQuery } from '../boards/queries/get-plan-board.query';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { AddWorkstreamCommand } from './commands/add-workstream.command';
import { CreatePlanCommand } from './commands/create-plan.command';
import { AddWorkstreamDto } from './dto/add-workstream.dto';
import { CreatePlanDto } from './dto/create-plan.dto';
import { GetPlanQuery } from './queries/get-plan.query';
import { ListPlansQuery } from './queries/list-plans.query';

const PLAN_EXAMPLE = {
  id: 'SIP', kind: 'strategic', title: "Children's Services Strategic Improvement Plan 2013-2015", board: 'Improvement Board',
  version: '1.05', periodStart: '2013-10-01', periodEnd: '2015-09-30', createdAt: '2013-10-01T09:00:00.000Z',
  lastChangedAt: '2013-10-01T09:30:00.000Z', revision: 8,
};

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Create a plan (admin)' })
  @CommandResponses(HttpStatus.CREATED)
  create(@Body() dto: CreatePlanDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new CreatePlanCommand({ planId: id, ...rest }, ctx));
  }

  @Post(':planId/workstreams')
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Add a work-stream to a plan (admin)' })
  @CommandResponses(HttpStatus.CREATED)
  addWorkstream(
    @Param('planId', ParseIdPipe) planId: string,
    @Body() dto: AddWorkstreamDto,
    @Ctx() ctx: CommandContext,
  ): Promise<CommandResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new AddWorkstreamCommand({ planId, workstreamId: id, ...rest }, ctx));
  }

  @Post(':planId/actions')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...PLAN_WRITERS)
  @ApiOperation({ summary: 'Add an action to a work-stream (admin, or an owner of the plan); it starts as W' })
  @CommandResponses(HttpStatus.CREATED)
  addAction(
    @Param('planId', ParseIdPipe) planId: string,
    @Body() dto: AddActionDto,
    @Ctx() ctx: CommandContext,
  ): Promise<CommandResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new AddActionCommand({ actionId: id, planId, ...rest }, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'Every plan' })
  @ReadResponses([PLAN_EXAMPLE], false)
  list(@Query() _query: ReadQueryDto) {
    return this.queries.execute(new ListPlansQuery());
  }

  @Get(':planId')
  @ApiOperation({ summary: 'A plan with its work-streams' })
  @ReadResponses({ ...PLAN_EXAMPLE, workstreams: [{ id: 'SIP.PS', title: 'Practice Standards', accountable: 'Tom Savory', responsible: 'Andrea Brown', projectManager: 'Miles Fox-Boudewijn', outcome: null }] })
  get(@Param('planId', ParseIdPipe) planId: string, @Query() _query: ReadQueryDto) {
    return this.queries.execute(new GetPlanQuery(planId));
  }

  @Get(':planId/board')
  @ApiOperation({ summary: "A plan's RAG board: counts, each work-stream with its actions, and the stamp of the log it was drawn from (position and hash-chain head, head null where the store keeps no chain)" })
  @ReadResponses({
    plan: { ...PLAN_EXAMPLE, framework: { lead: 'Matt Dunkley', successCriteria: ['Children are safe and their outcomes improve'], standards: [], assumptions: [], risks: [] } },
    counts: { W: 40, G: 30, A: 12, R: 4, B: 5 }, total: 91, overdue: 7, withdrawn: 0, exceptions: 19,
    workstreams: [{ id: 'SIP.PS', title: 'Practice Standards', counts: { W: 3, G: 2, A: 1, R: 0, B: 0 }, total: 6, overdue: 1, withdrawn: 0, exceptions: 2,
      framework: { lead: 'Andrea Brown', successCriteria: ['Audits show consistently good practice'], standards: ['Working Together 2013'], assumptions: [], risks: ['Recruitment of social workers'] }, unassessedMilestones: 1,
      actions: [{ id: 'SIP.PS.1.1.1', ref: '1.1.1', title: 'Conduct a full and detailed visual overview of the journey of the child', owners: ['AB', 'AH'], targetDate: '2013-12-31', status: 'A', overdue: false, lastChangedAt: '2013-11-12T10:04:00.000Z' }] }],
    stamp: { position: 1042, head: '9f2c4e...64 hex digits' },
  })
  board(@Param('planId', ParseIdPipe) planId: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal) {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new GetPlanBoardQuery(planId, query.asOf));
  }
}
