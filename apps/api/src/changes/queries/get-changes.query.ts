import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PlanNotFoundError } from '@rag-ledger/domain';
import { ChangesQueries, RagBoardQueries, type ActionMovement } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { periodOf } from '../../common/period';

/** What moved in a plan's actions over a period (from null: since the start). */
export interface PlanChanges {
  planId: string;
  from: string | null;
  to: string;
  actions: ActionMovement[];
}

export class GetChangesQuery extends Query<PlanChanges> {
  constructor(
    readonly planId: string,
    readonly from?: string,
    readonly to?: string,
  ) {
    super();
  }
}

/** Every action whose status, target date or owners moved in the period: before, after, who, when, why. */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery, PlanChanges> {
  constructor(
    private readonly changes: ChangesQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, from, to }: GetChangesQuery): Promise<PlanChanges> {
    if (!this.board.getPlan(planId)) throw new PlanNotFoundError(planId);
    const period = periodOf(this.clock, from, to);
    return { planId, from: period.from ?? null, to: period.to, actions: this.changes.changes(planId, period) };
  }
}
