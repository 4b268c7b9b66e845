import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import {
  decideMeasure,
  evolveMeasure,
  initialMeasureState,
  measureStream,
  type MeasureDefined,
} from '@rag-ledger/domain';
import { loadPlanForUpdate } from '../../common/load-plan';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';
import { plansPrefixingId } from '../../plans/commands/plans-prefixing-id';

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
    const plan = await loadPlanForUpdate(this.store, data.planId, context.principal);
    const prefixing = await plansPrefixingId(this.store, data.measureId);
    return this.executor.execute(
      {
        streamId: measureStream(data.measureId),
        aggregateId: data.measureId,
        request: { type: 'DefineMeasure', data },
        initialState: initialMeasureState,
        evolve: evolveMeasure,
        decide: (state) => decideMeasure({ type: 'DefineMeasure', data, plan, plansPrefixingId: prefixing }, state),
      },
      context,
    );
  }
}
