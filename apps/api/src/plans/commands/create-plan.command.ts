import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planDecider, type CreatePlan } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

export class CreatePlanCommand extends Command<CommandResult> {
  constructor(
    readonly data: CreatePlan['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ data, context }: CreatePlanCommand): Promise<CommandResult> {
    return this.writePath.handle(planDecider, data.planId, { type: 'CreatePlan', data }, writeContextOf(context));
  }
}
