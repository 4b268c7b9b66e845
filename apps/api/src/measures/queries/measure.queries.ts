import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ComputedValue, SchoolIndicator, TrajectoryView } from '@rag-ledger/contract';
import { MeasureNotFoundError, PlanNotFoundError } from '@rag-ledger/domain';
import {
  AuditTrailQueries,
  MeasuresQueries,
  RagBoardQueries,
  SchoolsQueries,
  readOncePerDay,
  toHistoryEntry,
  trajectoryOf,
  withRegisterFigures,
  type MeasureView,
} from '@rag-ledger/projections';
import type { HistoryEntry } from '../../actions/queries/get-action-history.query';
import type { Principal } from '../../auth/principal';
import { CLOCK, type Clock } from '../../common/clock';
import { pointInTime } from '../../common/point-in-time';
import { schoolsShownTo } from './schools-shown';

export class GetMeasureQuery extends Query<MeasureView> {
  constructor(
    readonly measureId: string,
    readonly asOf?: string,
    /** Who asks: a register measure names the schools it counted only to those who may see them. */
    readonly principal?: Principal,
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
  computedFrom?: 'register';
  indicator?: SchoolIndicator;
  phase?: MeasureView['phase'];
  computed?: ComputedValue | null;
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
    readonly principal?: Principal,
  ) {
    super();
  }
}

export class GetMeasureHistoryQuery extends Query<HistoryEntry[]> {
  constructor(readonly measureId: string) {
    super();
  }
}

export class GetTrajectoryQuery extends Query<TrajectoryView> {
  constructor(
    readonly indicator: SchoolIndicator,
    readonly asOf?: string,
  ) {
    super();
  }
}

/**
 * A measure with its series; a register measure's figures are computed when read, from the
 * register as at each period's last day (or the day asked, for a period still running).
 */
@QueryHandler(GetMeasureQuery)
export class GetMeasureHandler implements IQueryHandler<GetMeasureQuery, MeasureView> {
  constructor(
    private readonly measures: MeasuresQueries,
    private readonly register: SchoolsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ measureId, asOf, principal }: GetMeasureQuery): Promise<MeasureView> {
    const when = pointInTime(this.clock, asOf);
    const measure = this.measures.getMeasure(measureId, when);
    if (!measure) throw new MeasureNotFoundError(measureId);
    return withRegisterFigures(measure, this.register, when.day, schoolsShownTo(principal));
  }
}

/** The plan's measures board: latest value, target, comparator, RAG (and any override), direction of travel. */
@QueryHandler(GetPlanMeasuresQuery)
export class GetPlanMeasuresHandler implements IQueryHandler<GetPlanMeasuresQuery, PlanMeasuresView> {
  constructor(
    private readonly measures: MeasuresQueries,
    private readonly board: RagBoardQueries,
    private readonly register: SchoolsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, asOf, principal }: GetPlanMeasuresQuery): Promise<PlanMeasuresView> {
    const when = pointInTime(this.clock, asOf);
    if (!this.board.getPlan(planId, when)) throw new PlanNotFoundError(planId);
    const shown = schoolsShownTo(principal);
    const register = readOncePerDay(this.register);
    const measures = this.measures.planMeasures(planId, when).map((read): MeasureSummary => {
      const m = withRegisterFigures(read, register, when.day, shown);
      const latest = [...m.series].reverse().find((p) => p.value !== null);
      const computed = m.computedFrom === 'register' && m.indicator ? { computedFrom: m.computedFrom, indicator: m.indicator, phase: m.phase, computed: latest?.computed ?? null } : {};
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
        ...computed,
      };
    });
    return { asOf: when.instant, planId, measures };
  }
}

/** "When will Norfolk schools get to Good?": predicted against target and actual, per phase, numbers only. */
@QueryHandler(GetTrajectoryQuery)
export class GetTrajectoryHandler implements IQueryHandler<GetTrajectoryQuery, TrajectoryView> {
  constructor(
    private readonly measures: MeasuresQueries,
    private readonly register: SchoolsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ indicator, asOf }: GetTrajectoryQuery): Promise<TrajectoryView> {
    const when = pointInTime(this.clock, asOf);
    return trajectoryOf(indicator, this.measures.registerMeasures(indicator, when), this.register, when.day);
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
