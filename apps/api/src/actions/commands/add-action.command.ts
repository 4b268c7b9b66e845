import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import {
  actionStream,
  decideAction,
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  planStream,
  PlanNotFoundError,
  type ActionCommand,
  type PlanEvent,
} from '@rag-ledger/domain';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
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
    const planEvents = await readStreamOrEmpty(this.store, planStream(data.planId));
    if (planEvents.length === 0) throw new PlanNotFoundError(data.planId);
    assertCanUpdatePlan(context.principal, data.planId);
    // Work-streams are only ever added, so the plan read here cannot lose one before the append.
    const plan = planEvents.reduce((s, e) => evolvePlan(s, e as unknown as PlanEvent), initialPlanState());
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
