import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { measureDecider, type MeasureCommand } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import { assertCanUpdatePlan } from '../../auth/plan-not-allowed.error';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

/** Any command on an existing measure: target, value, revision, comparator, RAG override. */
export type ExistingMeasureCommand = Exclude<MeasureCommand, { type: 'DefineMeasure' }>;

export class ChangeMeasureCommand extends Command<CommandResult> {
  constructor(
    readonly command: ExistingMeasureCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeMeasureCommand)
export class ChangeMeasureHandler implements ICommandHandler<ChangeMeasureCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ command, context }: ChangeMeasureCommand): Promise<CommandResult> {
    return this.writePath.handle(measureDecider, command.data.measureId, command, writeContextOf(context), {
      authorize: (state) => state.exists && assertCanUpdatePlan(context.principal, state.planId),
    });
  }
}
