import { Module } from '@nestjs/common';
import { BoardActionsController } from './board-actions.controller';
import { BoardsController } from './boards.controller';
import { AgreeBoardActionHandler, ChangeBoardActionHandler } from './commands/board-action.commands';
import { EstablishBoardHandler, ReviseBoardHandler } from './commands/board.commands';
import { IssuePackHandler } from './commands/issue-pack.command';
import { RescheduleMeetingHandler, ScheduleMeetingHandler } from './commands/meeting.commands';
import { MeetingsController } from './meetings.controller';
import { GetBoardActionHandler, GetBoardHandler, GetMeetingHandler, ListBoardActionsHandler, ListBoardsHandler, ListMeetingsHandler } from './queries/meetings.queries';

/** Boards that meet, their meetings, issuing a meeting's pack, and the board's own action log (the domain's board, meeting and board action deciders). */
@Module({
  controllers: [BoardsController, MeetingsController, BoardActionsController],
  providers: [
    EstablishBoardHandler,
    ReviseBoardHandler,
    ScheduleMeetingHandler,
    RescheduleMeetingHandler,
    IssuePackHandler,
    AgreeBoardActionHandler,
    ChangeBoardActionHandler,
    ListBoardsHandler,
    GetBoardHandler,
    ListMeetingsHandler,
    GetMeetingHandler,
    ListBoardActionsHandler,
    GetBoardActionHandler,
  ],
})
export class MeetingsModule {}
