import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionDecider, type ActionCommand } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { keyedId, WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { loadPlanForUpdate } from '../../common/load-plan';
import { writeContextOf } from '../../common/write-context-of';
import { plansPrefixingId } from '../../plans/commands/plans-prefixing-id';

type AddActionData = Extract<ActionCommand, { type: 'AddAction' }>['data'];

export class AddActionCommand extends Command<CommandResult> {
  constructor(
    /** Without an actionId the action gets a new one (see newActionId). */
    readonly data: Omit<AddActionData, 'actionId'> & { actionId?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
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
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data: given, context }: AddActionCommand): Promise<CommandResult> {
    const data: AddActionData = { ...given, actionId: given.actionId ?? newActionId(context) };
    // The rules check the action against its plan (404, then 403) and the plans its id names.
    const plan = await loadPlanForUpdate(this.store, data.planId, context.principal);
    const plansPrefixing = await plansPrefixingId(this.store, data.actionId);
    return this.writePath.handle(actionDecider, data.actionId, { type: 'AddAction', data, plan, plansPrefixingId: plansPrefixing }, writeContextOf(context), {
      // What the caller asked, without the id derived for it or the plan read for the rules.
      request: { type: 'AddAction', data: given },
    });
  }
}
