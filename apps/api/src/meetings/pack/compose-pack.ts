import type {
  BoardActionView,
  ExceptionAction,
  MeetingPack,
  MilestoneView,
  PackMeasure,
  PackStampView,
  PlanBoard,
  PlanLine,
  SealView,
  TrendView,
} from '@rag-ledger/contract';
import { dayOf } from '@rag-ledger/domain';
import {
  NO_SCHOOLS_SHOWN,
  readOncePerDay,
  withRegisterFigures,
  type ChangesQueries,
  type EvidenceDocumentsQueries,
  type LogSpan,
  type MeasuresQueries,
  type MeetingsQueries,
  type MilestonesQueries,
  type PeopleQueries,
  type RagBoardQueries,
  type RegisterReader,
  type SchoolsQueries,
  type TrendsQueries,
} from '@rag-ledger/projections';
import { withEvidenceCount } from '../../evidence-documents/evidence-count';
import { toMilestoneView } from '../../milestones/queries/milestone.queries';
import { withOwnerPeople } from '../../people/owner-people';
import { toBoardActionView } from '../queries/meetings.queries';

/** The read models a pack is drawn from, every one read as at the stamp. */
export interface PackReaders {
  board: RagBoardQueries;
  changes: ChangesQueries;
  measures: MeasuresQueries;
  milestones: MilestonesQueries;
  evidence: EvidenceDocumentsQueries;
  people: PeopleQueries;
  schools: SchoolsQueries;
  trends: TrendsQueries;
  meetings: MeetingsQueries;
}

/** What the meeting's own streams say, as they stood when its pack was issued. */
export interface IssuedMeeting {
  meeting: MeetingPack['meeting'];
  board: MeetingPack['board'];
  stamp: PackStampView;
}

/** How many months of trend a pack prints: the twelve up to and including the month it was issued in. */
export const PACK_TREND_MONTHS = 12;

/**
 * The pack of an issued meeting, drawn from the log up to its stamp: every read is as at the
 * instant it was issued and bounded by its log position, so nothing written after (even with a
 * clock set back) is in it, and the same pack comes back every time. Only `generatedAt` differs.
 * `seal`: the seal covering the stamp (read from the seal stream, so it is the same every time).
 */
export function composePack(readers: PackReaders, issued: IssuedMeeting, generatedAt: string, seal: SealView | null = null): MeetingPack {
  const { stamp } = issued;
  const when = { asOf: stamp.issuedAt, day: dayOf(new Date(stamp.issuedAt)), upTo: stamp.position };
  const planIds = stamp.planIds.filter((id) => readers.board.getPlan(id, when) !== undefined);
  const covered = new Set(planIds);
  const logStamp = { position: stamp.position, head: stamp.head };
  // Who the owners were, in the directory as it stood then: one read for the whole pack.
  const directory = readers.people.directory(when);
  const evidence = readers.evidence.heldCountsByAction(undefined, when);
  const milestoneEvidence = readers.evidence.heldCountsByMilestone(undefined, when);
  const unassessed = readers.milestones.unassessed(undefined, when).filter((m) => covered.has(m.planId));

  const lines = new Map(readers.board.board(when).map((line) => [line.id, line]));
  const overview = {
    asOf: stamp.issuedAt,
    plans: planIds.map((id) => toPlanLine(lines.get(id)!)),
    stamp: logStamp,
  };

  const plans = planIds.map((planId): PlanBoard => {
    const board = readers.board.planBoard(planId, when)!;
    const unassessedBy = new Map<string, number>();
    for (const m of unassessed) if (m.planId === planId && m.workstreamId !== null) unassessedBy.set(m.workstreamId, (unassessedBy.get(m.workstreamId) ?? 0) + 1);
    const { plan } = board;
    return {
      asOf: stamp.issuedAt,
      plan: { id: plan.id, kind: plan.kind, title: plan.title, board: plan.board, version: plan.version, framework: plan.framework },
      counts: board.counts,
      total: board.total,
      overdue: board.overdue,
      withdrawn: board.withdrawn,
      exceptions: board.exceptions,
      workstreams: board.workstreams.map((w) => ({
        id: w.id,
        title: w.title,
        accountable: w.accountable,
        responsible: w.responsible,
        counts: w.counts,
        total: w.total,
        overdue: w.overdue,
        exceptions: w.exceptions,
        actions: w.actions.map((a) => withEvidenceCount(withOwnerPeople(a, directory), evidence)),
        framework: w.framework,
        unassessedMilestones: unassessedBy.get(w.id) ?? 0,
      })),
      stamp: logStamp,
    };
  });

  const exceptions = {
    actions: readers.board
      .exceptions(undefined, when)
      .filter((a) => covered.has(a.planId))
      .map((a): ExceptionAction => {
        const row = withEvidenceCount(withOwnerPeople(a, directory), evidence);
        return {
          id: row.id, ref: row.ref, title: row.title, owners: row.owners, ownerPeople: row.ownerPeople, targetDate: row.targetDate, status: row.status,
          overdue: row.overdue, lastChangedAt: row.lastChangedAt, evidenceCount: row.evidenceCount, stepsDone: row.stepsDone, stepsTotal: row.stepsTotal,
          planId: row.planId, lastReason: row.lastReason,
        };
      }),
    milestones: unassessed.map((m): MilestoneView => toMilestoneView(m, milestoneEvidence)),
  };

  const previous = stamp.previous;
  const span: LogSpan = {
    ...(previous ? { after: { asOf: previous.issuedAt, day: dayOf(new Date(previous.issuedAt)), upTo: previous.position } } : {}),
    to: when,
  };
  const changes = planIds.map((planId) => ({ planId, actions: readers.changes.changesBetween(planId, span) }));

  // A register measure's figures come from the register as the log held it up to the stamp.
  const register: RegisterReader = readOncePerDay({ schoolsOn: (day) => readers.schools.schoolsOn(day, stamp.position), schemes: () => readers.schools.schemes() });
  const measures = stamp.measureIds.flatMap((id): PackMeasure[] => {
    const read = readers.measures.getMeasure(id, when);
    return read ? [toPackMeasure(withRegisterFigures(read, register, when.day, NO_SCHOOLS_SHOWN))] : [];
  });

  const fromDay = trendStart(when.day);
  // Across the plans first, as the pack opens with the cross-plan board, then each plan's.
  const trends: TrendView[] = [
    readers.trends.acrossPlans(planIds, fromDay, when),
    ...planIds.flatMap((planId) => readers.trends.planTrend(planId, fromDay, when) ?? []),
  ];

  // Evidence on board actions is counted as the meetings' routes count it, as held at the stamp.
  const boardActionEvidence = readers.evidence.heldCountsByBoardAction(when);
  const boardActions = boardActionLog(
    readers.meetings.boardActions(issued.board.id, when).map((a) => toBoardActionView(a, boardActionEvidence)),
    previous?.issuedAt,
  );

  return {
    meeting: issued.meeting,
    board: issued.board,
    stamp,
    overview,
    plans,
    exceptions,
    changes,
    measures,
    trends,
    boardActions,
    seal,
    generatedAt,
  };
}

const toPlanLine = (line: ReturnType<RagBoardQueries['board']>[number]): PlanLine => ({
  id: line.id,
  kind: line.kind,
  title: line.title,
  board: line.board,
  version: line.version,
  counts: line.counts,
  total: line.total,
  overdue: line.overdue,
  withdrawn: line.withdrawn,
  exceptions: line.exceptions,
});

function toPackMeasure(m: ReturnType<MeasuresQueries['getMeasure']> & object): PackMeasure {
  const latest = [...m.series].reverse().find((p) => p.value !== null);
  return {
    id: m.id,
    planId: m.planId,
    name: m.name,
    unit: m.unit,
    polarity: m.polarity,
    period: latest?.period ?? null,
    value: latest?.value ?? null,
    target: latest?.target ?? null,
    rag: m.rag,
    direction: m.direction,
    series: m.series.map((p) => ({ period: p.period, value: p.value, target: p.target })),
  };
}

/** The first day of the month eleven months before the day's: with the day's own month, twelve months of trend. */
export function trendStart(day: string): string {
  const [year, month] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) - (PACK_TREND_MONTHS - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The board's action log as a pack prints it: the open actions, overdue first (then by due day),
 * then those closed since the previous pack (every closed one in a board's first pack), by closure.
 */
export function boardActionLog(actions: readonly BoardActionView[], previousIssuedAt: string | undefined): BoardActionView[] {
  const open = actions
    .filter((a) => a.state === 'open')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  const closed = actions
    .filter((a) => a.state === 'closed' && a.closure !== null && (previousIssuedAt === undefined || a.closure.at > previousIssuedAt))
    .sort((a, b) => a.closure!.at.localeCompare(b.closure!.at) || a.id.localeCompare(b.id));
  return [...open, ...closed];
}
