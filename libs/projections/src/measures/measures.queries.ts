import type { Database, Statement } from 'better-sqlite3';
import type { MeasureDetails as MeasureView } from '@rag-ledger/contract';
import { directionOfTravel, periodsInOrder, type ExistingMeasure, type MeasureJudgement } from '@rag-ledger/domain';
import type { PointInTime } from '../rag-board/rag-board.queries';
import { VersionedTable } from '../versioned-table';
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
    };
  }

  getMeasure(id: string, when?: PointInTime): MeasureView | undefined {
    const row = (when?.asOf ? this.s.oneAsOf.get({ id, asOf: when.asOf }) : this.s.one.get({ id })) as MeasureRow | undefined;
    return row && toView(row);
  }

  planMeasures(planId: string, when?: PointInTime): MeasureView[] {
    const rows = (when?.asOf ? this.s.ofPlanAsOf.all({ planId, asOf: when.asOf }) : this.s.ofPlan.all({ planId })) as MeasureRow[];
    return rows.map(toView);
  }
}

function toView(row: MeasureRow): MeasureView {
  const m = JSON.parse(row.state) as ExistingMeasure;
  const judgement = JSON.parse(row.judgement) as MeasureJudgement;
  const periods = periodsInOrder(new Set([...Object.keys(m.values), ...Object.keys(m.targets), ...Object.keys(m.comparators)]));
  return {
    id: m.id,
    planId: m.planId,
    workstreamId: m.workstreamId ?? null,
    name: m.name,
    unit: m.unit,
    polarity: m.polarity,
    baseline: m.baseline ?? null,
    amberTolerance: m.amberTolerance,
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
