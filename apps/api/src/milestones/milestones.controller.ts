import { applyDecorators, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type MilestoneList, type MilestoneView, PLAN_WRITERS } from '@rag-ledger/contract';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { ChangeMilestoneCommand } from './commands/change-milestone.command';
import { SetMilestoneCommand, type SetMilestoneResult } from './commands/set-milestone.command';
import { AssessMilestoneDto, DUE_BEFORE, MilestonesQueryDto, ReviseMilestoneDto, SetMilestoneDto } from './dto/milestone.dto';
import { GetMilestoneHistoryQuery, GetMilestoneQuery, GetPlanMilestonesQuery } from './queries/milestone.queries';

const MILESTONE_EXAMPLE: MilestoneView = {
  id: 'EDU.M1', planId: 'EDU', workstreamId: 'EDU.P2', date: '2013-09-30', dateText: 'By Sept 2013',
  text: 'Every Chair of Governors and headteacher knows whether it is a school causing concern', refs: ['2'], group: null,
  assessment: { outcome: 'partly-met', reason: 'Two of the five chairs have not yet been told', at: '2013-10-17T10:00:00.000Z', by: { id: 'chair', name: 'Independent Chair', role: 'board' } },
  due: true, unassessed: false, evidenceCount: 1, lastChangedAt: '2013-10-17T10:00:00.000Z',
};

/** Same conventions as the action routes: 200 with { id, revision, position }, If-Match and Idempotency-Key. */
const MilestoneCommandRoute = (...roles: Array<'admin' | 'owner' | 'board'>) =>
  applyDecorators(
    HttpCode(HttpStatus.OK),
    Roles(...roles),
    CommandResponses(HttpStatus.OK),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw, e.g. "1": 409 if someone changed the milestone since' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer and writes nothing' }),
  );

@ApiTags('milestones')
@Controller()
export class MilestonesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('plans/:planId/milestones')
  @HttpCode(HttpStatus.CREATED)
  @Roles(...PLAN_WRITERS)
  @ApiOperation({ summary: "Set a milestone of a plan or of one of its work-streams (admin, or an owner of the plan); without an id it is <planId>.M<n>" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat returns the first answer (the same milestoneId) and writes nothing' })
  @CommandResponses(HttpStatus.CREATED)
  set(@Param('planId', ParseIdPipe) planId: string, @Body() dto: SetMilestoneDto, @Ctx() ctx: CommandContext): Promise<SetMilestoneResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new SetMilestoneCommand({ ...rest, planId, ...(id !== undefined ? { milestoneId: id } : {}) }, ctx));
  }

  @Post('milestones/:id/assessment')
  @MilestoneCommandRoute('admin', 'owner', 'board')
  @ApiOperation({ summary: 'Assess a milestone: met, partly-met or not-met, with the reason (board members, admins, owners of the plan); a later assessment stands in place of an earlier one' })
  assess(@Param('id', ParseIdPipe) milestoneId: string, @Body() dto: AssessMilestoneDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeMilestoneCommand({ type: 'AssessMilestone', data: { milestoneId, outcome: dto.outcome, reason: dto.reason } }, ctx));
  }

  @Post('milestones/:id/revision')
  @MilestoneCommandRoute('admin', 'owner')
  @ApiOperation({ summary: 'Revise a milestone (its date, statement, refs, work-stream or heading) with a reason; only what changes is recorded' })
  revise(@Param('id', ParseIdPipe) milestoneId: string, @Body() dto: ReviseMilestoneDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { reason, ...changes } = dto;
    return this.commands.execute(new ChangeMilestoneCommand({ type: 'ReviseMilestone', data: { milestoneId, changes: { ...changes }, reason } }, ctx));
  }

  @Get('plans/:planId/milestones')
  @ApiOperation({ summary: "The plan's milestones by date, each with its latest assessment, whether it is due and whether it is due and not assessed" })
  @ReadResponses({ asOf: '2013-11-21T09:00:00.000Z', planId: 'EDU', milestones: [MILESTONE_EXAMPLE] })
  list(@Param('planId', ParseIdPipe) planId: string, @Query() query: MilestonesQueryDto, @CurrentPrincipal() principal: Principal): Promise<MilestoneList> {
    assertMayReadHistory(principal, query.asOf);
    const dueBefore = query.due === undefined ? undefined : DUE_BEFORE.exec(query.due)?.[1];
    return this.queries.execute(new GetPlanMilestonesQuery(planId, query.asOf, dueBefore));
  }

  @Get('milestones/:id')
  @ApiOperation({ summary: 'A milestone with its latest assessment (who, when, why); its revision is also the ETag, for If-Match' })
  @ReadResponses({ ...MILESTONE_EXAMPLE, revision: 1 })
  async get(
    @Param('id', ParseIdPipe) milestoneId: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MilestoneView & { revision: number }> {
    assertMayReadHistory(principal, query.asOf);
    const milestone = await this.queries.execute(new GetMilestoneQuery(milestoneId, query.asOf));
    response.setHeader('ETag', `"${milestone.revision}"`);
    return milestone;
  }

  @Get('milestones/:id/history')
  @ApiOperation({ summary: 'Every event of the milestone in order (its evidence among them): who, when, what and why' })
  @ReadResponses([
    { position: 1040, revision: 0, type: 'MilestoneSet', at: '2013-09-02T09:00:00.000Z', actor: { id: 'cs', name: 'Chris Snudden', role: 'owner' }, data: { milestoneId: 'EDU.M1' }, reason: null },
    { position: 1042, revision: 1, type: 'MilestoneAssessed', at: '2013-10-17T10:00:00.000Z', actor: { id: 'chair', name: 'Independent Chair', role: 'board' }, data: { milestoneId: 'EDU.M1', planId: 'EDU', outcome: 'partly-met', reason: 'Two of the five chairs have not yet been told' }, reason: 'Two of the five chairs have not yet been told' },
  ])
  history(@Param('id', ParseIdPipe) milestoneId: string, @Query() _query: ReadQueryDto) {
    return this.queries.execute(new GetMilestoneHistoryQuery(milestoneId));
  }
}
