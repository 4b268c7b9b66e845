import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { milestoneDecider, MilestoneNotFoundError, type MilestoneCommand } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { loadPlanForUpdate } from '../../common/load-plan';
import { writeContextOf } from '../../common/write-context-of';
import { assertMayAssessMilestone } from '../milestone-assessment-not-allowed.error';

/** A revision (the plan is read here, for the rule on work-streams) or an assessment. */
export type ExistingMilestoneCommand =
  | { type: 'ReviseMilestone'; data: Extract<MilestoneCommand, { type: 'ReviseMilestone' }>['data'] }
  | Extract<MilestoneCommand, { type: 'AssessMilestone' }>;

export class ChangeMilestoneCommand extends Command<CommandResult> {
  constructor(
    readonly command: ExistingMilestoneCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeMilestoneCommand)
export class ChangeMilestoneHandler implements ICommandHandler<ChangeMilestoneCommand, CommandResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command, context }: ChangeMilestoneCommand): Promise<CommandResult> {
    const { milestoneId } = command.data;
    const write = writeContextOf(context);
    if (command.type === 'AssessMilestone') {
      return this.writePath.handle(milestoneDecider, milestoneId, command, write, {
        // Board members assess at their meeting; owners of the plan and admins too. Unknown milestones fall through to a 404.
        authorize: (state) => state.exists && assertMayAssessMilestone(context.principal, state.planId),
      });
    }
    // Revising: admins and owners of the plan (404 for an unknown milestone, then 403), with the plan for the rules.
    const { state } = await this.writePath.stateOf(milestoneDecider, milestoneId);
    if (!state.exists) throw new MilestoneNotFoundError(milestoneId);
    const plan = await loadPlanForUpdate(this.store, state.planId, context.principal);
    return this.writePath.handle(milestoneDecider, milestoneId, { ...command, plan }, write, {
      authorize: (current) => current.exists && assertCanUpdatePlan(context.principal, current.planId),
      request: command,
    });
  }
}
