import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionDecider, type ActionCommand } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

/** Any command on an existing action: start, RAG change, note, date, owners, complete, reopen, withdraw. */
export type ExistingActionCommand = Exclude<ActionCommand, { type: 'AddAction' }>;

export class ChangeActionCommand extends Command<CommandResult> {
  constructor(
    readonly command: ExistingActionCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeActionCommand)
export class ChangeActionHandler implements ICommandHandler<ChangeActionCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ command, context }: ChangeActionCommand): Promise<CommandResult> {
    return this.writePath.handle(actionDecider, command.data.actionId, command, writeContextOf(context), {
      // An owner may change actions of their own plans only; unknown actions fall through to a 404.
      authorize: (state) => state.exists && assertCanUpdatePlan(context.principal, state.planId),
    });
  }
}
