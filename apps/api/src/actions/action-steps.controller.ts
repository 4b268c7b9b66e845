import { Body, Controller, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { withoutUndefined } from '@rag-ledger/domain';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ActionCommandRoute } from './actions.controller';
import { AddActionStepCommand, type AddStepResult } from './commands/add-action-step.command';
import { ChangeActionCommand, type ExistingActionCommand } from './commands/change-action.command';
import { AddActionStepDto, CompleteActionStepDto, ReopenActionStepDto, ReviseActionStepDto } from './dto/action-steps.dto';

/** An action's steps: the bullets a plan prints under it, each added, completed, reopened and revised on the action's stream. */
@ApiTags('actions')
@Controller('actions')
export class ActionStepsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/steps')
  @ActionCommandRoute(HttpStatus.CREATED)
  @ApiOperation({ summary: "Add a step to an action (open); the answer names the step's id" })
  add(@Param('id', ParseIdPipe) actionId: string, @Body() dto: AddActionStepDto, @Ctx() ctx: CommandContext): Promise<AddStepResult> {
    const { id, ...details } = dto;
    return this.commands.execute(new AddActionStepCommand(withoutUndefined({ actionId, stepId: id, ...details }), ctx));
  }

  @Post(':id/steps/:stepId/complete')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Mark a step done (the action itself is completed on its own)' })
  complete(@Param('id', ParseIdPipe) actionId: string, @Param('stepId', ParseIdPipe) stepId: string, @Body() dto: CompleteActionStepDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'CompleteActionStep', data: withoutUndefined({ actionId, stepId, note: dto.note }) }, ctx);
  }

  @Post(':id/steps/:stepId/reopen')
  @ActionCommandRoute()
  @ApiOperation({ summary: 'Reopen a done step, with a reason' })
  reopen(@Param('id', ParseIdPipe) actionId: string, @Param('stepId', ParseIdPipe) stepId: string, @Body() dto: ReopenActionStepDto, @Ctx() ctx: CommandContext) {
    return this.run({ type: 'ReopenActionStep', data: { actionId, stepId, reason: dto.reason } }, ctx);
  }

  @Post(':id/steps/:stepId/revise')
  @ActionCommandRoute()
  @ApiOperation({ summary: "Revise a step's text, owners, teams, date or status note, with a reason: only what changes is recorded" })
  revise(@Param('id', ParseIdPipe) actionId: string, @Param('stepId', ParseIdPipe) stepId: string, @Body() dto: ReviseActionStepDto, @Ctx() ctx: CommandContext) {
    const { reason, ...changes } = dto;
    return this.run({ type: 'ReviseActionStep', data: { actionId, stepId, changes: withoutUndefined(changes), reason } }, ctx);
  }

  private run(command: ExistingActionCommand, ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeActionCommand(command, ctx));
  }
}
