import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionStream, decideAction, evolveAction, initialActionState, type ActionCommand } from '@rag-ledger/domain';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

/** Any command on an existing action: start, RAG change, note, date, owners, complete, reopen, withdraw. */
export type ExistingActionCommand = Exclude<ActionCommand, { type: 'AddAction' }>;

export class ChangeActionCommand {
  constructor(
    readonly command: ExistingActionCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeActionCommand)
export class ChangeActionHandler implements ICommandHandler<ChangeActionCommand, CommandResult> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ command, context }: ChangeActionCommand): Promise<CommandResult> {
    const actionId = command.data.actionId;
    return this.executor.execute(
      {
        streamId: actionStream(actionId),
        aggregateId: actionId,
        request: command,
        initialState: initialActionState,
        evolve: evolveAction,
        // An owner may change actions of their own plans only; unknown actions fall through to a 404.
        authorize: (state) => state.exists && assertCanUpdatePlan(context.principal, state.planId),
        decide: (state) => decideAction(command, state),
      },
      context,
    );
  }
}
