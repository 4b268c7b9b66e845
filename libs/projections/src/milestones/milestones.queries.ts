import type { Database, Statement } from 'better-sqlite3';
import type { MilestoneView } from '@rag-ledger/contract';
import { isMilestoneUnassessedOn, type MilestoneDetails } from '@rag-ledger/domain';
import type { PointInTime } from '../rag-board/rag-board.queries';
import { asOfBounds, VersionedTable } from '../versioned-table';
import type { MilestoneRow } from './milestone-rows';

/** A milestone as this read model knows it: the API adds the evidence count from the evidence read model. */
export type MilestoneRecord = Omit<MilestoneView, 'evidenceCount'> & { revision: number };

/** The version current at the instant: the latest in the log of those written up to it. */
const latestVersion = `v.rowid = ${VersionedTable.versionAsOf('milestones', 'id = m.id')}`;
const BY_DATE = 'ORDER BY date, id';

export class MilestonesQueries {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    this.s = {
      one: db.prepare('SELECT * FROM milestones m WHERE id = @id'),
      oneAsOf: db.prepare(`SELECT v.* FROM milestones m JOIN milestones_versions v ON v.id = m.id WHERE m.id = @id AND ${latestVersion}`),
      ofPlan: db.prepare(`SELECT * FROM milestones m WHERE plan_id = @planId ${BY_DATE}`),
      ofPlanAsOf: db.prepare(`SELECT v.* FROM milestones m JOIN milestones_versions v ON v.id = m.id WHERE m.plan_id = @planId AND ${latestVersion} ${BY_DATE}`),
      all: db.prepare(`SELECT * FROM milestones m ${BY_DATE}`),
      allAsOf: db.prepare(`SELECT v.* FROM milestones m JOIN milestones_versions v ON v.id = m.id WHERE ${latestVersion} ${BY_DATE}`),
      countOfPlan: db.prepare('SELECT count(*) FROM milestones WHERE plan_id = @planId').pluck(),
    };
  }

  private rows(name: string, when: PointInTime | undefined, params: Record<string, unknown> = {}): MilestoneRow[] {
    return (when?.asOf ? this.s[`${name}AsOf`].all({ ...params, ...asOfBounds(when) }) : this.s[name].all(params)) as MilestoneRow[];
  }

  getMilestone(id: string, when: PointInTime): MilestoneRecord | undefined {
    const [row] = this.rows('one', when, { id });
    return row && toRecord(row, when.day);
  }

  /** The plan's milestones (its own and its work-streams'), by date, then id. */
  planMilestones(planId: string, when: PointInTime): MilestoneRecord[] {
    return this.rows('ofPlan', when, { planId }).map((row) => toRecord(row, when.day));
  }

  /** Due and not assessed at the instant, of one plan or of all, by date, then id: the board's exceptions. */
  unassessed(planId: string | undefined, when: PointInTime): MilestoneRecord[] {
    const rows = planId === undefined ? this.rows('all', when) : this.rows('ofPlan', when, { planId });
    return rows.map((row) => toRecord(row, when.day)).filter((m) => m.unassessed);
  }

  /** How many milestones the plan has now: where a new one's number starts. */
  countOfPlan(planId: string): number {
    return this.s.countOfPlan.get({ planId }) as number;
  }
}

function toRecord(row: MilestoneRow, day: string): MilestoneRecord {
  const m = JSON.parse(row.state) as MilestoneDetails;
  const assessment = row.assessment ? (JSON.parse(row.assessment) as MilestoneRecord['assessment']) : null;
  return {
    id: row.id,
    planId: row.plan_id,
    workstreamId: row.workstream_id,
    date: row.date,
    dateText: m.dateText ?? null,
    text: m.text,
    refs: m.refs,
    group: m.group ?? null,
    assessment,
    // Due as an action is overdue: its day has passed on the list's UK day.
    due: row.date < day,
    unassessed: isMilestoneUnassessedOn({ date: row.date, assessment }, day),
    lastChangedAt: row.last_changed_at,
    revision: row.revision,
  };
}
