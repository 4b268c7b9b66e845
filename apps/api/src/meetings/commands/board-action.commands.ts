import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BoardActionAlreadyExistsError, boardActionDecider, meetingDecider, type BoardActionDetails } from '@rag-ledger/domain';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { MeetingsQueries } from '@rag-ledger/projections';
import { keyedEventId, WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { nextBoardActionId } from './next-board-action-id';

/** Another request may take the number chosen for a board action without an id between the choice and the append. */
const ATTEMPTS_FOR_A_FREE_NUMBER = 5;

export class AgreeBoardActionCommand extends Command<CommandResult> {
  constructor(
    /** Without a boardActionId it gets the next `<meetingId>.<n>`. */
    readonly data: { meetingId: string; boardActionId?: string } & BoardActionDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type ExistingBoardActionCommand =
  | { type: 'RespondToBoardAction'; data: { boardActionId: string; text: string } }
  | { type: 'CloseBoardAction'; data: { boardActionId: string; reason: string } };

export class ChangeBoardActionCommand extends Command<CommandResult> {
  constructor(
    readonly command: ExistingBoardActionCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AgreeBoardActionCommand)
export class AgreeBoardActionHandler implements ICommandHandler<AgreeBoardActionCommand, CommandResult> {
  constructor(
    private readonly writePath: WritePath,
    private readonly meetings: MeetingsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ data: given, context }: AgreeBoardActionCommand): Promise<CommandResult> {
    const write = writeContextOf(context);
    const { state: meeting } = await this.writePath.stateOf(meetingDecider, given.meetingId);
    const { boardActionId: _given, ...details } = given;
    for (let attempt = 1; ; attempt++) {
      const boardActionId =
        given.boardActionId ??
        (await nextBoardActionId(
          this.store,
          given.meetingId,
          this.meetings.countOfMeeting(given.meetingId),
          write.idempotencyKey === undefined ? undefined : keyedEventId(write.actor.id, write.idempotencyKey, 0),
        ));
      try {
        return await this.writePath.handle(boardActionDecider, boardActionId, { type: 'AgreeBoardAction', data: { ...details, boardActionId }, meeting }, write, {
          // What the caller asked, without the id chosen for it or the meeting read for the rule.
          request: { type: 'AgreeBoardAction', data: given },
        });
      } catch (error) {
        // A number chosen here and taken meanwhile: the next one. An id the caller gave is theirs to change.
        if (!(error instanceof BoardActionAlreadyExistsError) || given.boardActionId !== undefined || attempt >= ATTEMPTS_FOR_A_FREE_NUMBER) throw error;
      }
    }
  }
}

@CommandHandler(ChangeBoardActionCommand)
export class ChangeBoardActionHandler implements ICommandHandler<ChangeBoardActionCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ command, context }: ChangeBoardActionCommand): Promise<CommandResult> {
    return this.writePath.handle(boardActionDecider, command.data.boardActionId, command, writeContextOf(context));
  }
}
