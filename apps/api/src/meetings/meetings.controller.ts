import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MEETING_SECRETARIES, type MeetingView } from '@rag-ledger/contract';
import { ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { MEETING_EXAMPLE } from './boards.controller';
import { AgreeBoardActionCommand } from './commands/board-action.commands';
import { IssuePackCommand, type IssuedPack } from './commands/issue-pack.command';
import { RescheduleMeetingCommand } from './commands/meeting.commands';
import { AgreeBoardActionDto } from './dto/board-action.dto';
import { RescheduleMeetingDto } from './dto/meeting.dto';
import { MeetingCommandRoute } from './meeting-routes';
import { GetMeetingQuery } from './queries/meetings.queries';

/** A board's meetings: rescheduling, issuing the pack, and the actions a meeting agrees. */
@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: "A meeting, with its pack's stamp once issued and the reminders sent; its revision is also the ETag" })
  @ReadResponses({ ...MEETING_EXAMPLE, revision: 2 })
  async get(@Param('id', ParseIdPipe) meetingId: string, @Query() _query: ReadQueryDto, @Res({ passthrough: true }) response: Response): Promise<MeetingView & { revision: number }> {
    const meeting = await this.queries.execute(new GetMeetingQuery(meetingId));
    response.setHeader('ETag', `"${meeting.revision}"`);
    return meeting;
  }

  @Post(':id/rescheduling')
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({ summary: 'Move a meeting (its day, title or papers due date) with a reason; only what changes is recorded' })
  reschedule(@Param('id', ParseIdPipe) meetingId: string, @Body() dto: RescheduleMeetingDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { reason, ...changes } = dto;
    return this.commands.execute(new RescheduleMeetingCommand({ meetingId, changes: { ...changes }, reason }, ctx));
  }

  @Post(':id/pack')
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({
    summary:
      "Issue the meeting's pack (admin, board): frozen at the log's last position and its chain head (position, head), with the board's plans, their measures and the previous issued pack; once only (409 after)",
  })
  issue(@Param('id', ParseIdPipe) meetingId: string, @Ctx() ctx: CommandContext): Promise<IssuedPack> {
    return this.commands.execute(new IssuePackCommand(meetingId, ctx));
  }

  @Post(':id/board-actions')
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({ summary: 'Record an action the meeting agreed (admin, board): agenda item, what was agreed, owner, due day; without an id it is <meetingId>.<n>' })
  agree(@Param('id', ParseIdPipe) meetingId: string, @Body() dto: AgreeBoardActionDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...details } = dto;
    return this.commands.execute(new AgreeBoardActionCommand({ ...details, meetingId, ...(id !== undefined ? { boardActionId: id } : {}) }, ctx));
  }
}
