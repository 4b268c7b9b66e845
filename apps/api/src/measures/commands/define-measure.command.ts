import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { measureDecider, type MeasureDefined } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { loadPlanForUpdate } from '../../common/load-plan';
import { writeContextOf } from '../../common/write-context-of';
import { plansPrefixingId } from '../../plans/commands/plans-prefixing-id';

export class DefineMeasureCommand extends Command<CommandResult> {
  constructor(
    readonly data: MeasureDefined['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DefineMeasureCommand)
export class DefineMeasureHandler implements ICommandHandler<DefineMeasureCommand, CommandResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: DefineMeasureCommand): Promise<CommandResult> {
    // The rules check the measure against its plan (404, then 403) and the plans its id names.
    const plan = await loadPlanForUpdate(this.store, data.planId, context.principal);
    const plansPrefixing = await plansPrefixingId(this.store, data.measureId);
    return this.writePath.handle(measureDecider, data.measureId, { type: 'DefineMeasure', data, plan, plansPrefixingId: plansPrefixing }, writeContextOf(context), {
      // What the caller asked, without the plan read for the rules: a repeat asks the same.
      request: { type: 'DefineMeasure', data },
    });
  }
}
