import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import {
  actionStream,
  decideAction,
  evolveAction,
  initialActionState,
  type ActionCommand,
} from '@rag-ledger/domain';
import { loadPlanForUpdate } from '../../common/load-plan';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

export class AddActionCommand {
  constructor(
    readonly data: Extract<ActionCommand, { type: 'AddAction' }>['data'],
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddActionCommand)
export class AddActionHandler implements ICommandHandler<AddActionCommand, CommandResult> {
  constructor(
    private readonly executor: StreamCommandExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: AddActionCommand): Promise<CommandResult> {
    const plan = await loadPlanForUpdate(this.store, data.planId, context.principal);
    return this.executor.execute(
      {
        streamId: actionStream(data.actionId),
        aggregateId: data.actionId,
        initialState: initialActionState,
        evolve: evolveAction,
        decide: (state) => decideAction({ type: 'AddAction', data, plan }, state),
      },
      context,
    );
  }
}
