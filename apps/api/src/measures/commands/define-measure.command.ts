import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import {
  decideMeasure,
  evolveMeasure,
  evolvePlan,
  initialMeasureState,
  initialPlanState,
  measureStream,
  planStream,
  PlanNotFoundError,
  type MeasureDefined,
  type PlanEvent,
} from '@rag-ledger/domain';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

export class DefineMeasureCommand {
  constructor(
    readonly data: MeasureDefined['data'],
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DefineMeasureCommand)
export class DefineMeasureHandler implements ICommandHandler<DefineMeasureCommand, CommandResult> {
  constructor(
    private readonly executor: StreamCommandExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: DefineMeasureCommand): Promise<CommandResult> {
    const planEvents = await readStreamOrEmpty(this.store, planStream(data.planId));
    if (planEvents.length === 0) throw new PlanNotFoundError(data.planId);
    assertCanUpdatePlan(context.principal, data.planId);
    const plan = planEvents.reduce((s, e) => evolvePlan(s, e as unknown as PlanEvent), initialPlanState());
    return this.executor.execute(
      {
        streamId: measureStream(data.measureId),
        aggregateId: data.measureId,
        initialState: initialMeasureState,
        evolve: evolveMeasure,
        decide: (state) => decideMeasure({ type: 'DefineMeasure', data, plan }, state),
      },
      context,
    );
  }
}
