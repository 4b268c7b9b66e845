import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decidePlan, evolvePlan, initialPlanState, planStream, type AddWorkstream } from '@rag-ledger/domain';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

export class AddWorkstreamCommand {
  constructor(
    readonly data: AddWorkstream['data'],
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddWorkstreamCommand)
export class AddWorkstreamHandler implements ICommandHandler<AddWorkstreamCommand, CommandResult> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  async execute({ data, context }: AddWorkstreamCommand): Promise<CommandResult> {
    const result = await this.executor.execute(
      {
        streamId: planStream(data.planId),
        aggregateId: data.planId,
        request: { type: 'AddWorkstream', data },
        initialState: initialPlanState,
        evolve: evolvePlan,
        decide: (state) => decidePlan({ type: 'AddWorkstream', data }, state),
      },
      context,
    );
    return { ...result, id: data.workstreamId };
  }
}
