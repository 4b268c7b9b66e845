import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { ChangesQueries, RagBoardQueries } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { periodOf } from '../../common/period';

export class GetChangesQuery {
  constructor(
    readonly planId: string,
    readonly from?: string,
    readonly to?: string,
  ) {}
}

/** Every action whose status, target date or owners moved in the period: before, after, who, when, why. */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery> {
  constructor(
    private readonly changes: ChangesQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, from, to }: GetChangesQuery) {
    if (!this.board.getPlan(planId)) throw new PlanNotFoundError(planId);
    const period = periodOf(this.clock, from, to);
    return { planId, from: period.from ?? null, to: period.to, actions: this.changes.changes(planId, period) };
  }
}
