import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { BoardActionState, BoardActionView, BoardView, MeetingView } from '@rag-ledger/contract';
import { BoardActionNotFoundError, BoardNotFoundError, MeetingNotFoundError } from '@rag-ledger/domain';
import { MeetingsQueries, type BoardActionRecord, type WithRevision } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

/** A board action as the routes answer it: with the evidence documents held for it. */
export const toBoardActionView = ({ revision: _revision, ...action }: BoardActionRecord, evidence: ReadonlyMap<string, number>): BoardActionView => ({
  ...action,
  evidenceCount: evidence.get(action.id) ?? 0,
});

export class ListBoardsQuery extends Query<BoardView[]> {}

export class GetBoardQuery extends Query<WithRevision<BoardView>> {
  constructor(readonly boardId: string) {
    super();
  }
}

export class ListMeetingsQuery extends Query<MeetingView[]> {
  constructor(readonly boardId: string) {
    super();
  }
}

export class GetMeetingQuery extends Query<WithRevision<MeetingView>> {
  constructor(readonly meetingId: string) {
    super();
  }
}

export class ListBoardActionsQuery extends Query<BoardActionView[]> {
  constructor(
    readonly boardId: string,
    readonly asOf?: string,
    readonly state?: BoardActionState,
  ) {
    super();
  }
}

export class GetBoardActionQuery extends Query<BoardActionView & { revision: number }> {
  constructor(
    readonly boardActionId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

@QueryHandler(ListBoardsQuery)
export class ListBoardsHandler implements IQueryHandler<ListBoardsQuery, BoardView[]> {
  constructor(
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<BoardView[]> {
    return this.meetings.boards(pointInTime(this.clock).day);
  }
}

@QueryHandler(GetBoardQuery)
export class GetBoardHandler implements IQueryHandler<GetBoardQuery, WithRevision<BoardView>> {
  constructor(
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ boardId }: GetBoardQuery): Promise<WithRevision<BoardView>> {
    const board = this.meetings.board(boardId, pointInTime(this.clock).day);
    if (!board) throw new BoardNotFoundError(boardId);
    return board;
  }
}

@QueryHandler(ListMeetingsQuery)
export class ListMeetingsHandler implements IQueryHandler<ListMeetingsQuery, MeetingView[]> {
  constructor(
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ boardId }: ListMeetingsQuery): Promise<MeetingView[]> {
    if (!this.meetings.board(boardId, pointInTime(this.clock).day)) throw new BoardNotFoundError(boardId);
    return this.meetings.meetings(boardId);
  }
}

@QueryHandler(GetMeetingQuery)
export class GetMeetingHandler implements IQueryHandler<GetMeetingQuery, WithRevision<MeetingView>> {
  constructor(private readonly meetings: MeetingsQueries) {}

  async execute({ meetingId }: GetMeetingQuery): Promise<WithRevision<MeetingView>> {
    const meeting = this.meetings.meeting(meetingId);
    if (!meeting) throw new MeetingNotFoundError(meetingId);
    return meeting;
  }
}

/** The board's action log, now or as it stood: open ones overdue first, then the closed. */
@QueryHandler(ListBoardActionsQuery)
export class ListBoardActionsHandler implements IQueryHandler<ListBoardActionsQuery, BoardActionView[]> {
  constructor(
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ boardId, asOf, state }: ListBoardActionsQuery): Promise<BoardActionView[]> {
    const when = pointInTime(this.clock, asOf);
    if (!this.meetings.board(boardId, when.day)) throw new BoardNotFoundError(boardId);
    const evidence = new Map<string, number>();
    return this.meetings
      .boardActions(boardId, when)
      .filter((a) => state === undefined || a.state === state)
      .map((a) => toBoardActionView(a, evidence));
  }
}

@QueryHandler(GetBoardActionQuery)
export class GetBoardActionHandler implements IQueryHandler<GetBoardActionQuery, BoardActionView & { revision: number }> {
  constructor(
    private readonly meetings: MeetingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ boardActionId, asOf }: GetBoardActionQuery): Promise<BoardActionView & { revision: number }> {
    const when = pointInTime(this.clock, asOf);
    const action = this.meetings.boardAction(boardActionId, when);
    if (!action) throw new BoardActionNotFoundError(boardActionId);
    return { ...toBoardActionView(action, new Map()), revision: action.revision };
  }
}
