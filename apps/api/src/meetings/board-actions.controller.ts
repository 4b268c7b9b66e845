import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BOARD_ACTION_RESPONDERS, type BoardActionView } from '@rag-ledger/contract';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { assertMayReadHistory } from '../auth/time-travel';
import { ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { BOARD_ACTION_EXAMPLE } from './boards.controller';
import { ChangeBoardActionCommand } from './commands/board-action.commands';
import { CloseBoardActionDto, RespondToBoardActionDto } from './dto/board-action.dto';
import { MeetingCommandRoute } from './meeting-routes';
import { GetBoardActionQuery } from './queries/meetings.queries';

/** One entry of a board's action log: its responses and its closure. */
@ApiTags('meetings')
@Controller('board-actions')
export class BoardActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A board action with its responses and closure, now or as it stood (asOf); its revision is also the ETag' })
  @ReadResponses({ ...BOARD_ACTION_EXAMPLE, revision: 0 })
  async get(
    @Param('id', ParseIdPipe) boardActionId: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BoardActionView & { revision: number }> {
    assertMayReadHistory(principal, query.asOf);
    const action = await this.queries.execute(new GetBoardActionQuery(boardActionId, query.asOf));
    response.setHeader('ETag', `"${action.revision}"`);
    return action;
  }

  @Post(':id/responses')
  @MeetingCommandRoute(BOARD_ACTION_RESPONDERS)
  @ApiOperation({ summary: 'Report back on a board action (admin, board, owner, officer): what was done, or where it stands' })
  respond(@Param('id', ParseIdPipe) boardActionId: string, @Body() dto: RespondToBoardActionDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeBoardActionCommand({ type: 'RespondToBoardAction', data: { boardActionId, text: dto.text } }, ctx));
  }

  @Post(':id/closure')
  @MeetingCommandRoute(BOARD_ACTION_RESPONDERS)
  @ApiOperation({ summary: 'Close a board action with the reason (admin, board, owner, officer); a closed one takes no more responses (409)' })
  close(@Param('id', ParseIdPipe) boardActionId: string, @Body() dto: CloseBoardActionDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new ChangeBoardActionCommand({ type: 'CloseBoardAction', data: { boardActionId, reason: dto.reason } }, ctx));
  }
}
