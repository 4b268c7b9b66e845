import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type BoardActionView, type BoardView, MEETING_SECRETARIES, type MeetingView } from '@rag-ledger/contract';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { ReadResponses } from '../common/api-docs';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { EstablishBoardCommand, ReviseBoardCommand } from './commands/board.commands';
import { ScheduleMeetingCommand } from './commands/meeting.commands';
import { BoardActionsQueryDto } from './dto/board-action.dto';
import { EstablishBoardDto, ReviseBoardDto } from './dto/board.dto';
import { ScheduleMeetingDto } from './dto/meeting.dto';
import { ACTOR_EXAMPLE, MeetingCommandRoute } from './meeting-routes';
import { GetBoardQuery, ListBoardActionsQuery, ListBoardsQuery, ListMeetingsQuery } from './queries/meetings.queries';

export const MEETING_EXAMPLE: MeetingView = {
  id: 'CSIB-2014-01-21', boardId: 'CSIB', date: '2014-01-21', title: 'Improvement Board, January', papersDueOn: '2014-01-14', scheduledAt: '2013-12-02T09:00:00.000Z',
  pack: { position: 1042, head: '9f2c…', issuedAt: '2014-01-14T16:00:00.000Z', issuedBy: ACTOR_EXAMPLE, planIds: ['SIP'], measureIds: ['SIP.M.1'], previous: null },
  reminders: [{ sentAt: '2014-01-10T07:00:00.000Z', owners: ['SS'], channel: 'smtp' }],
  boardActionIds: ['CSIB-2014-01-21.1'],
};

const BOARD_EXAMPLE: BoardView = {
  id: 'CSIB', name: "Children's Services Improvement Board", kind: 'improvement', planIds: ['SIP', 'EDU'], members: ['Independent Chair', 'SS'],
  establishedAt: '2013-11-01T09:00:00.000Z', nextMeeting: null, lastIssuedMeeting: MEETING_EXAMPLE,
};

export const BOARD_ACTION_EXAMPLE: BoardActionView = {
  id: 'CSIB-2014-01-21.1', boardId: 'CSIB', meetingId: 'CSIB-2014-01-21', agendaItem: '4. Performance report',
  text: 'It was agreed that the accurate figure would be circulated with the minutes', owner: 'SS', dueOn: '2014-02-18', state: 'open', overdue: false,
  agreedAt: '2014-01-21T11:00:00.000Z', agreedBy: ACTOR_EXAMPLE, responses: [], closure: null, evidenceCount: 0,
};

/** The boards that meet, their meetings and their action log (the domain's boardDecider; meetings and board actions in their own controllers). */
@ApiTags('meetings')
@Controller('boards')
export class BoardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({ summary: 'Set up a board (admin, board): the plans it reviews (each must exist) and its members; kind improvement (default), plan or scrutiny' })
  establish(@Body() dto: EstablishBoardDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...rest } = dto;
    return this.commands.execute(new EstablishBoardCommand({ ...rest, boardId: id }, ctx));
  }

  @Post(':id/revision')
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({ summary: 'Revise a board (its name, kind, plans or members) with a reason; only what changes is recorded' })
  revise(@Param('id', ParseIdPipe) boardId: string, @Body() dto: ReviseBoardDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { reason, ...changes } = dto;
    return this.commands.execute(new ReviseBoardCommand({ boardId, changes: { ...changes }, reason }, ctx));
  }

  @Post(':id/meetings')
  @MeetingCommandRoute(MEETING_SECRETARIES)
  @ApiOperation({ summary: "Schedule a meeting of the board (admin, board): its day, title and papers due date; without an id it is <boardId>-<date>" })
  schedule(@Param('id', ParseIdPipe) boardId: string, @Body() dto: ScheduleMeetingDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...details } = dto;
    return this.commands.execute(new ScheduleMeetingCommand({ ...details, boardId, ...(id !== undefined ? { meetingId: id } : {}) }, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'Every board, with its next meeting and its last meeting whose pack was issued' })
  @ReadResponses([BOARD_EXAMPLE], false)
  list(@Query() _query: ReadQueryDto): Promise<BoardView[]> {
    return this.queries.execute(new ListBoardsQuery());
  }

  @Get(':id')
  @ApiOperation({ summary: 'A board; its revision is also the ETag, for If-Match' })
  @ReadResponses({ ...BOARD_EXAMPLE, revision: 0 })
  async get(@Param('id', ParseIdPipe) boardId: string, @Query() _query: ReadQueryDto, @Res({ passthrough: true }) response: Response): Promise<BoardView & { revision: number }> {
    const board = await this.queries.execute(new GetBoardQuery(boardId));
    response.setHeader('ETag', `"${board.revision}"`);
    return board;
  }

  @Get(':id/meetings')
  @ApiOperation({ summary: "The board's meetings by date, each with its pack's stamp once issued and the reminders sent before it" })
  @ReadResponses([MEETING_EXAMPLE])
  meetings(@Param('id', ParseIdPipe) boardId: string, @Query() _query: ReadQueryDto): Promise<MeetingView[]> {
    return this.queries.execute(new ListMeetingsQuery(boardId));
  }

  @Get(':id/board-actions')
  @ApiOperation({ summary: "The board's own action log, now or as it stood (asOf): open ones first, overdue before the rest, then the closed" })
  @ReadResponses([BOARD_ACTION_EXAMPLE])
  boardActions(@Param('id', ParseIdPipe) boardId: string, @Query() query: BoardActionsQueryDto, @CurrentPrincipal() principal: Principal): Promise<BoardActionView[]> {
    assertMayReadHistory(principal, query.asOf);
    return this.queries.execute(new ListBoardActionsQuery(boardId, query.asOf, query.state));
  }
}
