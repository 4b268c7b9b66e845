import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MeasureNotFoundError, PlanNotFoundError } from '@rag-ledger/domain';
import { AuditTrailQueries, MeasuresQueries, RagBoardQueries, toHistoryEntry, type MeasureView } from '@rag-ledger/projections';
import type { HistoryEntry } from '../../actions/queries/get-action-history.query';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

export class GetMeasureQuery extends Query<MeasureView> {
  constructor(
    readonly measureId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** A line of the plan's measures board: the latest figure beside its target and comparator. */
export type MeasureSummary = Pick<MeasureView, 'id' | 'name' | 'unit' | 'polarity' | 'workstreamId' | 'rag' | 'explanation' | 'override' | 'direction' | 'lastChangedAt'> & {
  period: string | null;
  value: number | null;
  provisional: boolean;
  target: number | null;
  national: number | null;
};

export interface PlanMeasuresView {
  asOf: string;
  planId: string;
  measures: MeasureSummary[];
}

export class GetPlanMeasuresQuery extends Query<PlanMeasuresView> {
  constructor(
    readonly planId: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

export class GetMeasureHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly measureId: string) {
    super();
  }
}

@QueryHandler(GetMeasureQuery)
export class GetMeasureHandler implements IQueryHandler<GetMeasureQuery, MeasureView> {
  constructor(
    private readonly measures: MeasuresQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ measureId, asOf }: GetMeasureQuery): Promise<MeasureView> {
    const measure = this.measures.getMeasure(measureId, pointInTime(this.clock, asOf));
    if (!measure) throw new MeasureNotFoundError(measureId);
    return measure;
  }
}

/** The plan's measures board: latest value, target, comparator, RAG (and any override), direction of travel. */
@QueryHandler(GetPlanMeasuresQuery)
export class GetPlanMeasuresHandler implements IQueryHandler<GetPlanMeasuresQuery, PlanMeasuresView> {
  constructor(
    private readonly measures: MeasuresQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetPlanMeasuresQuery): Promise<PlanMeasuresView> {
    const when = pointInTime(this.clock, asOf);
    if (!this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    const measures = this.measures.planMeasures(planId, when).map((m) => {
      const latest = [...m.series].reverse().find((p) => p.value !== null);
      return {
        id: m.id,
        name: m.name,
        unit: m.unit,
        polarity: m.polarity,
        workstreamId: m.workstreamId,
        period: latest?.period ?? null,
        value: latest?.value ?? null,
        provisional: latest?.provisional ?? false,
        target: latest?.target ?? null,
        national: latest?.national ?? null,
        rag: m.rag,
        explanation: m.explanation,
        override: m.override,
        direction: m.direction,
        lastChangedAt: m.lastChangedAt,
      };
    });
    return { asOf: when.instant, planId, measures };
  }
}

@QueryHandler(GetMeasureHistoryQuery)
export class GetMeasureHistoryHandler implements IQueryHandler<GetMeasureHistoryQuery, HistoryEntry[]> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ measureId }: GetMeasureHistoryQuery): Promise<HistoryEntry[]> {
    const history = this.audit.measureHistory(measureId);
    if (history.length === 0) throw new MeasureNotFoundError(measureId);
    return history.map(toHistoryEntry);
  }
}
