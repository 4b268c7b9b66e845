import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionDecider, type ActionStepAdded, type ActionStepCommand } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

export type AddStepResult = CommandResult & { stepId: string };

export class AddActionStepCommand extends Command<AddStepResult> {
  constructor(
    readonly data: Extract<ActionStepCommand, { type: 'AddActionStep' }>['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Adds a step to an action, answering the step's id too. Without an id the rules name it (the
 * next free <actionId>.s<n>), so the id is read from the event recorded at the answered
 * revision: a repeat under the same Idempotency-Key answers the first step's id.
 */
@CommandHandler(AddActionStepCommand)
export class AddActionStepHandler implements ICommandHandler<AddActionStepCommand, AddStepResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: AddActionStepCommand): Promise<AddStepResult> {
    const result = await this.writePath.handle(actionDecider, data.actionId, { type: 'AddActionStep', data }, writeContextOf(context), {
      authorize: (state) => state.exists && assertCanUpdatePlan(context.principal, state.planId),
    });
    for await (const event of this.store.readStream(actionDecider.streamOf(data.actionId), { fromRevision: BigInt(result.revision), maxCount: 1 })) {
      return { ...result, stepId: (event.data as ActionStepAdded['data']).stepId };
    }
    throw new Error(`The step added to action "${data.actionId}" is not in its stream at revision ${result.revision}.`);
  }
}
