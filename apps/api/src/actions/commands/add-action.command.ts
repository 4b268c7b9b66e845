import { randomUUID } from 'node:crypto';
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
import { keyedId } from '../../common/write-path/idempotency';
import { plansPrefixingId } from '../../plans/commands/plans-prefixing-id';

type AddActionData = Extract<ActionCommand, { type: 'AddAction' }>['data'];

export class AddActionCommand {
  constructor(
    /** Without an actionId the action gets a new one (see newActionId). */
    readonly data: Omit<AddActionData, 'actionId'> & { actionId?: string },
    readonly context: CommandContext,
  ) {}
}

/**
 * The id of an action the caller did not name. Under an Idempotency-Key it is derived from
 * the key, so a repeat lands on the same action and answers its id instead of adding a
 * second one; otherwise it is random.
 */
export function newActionId(context: CommandContext): string {
  return context.idempotencyKey === undefined ? randomUUID() : keyedId(context.principal.id, context.idempotencyKey, 'action id');
}

@CommandHandler(AddActionCommand)
export class AddActionHandler implements ICommandHandler<AddActionCommand, CommandResult> {
  constructor(
    private readonly executor: StreamCommandExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data: given, context }: AddActionCommand): Promise<CommandResult> {
    const data: AddActionData = { ...given, actionId: given.actionId ?? newActionId(context) };
    const plan = await loadPlanForUpdate(this.store, data.planId, context.principal);
    const prefixing = await plansPrefixingId(this.store, data.actionId);
    return this.executor.execute(
      {
        streamId: actionStream(data.actionId),
        aggregateId: data.actionId,
        request: { type: 'AddAction', data: given },
        initialState: initialActionState,
        evolve: evolveAction,
        decide: (state) => decideAction({ type: 'AddAction', data, plan, plansPrefixingId: prefixing }, state),
      },
      context,
    );
  }
}
