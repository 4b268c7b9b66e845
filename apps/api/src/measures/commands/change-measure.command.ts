import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideMeasure, evolveMeasure, initialMeasureState, measureStream, type MeasureCommand } from '@rag-ledger/domain';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

/** Any command on an existing measure: target, value, revision, comparator, RAG override. */
export type ExistingMeasureCommand = Exclude<MeasureCommand, { type: 'DefineMeasure' }>;

export class ChangeMeasureCommand {
  constructor(
    readonly command: ExistingMeasureCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeMeasureCommand)
export class ChangeMeasureHandler implements ICommandHandler<ChangeMeasureCommand, CommandResult> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ command, context }: ChangeMeasureCommand): Promise<CommandResult> {
    const measureId = command.data.measureId;
    return this.executor.execute(
      {
        streamId: measureStream(measureId),
        aggregateId: measureId,
        request: command,
        initialState: initialMeasureState,
        evolve: evolveMeasure,
        authorize: (state) => state.exists && assertCanUpdatePlan(context.principal, state.planId),
        decide: (state) => decideMeasure(command, state),
      },
      context,
    );
  }
}
