import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planDecider, type AddWorkstream } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

export class AddWorkstreamCommand extends Command<CommandResult> {
  constructor(
    readonly data: AddWorkstream['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A work-stream lives in its plan's stream; the answer names the work-stream. */
@CommandHandler(AddWorkstreamCommand)
export class AddWorkstreamHandler implements ICommandHandler<AddWorkstreamCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ data, context }: AddWorkstreamCommand): Promise<CommandResult> {
    const result = await this.writePath.handle(planDecider, data.planId, { type: 'AddWorkstream', data }, writeContextOf(context));
    return { ...result, id: data.workstreamId };
  }
}
