import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { boardDecider, MeetingAlreadyExistsError, meetingDecider, type MeetingCommand, type MeetingDetails } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import type { CommandContext, CommandResult } from '../../common/command-context';
import { writeContextOf } from '../../common/write-context-of';
import { MeetingIdTakenError } from '../meeting-id-taken.error';

export class ScheduleMeetingCommand extends Command<CommandResult> {
  constructor(
    /** Without a meetingId it is `<boardId>-<date>`. */
    readonly data: { boardId: string; meetingId?: string } & MeetingDetails,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class RescheduleMeetingCommand extends Command<CommandResult> {
  constructor(
    readonly data: Extract<MeetingCommand, { type: 'RescheduleMeeting' }>['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  async execute({ data, context }: ScheduleMeetingCommand): Promise<CommandResult> {
    const { meetingId: given, ...details } = data;
    const meetingId = given ?? `${data.boardId}-${data.date}`;
    const { state: board } = await this.writePath.stateOf(boardDecider, data.boardId);
    try {
      return await this.writePath.handle(meetingDecider, meetingId, { type: 'ScheduleMeeting', data: { ...details, meetingId }, board }, writeContextOf(context), {
        // What the caller asked, without the id made for it or the board read for the rule.
        request: { type: 'ScheduleMeeting', data },
      });
    } catch (error) {
      // The id made from the date is taken: a second meeting that day needs an id of its own.
      if (error instanceof MeetingAlreadyExistsError && given === undefined) throw new MeetingIdTakenError(data.boardId, data.date, meetingId);
      throw error;
    }
  }
}

@CommandHandler(RescheduleMeetingCommand)
export class RescheduleMeetingHandler implements ICommandHandler<RescheduleMeetingCommand, CommandResult> {
  constructor(private readonly writePath: WritePath) {}

  execute({ data, context }: RescheduleMeetingCommand): Promise<CommandResult> {
    return this.writePath.handle(meetingDecider, data.meetingId, { type: 'RescheduleMeeting', data }, writeContextOf(context));
  }
}
