import type { Database, Statement } from 'better-sqlite3';
import type { MeasureDetails as MeasureView, SchoolIndicator } from '@rag-ledger/contract';
import { directionOfTravel, periodsInOrder, type ExistingMeasure, type MeasureJudgement } from '@rag-ledger/domain';
import type { PointInTime } from '../rag-board/rag-board.queries';
import { asOfBounds, VersionedTable } from '../versioned-table';
import type { MeasureRow } from './measures.projection';

/** The shapes the web board reads are the contract's (libs/contract). */
export type { MeasureDetails as MeasureView, MeasurePoint } from '@rag-ledger/contract';

/** The version current at the instant: the latest in the log of those written up to it. */
const latestVersion = `v.rowid = ${VersionedTable.versionAsOf('measures', 'id = m.id')}`;

export class MeasuresQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      one: db.prepare('SELECT * FROM measures m WHERE id = @id'),
      oneAsOf: db.prepare(`SELECT v.* FROM measures m JOIN measures_versions v ON v.id = m.id WHERE m.id = @id AND ${latestVersion}`),
      ofPlan: db.prepare('SELECT * FROM measures m WHERE plan_id = @planId ORDER BY seq'),
      ofPlanAsOf: db.prepare(`SELECT v.* FROM measures m JOIN measures_versions v ON v.id = m.id WHERE m.plan_id = @planId AND ${latestVersion} ORDER BY v.seq`),
      // A measure's definition never changes, so its current row tells whether it is the indicator's.
      ofIndicator: db.prepare("SELECT * FROM measures m WHERE json_extract(state, '$.computedFrom') = 'register' AND json_extract(state, '$.indicator') = @indicator ORDER BY seq"),
      ofIndicatorAsOf: db.prepare(
        `SELECT v.* FROM measures m JOIN measures_versions v ON v.id = m.id WHERE json_extract(m.state, '$.computedFrom') = 'register' AND json_extract(m.state, '$.indicator') = @indicator AND ${latestVersion} ORDER BY v.seq`,
      ),
    };
  }

  getMeasure(id: string, when?: PointInTime): MeasureView | undefined {
    const row = (when?.asOf ? this.s.oneAsOf.get({ id, ...asOfBounds(when) }) : this.s.one.get({ id })) as MeasureRow | undefined;
    return row && toView(row);
  }

  planMeasures(planId: string, when?: PointInTime): MeasureView[] {
    const rows = (when?.asOf ? this.s.ofPlanAsOf.all({ planId, ...asOfBounds(when) }) : this.s.ofPlan.all({ planId })) as MeasureRow[];
    return rows.map(toView);
  }

  /** Every register measure of the indicator, across plans (the trajectory view), as they stood at the instant. */
  registerMeasures(indicator: SchoolIndicator, when?: PointInTime): MeasureView[] {
    const rows = (when?.asOf ? this.s.ofIndicatorAsOf.all({ indicator, ...asOfBounds(when) }) : this.s.ofIndicator.all({ indicator })) as MeasureRow[];
    return rows.map(toView);
  }
}

function toView(row: MeasureRow): MeasureView {
  const m = JSON.parse(row.state) as ExistingMeasure;
  const judgement = JSON.parse(row.judgement) as MeasureJudgement;
  const predictions = m.predictions ?? {};
  // A register measure is read on every period it has a target, baseline or prediction for
  // (values are never typed into it); either kind shows every period it holds a figure for.
  const periods = periodsInOrder(
    new Set([...Object.keys(m.values), ...Object.keys(m.targets), ...Object.keys(m.comparators), ...Object.keys(predictions), ...(m.computedFrom && m.baseline ? [m.baseline.period] : [])]),
  );
  return {
    id: m.id,
    planId: m.planId,
    workstreamId: m.workstreamId ?? null,
    name: m.name,
    unit: m.unit,
    polarity: m.polarity,
    baseline: m.baseline ?? null,
    amberTolerance: m.amberTolerance,
    computedFrom: m.computedFrom ?? null,
    indicator: m.indicator ?? null,
    phase: m.phase ?? null,
    series: periods.map((period) => {
      const v = m.values[period];
      const c = m.comparators[period] ?? {};
      return {
        period,
        value: v?.value ?? null,
        provisional: v?.provisional ?? false,
        source: v?.source ?? null,
        revisedFrom: v?.revisedFrom ?? null,
        revisionReason: v?.revisionReason ?? null,
        target: m.targets[period] ?? null,
        national: c.national ?? null,
        statisticalNeighbours: c.statisticalNeighbours ?? null,
        regional: c.regional ?? null,
        predicted: predictions[period] ?? null,
      };
    }),
    rag: judgement.rag,
    explanation: judgement.explanation,
    rule: judgement.rule,
    override: row.override ? JSON.parse(row.override) : null,
    direction: directionOfTravel(m),
    revision: row.revision,
    lastChangedAt: row.last_changed_at,
  };
}
