import { applyDecorators, Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ActionDetails } from '@rag-ledger/contract';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { ChangeActionCommand, type ExistingActionCommand } from './commands/change-action.command';
import {
  ChangeRagDto,
  CompleteActionDto,
  NoteProgressDto,
  ReassignOwnersDto,
  ReopenActionDto,
  ReviseTargetDateDto,
  StartActionDto,
  WithdrawActionDto,
} from './dto/action-commands.dto';
import { GetActionHistoryQuery } from './queries/get-action-history.query';
import { GetActionQuery } from './queries/get-action.query';

const ACTION_EXAMPLE = {
  id: 'SIP.PS.1.1.1', planId: 'SIP', workstreamId: 'SIP.PS', ref: '1.1.1',
  title: "Conduct a full and detailed visual overview of the journey of the child through children's social care",
  owners: ['AB', 'AH'], enablingTeams: ['CPO'], targetDate: '2013-12-31', targetDateText: 'Dec 2013', measures: null, links: [],
  status: 'A', overdue: false, lastChange: 'ActionRagChanged', lastReason: 'Mapping workshops postponed to January',
  createdAt: '2013-10-01T09:00:00.000Z', lastChangedAt: '2013-11-12T10:04:00.000Z', revision: 2,
  stepsDone: 1, stepsTotal: 2, allStepsDone: false,
  steps: [
    { id: 'SIP.PS.1.1.1.s1', text: 'Map the front door', owners: ['AB'], enablingTeams: [], targetDate: '2013-10-31', targetDateText: 'Oct 13', statusNote: 'complete', status: 'done', overdue: false, lastChangedAt: '2013-10-30T16:00:00.000Z' },
    { id: 'SIP.PS.1.1.1.s2', text: 'Map the hand-offs to locality teams', owners: ['AH'], enablingTeams: [], targetDate: '2013-12-31', targetDateText: 'Dec 2013', statusNote: null, status: 'open', overdue: false, lastChangedAt: '2013-10-01T09:00:00.000Z' },
  ],
  linkedTo: [{ text: 'EHIP', actionId: null, planId: 'EH', title: 'Early Help Improvement Plan' }, { text: 'VSIP', actionId: null, planId: null, title: null }],
  linkedFrom: [{ text: 'CSSIP 1.1.1', actionId: 'EH.2.1', planId: 'EH', title: 'Early help assessments in every locality' }],
};

/** Every command route: owners and admins, 200 (or 201 for what it adds) with the result, the optional headers and the error answers. */
export const ActionCommandRoute = (status: HttpStatus.OK | HttpStatus.CREATED = HttpStatus.OK) =>
  applyDecorators(
    HttpCode(status),
    Roles('admin', 'owner'),
    CommandResponses(status),
    ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw, e.g. "3": 409 if someone changed the action since' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Send the same key again after a lost reply: the first answer comes back and nothing is written twice' }),
  );

@ApiTags('actions')
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':id/start')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Start a not-started action at G (default), A or R' })
  start(@Param('id', ParseIdPipe) actionId: string, @Body() dto: StartActionDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'StartAction', data: { actionId, ...dto } }, ctx);
  }

  @Post(':id/rag')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Change the RAG rating of an action in progress, with a reason' })
  changeRag(@Param('id', ParseIdPipe) actionId: string, @Body() dto: ChangeRagDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ChangeActionRag', data: { actionId, rag: dto.rag, reason: dto.reason } }, ctx);
  }

  @Post(':id/notes')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Note progress on an action' })
  note(@Param('id', ParseIdPipe) actionId: string, @Body() dto: NoteProgressDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'NoteActionProgress', data: { actionId, text: dto.text } }, ctx);
  }

  @Post(':id/target-date')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Revise the target date, with a reason' })
  reviseTargetDate(@Param('id', ParseIdPipe) actionId: string, @Body() dto: ReviseTargetDateDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ReviseActionTargetDate', data: { actionId, targetDate: dto.targetDate, reason: dto.reason } }, ctx);
  }

  @Post(':id/owners')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Reassign the owners, with a reason' })
  reassignOwners(@Param('id', ParseIdPipe) actionId: string, @Body() dto: ReassignOwnersDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ReassignActionOwners', data: { actionId, owners: dto.owners, reason: dto.reason } }, ctx);
  }

  @Post(':id/complete')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Complete an action (it turns B)' })
  complete(@Param('id', ParseIdPipe) actionId: string, @Body() dto: CompleteActionDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'CompleteAction', data: { actionId, ...dto } }, ctx);
  }

  @Post(':id/reopen')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Reopen a completed action at a colour, with a reason' })
  reopen(@Param('id', ParseIdPipe) actionId: string, @Body() dto: ReopenActionDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ReopenAction', data: { actionId, rag: dto.rag, reason: dto.reason } }, ctx);
  }

  @Post(':id/withdraw')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Withdraw an action, with a reason: out of the counts, still in the history' })
  withdraw(@Param('id', ParseIdPipe) actionId: string, @Body() dto: WithdrawActionDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'WithdrawAction', data: { actionId, reason: dto.reason } }, ctx);
  }

  @Get(':id')
  @ApiOperation({ summary: "An action's current state (or as of a date) with its steps and its links both ways; its revision is also the ETag, for If-Match" })
  @ReadResponses(ACTION_EXAMPLE)
  async get(
    @Param('id', ParseIdPipe) actionId: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionDetails> {
    assertMayReadHistory(principal, query.asOf);
    const action = await this.queries.execute(new GetActionQuery(actionId, query.asOf));
    response.setHeader('ETag', `"${action.revision}"`);
    return action;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the action in order: who, when, what and why' })
  @ReadResponses([
    { position: 1040, revision: 0, type: 'ActionAdded', at: '2013-10-01T09:00:00.000Z', actor: { id: 'admin-1', name: 'Plan Administrator', role: 'admin' }, data: { actionId: 'SIP.PS.1.1.1' }, reason: null },
    { position: 1042, revision: 2, type: 'ActionRagChanged', at: '2013-11-12T10:04:00.000Z', actor: { id: 'ab', name: 'Andrea Brown', role: 'owner' }, data: { actionId: 'SIP.PS.1.1.1', planId: 'SIP', from: 'G', to: 'A', reason: 'Mapping workshops postponed to January' }, reason: 'Mapping workshops postponed to January' },
  ])
  history(@Param('id', ParseIdPipe) actionId: string, @Query() _query: ReadQueryDto) {
    return this.queries.execute(new GetActionHistoryQuery(actionId));
  }

  private run(command: ExistingActionCommand, ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeActionCommand(command, ctx));
  }
}
