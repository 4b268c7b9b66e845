import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MeasureNotFoundError, PlanNotFoundError } from '@rag-ledger/domain';
import { AuditTrailQueries, MeasuresQueries, RagBoardQueries, toHistoryEntry, type MeasureView } from '@rag-ledger/projections';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';

export class GetMeasureQuery {
  constructor(
    readonly measureId: string,
    readonly asOf?: string,
  ) {}
}

export class GetPlanMeasuresQuery {
  constructor(
    readonly planId: string,
    readonly asOf?: string,
  ) {}
}

export class GetMeasureHistoryQuery {
  constructor(readonly measureId: string) {}
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
export class GetPlanMeasuresHandler implements IQueryHandler<GetPlanMeasuresQuery> {
  constructor(
    private readonly measures: MeasuresQueries,
    private readonly board: RagBoardQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf }: GetPlanMeasuresQuery) {
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
export class GetMeasureHistoryHandler implements IQueryHandler<GetMeasureHistoryQuery> {
  constructor(private readonly audit: AuditTrailQueries) {}

  async execute({ measureId }: GetMeasureHistoryQuery) {
    const history = this.audit.measureHistory(measureId);
    if (history.length === 0) throw new MeasureNotFoundError(measureId);
    return history.map(toHistoryEntry);
  }
}
