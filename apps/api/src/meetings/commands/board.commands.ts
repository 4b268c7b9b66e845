import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { boardDecider, planStream, type BoardCommand } from '@rag-ledger/domain';
import { EVENT_STORE, readStreamOrEmpty, type EventStore } from '@rag-ledger/event-store';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';

type EstablishData = Extract<BoardCommand, { type: 'EstablishBoard' }>['data'];
type ReviseData = Extract<BoardCommand, { type: 'ReviseBoard' }>['data'];

export class EstablishBoardCommand extends Command<CommandResult> {
  constructor(
    readonly data: EstablishData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class ReviseBoardCommand extends Command<CommandResult> {
  constructor(
    readonly data: ReviseData,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The plans among those named that the log holds (read from the log, so a plan imported a moment ago counts). */
async function knownPlans(store: EventStore, planIds: readonly string[] | undefined): Promise<string[]> {
  const known: string[] = [];
  for (const planId of new Set((planIds ?? []).map((id) => id.trim()))) {
    const [first] = await readStreamOrEmpty(store, planStream(planId), { maxCount: 1 });
    if (first) known.push(planId);
  }
  return known;
}

@CommandHandler(EstablishBoardCommand)
export class EstablishBoardHandler implements ICommandHandler<EstablishBoardCommand, CommandResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: EstablishBoardCommand): Promise<CommandResult> {
    const knownPlanIds = await knownPlans(this.store, data.planIds);
    return this.writePath.handle(boardDecider, data.boardId, { type: 'EstablishBoard', data, knownPlanIds }, writeContextOf(context), {
      // What the caller asked, without the plans read for the rule.
      request: { type: 'EstablishBoard', data },
    });
  }
}

@CommandHandler(ReviseBoardCommand)
export class ReviseBoardHandler implements ICommandHandler<ReviseBoardCommand, CommandResult> {
  constructor(
    private readonly writePath: WritePath,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data, context }: ReviseBoardCommand): Promise<CommandResult> {
    const knownPlanIds = await knownPlans(this.store, data.changes.planIds);
    return this.writePath.handle(boardDecider, data.boardId, { type: 'ReviseBoard', data, knownPlanIds }, writeContextOf(context), {
      request: { type: 'ReviseBoard', data },
    });
  }
}
