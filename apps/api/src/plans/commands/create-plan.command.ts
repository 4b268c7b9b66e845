import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decidePlan, evolvePlan, initialPlanState, planStream, type CreatePlan } from '@rag-ledger/domain';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { StreamCommandExecutor } from '../../common/stream-command-executor';

export class CreatePlanCommand {
  constructor(
    readonly data: CreatePlan['data'],
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, CommandResult> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  execute({ data, context }: CreatePlanCommand): Promise<CommandResult> {
    return this.executor.execute(
      {
        streamId: planStream(data.planId),
        aggregateId: data.planId,
        request: { type: 'CreatePlan', data },
        initialState: initialPlanState,
        evolve: evolvePlan,
        decide: (state) => decidePlan({ type: 'CreatePlan', data }, state),
      },
      context,
    );
  }
}
