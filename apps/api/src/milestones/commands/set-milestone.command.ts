import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MilestoneAlreadyExistsError, milestoneDecider, type MilestoneCommand } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { MilestonesQueries } from '@rag-ledger/projections';
import { keyedEventId, WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { loadPlanForUpdate } from '../../common/load-plan';
import { writeContextOf } from '../../common/write-context-of';
import { plansPrefixingId } from '../../plans/commands/plans-prefixing-id';
import { nextMilestoneId } from './next-milestone-id';

type SetMilestoneData = Extract<MilestoneCommand, { type: 'SetMilestone' }>['data'];
export type SetMilestoneResult = CommandResult & { milestoneId: string };

/** Another request may take the number chosen for a milestone without an id between the choice and the append. */
const ATTEMPTS_FOR_A_FREE_NUMBER = 5;

export class SetMilestoneCommand extends Command<SetMilestoneResult> {
  constructor(
    /** Without a milestoneId it gets the next `<planId>.M<n>` (see nextMilestoneId). */
    readonly data: Omit<SetMilestoneData, 'milestoneId'> & { milestoneId?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(SetMilestoneCommand)
export class SetMilestoneHandler implements ICommandHandler<SetMilestoneCommand, SetMilestoneResult> {
  constructor(
    private readonly writePath: WritePath,
    private readonly milestones: MilestonesQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data: given, context }: SetMilestoneCommand): Promise<SetMilestoneResult> {
    // The rules check the milestone against its plan (404, then 403) and the plans its id names.
    const plan = await loadPlanForUpdate(this.store, given.planId, context.principal);
    const write = writeContextOf(context);
    for (let attempt = 1; ; attempt++) {
      const milestoneId =
        given.milestoneId ??
        (await nextMilestoneId(
          this.store,
          given.planId,
          this.milestones.countOfPlan(given.planId),
          write.idempotencyKey === undefined ? undefined : keyedEventId(write.actor.id, write.idempotencyKey, 0),
        ));
      const plansPrefixing = await plansPrefixingId(this.store, milestoneId);
      try {
        const result = await this.writePath.handle(milestoneDecider, milestoneId, { type: 'SetMilestone', data: { ...given, milestoneId }, plan, plansPrefixingId: plansPrefixing }, write, {
          // What the caller asked, without the id chosen for it or the plan read for the rules.
          request: { type: 'SetMilestone', data: given },
        });
        return { ...result, milestoneId };
      } catch (error) {
        // A number chosen here and taken meanwhile: the next one. An id the caller gave is theirs to change.
        if (!(error instanceof MilestoneAlreadyExistsError) || given.milestoneId !== undefined || attempt >= ATTEMPTS_FOR_A_FREE_NUMBER) throw error;
      }
    }
  }
}
