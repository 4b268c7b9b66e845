import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { AuditTrailQueries, RagBoardQueries } from '@rag-ledger/projections';
import { logStampAt, type BoardStamp } from '../../audit/log-stamp';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

/** Every plan with its RAG counts: the Improvement Board's overview. */
/** Every plan with its counts by status. */
export interface ImprovementBoardView {
  asOf: string;
  plans: ReturnType<RagBoardQueries['board']>;
  stamp: BoardStamp;
}

export class GetImprovementBoardQuery extends Query<ImprovementBoardView> {
  constructor(readonly asOf?: string) {
    super();
  }
}

@QueryHandler(GetImprovementBoardQuery)
export class GetImprovementBoardHandler implements IQueryHandler<GetImprovementBoardQuery, ImprovementBoardView> {
  constructor(
    private readonly board: RagBoardQueries,
    private readonly audit: AuditTrailQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ asOf }: GetImprovementBoardQuery): Promise<ImprovementBoardView> {
    const when = pointInTime(this.clock, asOf);
    return { asOf: when.instant, plans: this.board.board(when), stamp: await logStampAt(this.audit, this.store, when.instant) };
  }
}
