import fc from 'fast-check';
import { COUNTED_STATUSES, type ActionStatus, type Counts, type Rag } from '@rag-ledger/contract';
import { dayOf, isOverdueOn } from '@rag-ledger/domain';
import { RagBoardProjection, RagBoardQueries, TrendsQueries, type PointInTime } from '@rag-ledger/projections';
import { projectionSpec, type GivenEvent } from './projection-spec';

/** The trends read from the as-of boards (libs/projections/src/trends), given a history of events. */
const history = projectionSpec(() => new RagBoardProjection());

const plan = (planId: string, at: string, title = `Plan ${planId}`): GivenEvent[] => [
  { type: 'PlanCreated', data: { planId, kind: 'strategic', title }, at },
  { type: 'WorkstreamAdded', data: { planId, workstreamId: `${planId}.W`, title: 'Work-stream' }, at },
];
const added = (planId: string, actionId: string, at: string, targetDate?: string): GivenEvent => ({
  type: 'ActionAdded',
  data: { actionId, planId, workstreamId: `${planId}.W`, title: `Action ${actionId}`, owners: ['AB'], enablingTeams: [], targetDate, links: [] },
  at,
});

function trendsOf(events: GivenEvent[]) {
  const given = history.given(...events);
  const board = new RagBoardQueries(given.db);
  return { db: given.db, board, trends: new TrendsQueries(given.db, board) };
}

const zero: Counts = { W: 0, G: 0, A: 0, R: 0, B: 0 };

describe('trends: the RAG distribution and overdue count month by month, from the as-of boards', () => {
  it('reads each month at its last UK instant, in summer time at 22:59:59.999Z and in winter at 23:59:59.999Z', () => {
    const { db, trends } = trendsOf([
      ...plan('SIP', '2013-12-01T09:00:00.000Z'),
      added('SIP', 'A1', '2013-12-01T09:00:00.000Z'),
      added('SIP', 'A2', '2013-12-01T09:00:00.000Z'),
      added('SIP', 'A3', '2013-12-01T09:00:00.000Z'),
      added('SIP', 'A4', '2013-12-01T09:00:00.000Z'),
      // Winter: the last millisecond of 31 January is January's; the first of February is not.
      { type: 'ActionStarted', data: { actionId: 'A1', planId: 'SIP', rag: 'R' }, at: '2014-01-31T23:59:59.999Z' },
      { type: 'ActionStarted', data: { actionId: 'A2', planId: 'SIP', rag: 'R' }, at: '2014-02-01T00:00:00.000Z' },
      // Summer: 23:30 BST on 30 June is June's; 00:30 BST on 1 July (still 30 June in UTC) is July's.
      { type: 'ActionStarted', data: { actionId: 'A3', planId: 'SIP', rag: 'A' }, at: '2014-06-30T22:30:00.000Z' },
      { type: 'ActionStarted', data: { actionId: 'A4', planId: 'SIP', rag: 'A' }, at: '2014-06-30T23:30:00.000Z' },
    ]);
    try {
      const trend = trends.planTrend('SIP', '2014-01-10', { asOf: '2014-07-15T12:00:00.000Z', day: '2014-07-15' })!;
      expect(trend.points.map((p) => [p.month, p.asOf, p.counts.R, p.counts.A, p.counts.W])).toEqual([
        ['2014-01', '2014-01-31T23:59:59.999Z', 1, 0, 3],
        ['2014-02', '2014-02-28T23:59:59.999Z', 2, 0, 2],
        ['2014-03', '2014-03-31T22:59:59.999Z', 2, 0, 2],
        ['2014-04', '2014-04-30T22:59:59.999Z', 2, 0, 2],
        ['2014-05', '2014-05-31T22:59:59.999Z', 2, 0, 2],
        ['2014-06', '2014-06-30T22:59:59.999Z', 2, 1, 1],
        // The last month is read at the trend's end, not at the month's.
        ['2014-07', '2014-07-15T12:00:00.000Z', 2, 2, 0],
      ]);
      expect(trend).toMatchObject({ planId: 'SIP', title: 'Plan SIP', from: '2014-01-10', to: '2014-07-15T12:00:00.000Z' });
    } finally {
      db.close();
    }
  });

  it('counts an action overdue in the month it was late and complete in the next; overdue is judged on each point\'s own day', () => {
    const { db, trends } = trendsOf([
      ...plan('EH', '2014-01-05T09:00:00.000Z'),
      added('EH', 'late', '2014-01-05T09:00:00.000Z', '2014-02-14'),
      // Due on the last day of March: not overdue on 31 March, overdue on 30 April.
      added('EH', 'due-at-month-end', '2014-01-05T09:00:00.000Z', '2014-03-31'),
      { type: 'ActionStarted', data: { actionId: 'late', planId: 'EH', rag: 'G' }, at: '2014-01-10T09:00:00.000Z' },
      { type: 'ActionStarted', data: { actionId: 'due-at-month-end', planId: 'EH', rag: 'G' }, at: '2014-01-10T09:00:00.000Z' },
      { type: 'ActionCompleted', data: { actionId: 'late', planId: 'EH', from: 'G', note: 'Done at last' }, at: '2014-03-03T10:00:00.000Z' },
    ]);
    try {
      const trend = trends.planTrend('EH', '2014-01-01', { asOf: '2014-04-30T22:59:59.999Z', day: '2014-04-30' })!;
      expect(trend.points.map((p) => ({ month: p.month, G: p.counts.G, B: p.counts.B, overdue: p.overdue, total: p.total }))).toEqual([
        { month: '2014-01', G: 2, B: 0, overdue: 0, total: 2 },
        { month: '2014-02', G: 2, B: 0, overdue: 1, total: 2 },
        { month: '2014-03', G: 1, B: 1, overdue: 0, total: 2 },
        { month: '2014-04', G: 1, B: 1, overdue: 1, total: 2 },
      ]);
      expect(trend.description).toBe(
        'In Plan EH, Red actions stayed at 0 from January 2014 to April 2014; completed actions rose from 0 to 1; overdue actions rose from 0 to 1; 2 actions in all in April 2014.',
      );
    } finally {
      db.close();
    }
  });

  it('a month before the plan existed has zero counts; an unknown plan has no trend; across plans each point is the sum of their lines', () => {
    const { db, trends } = trendsOf([
      ...plan('SIP', '2013-09-02T09:00:00.000Z', 'Strategic Improvement Plan'),
      added('SIP', 'S1', '2013-09-02T09:00:00.000Z'),
      { type: 'ActionStarted', data: { actionId: 'S1', planId: 'SIP', rag: 'R' }, at: '2013-09-20T09:00:00.000Z' },
      ...plan('EH', '2013-11-04T09:00:00.000Z', 'Early Help Improvement Plan'),
      added('EH', 'E1', '2013-11-04T09:00:00.000Z'),
      added('EH', 'E2', '2013-11-04T09:00:00.000Z'),
      { type: 'ActionStarted', data: { actionId: 'E1', planId: 'EH', rag: 'R' }, at: '2013-11-05T09:00:00.000Z' },
      { type: 'ActionWithdrawn', data: { actionId: 'E2', planId: 'EH', from: 'W', reason: 'Merged into E1' }, at: '2013-12-02T09:00:00.000Z' },
    ]);
    try {
      const to: PointInTime = { asOf: '2013-12-31T23:59:59.999Z', day: '2013-12-31' };
      const eh = trends.planTrend('EH', '2013-09-01', to)!;
      expect(eh.points.map((p) => [p.month, p.counts, p.total])).toEqual([
        ['2013-09', zero, 0],
        ['2013-10', zero, 0],
        ['2013-11', { ...zero, W: 1, R: 1 }, 2],
        // A withdrawn action is out of the counts.
        ['2013-12', { ...zero, R: 1 }, 1],
      ]);
      expect(trends.planTrend('NOPE', '2013-09-01', to)).toBeUndefined();

      const across = trends.acrossPlans(undefined, '2013-09-01', to);
      expect(across).toMatchObject({ planId: null, title: 'All plans', from: '2013-09-01', to: '2013-12-31T23:59:59.999Z' });
      expect(across.points.map((p) => [p.month, p.counts.R, p.counts.W, p.total])).toEqual([
        ['2013-09', 1, 0, 1],
        ['2013-10', 1, 0, 1],
        ['2013-11', 2, 1, 3],
        ['2013-12', 2, 0, 2],
      ]);
      expect(across.description).toBe(
        'Across the two plans, Red actions rose from 1 in September 2013 to 2 in December 2013; completed actions stayed at 0; overdue actions stayed at 0; 2 actions in all in December 2013.',
      );
      const onlyEh = trends.acrossPlans(['EH'], '2013-09-01', to);
      expect(onlyEh.points.map((p) => p.total)).toEqual([0, 0, 2, 1]);
      expect(onlyEh.description).toMatch(/^Across the one plan, /);
    } finally {
      db.close();
    }
  });

  it('a trend within one month is one point, and the current board (no asOf) is read as it stands', () => {
    const { db, trends } = trendsOf([...plan('SIP', '2014-03-01T09:00:00.000Z'), added('SIP', 'A1', '2014-03-01T09:00:00.000Z')]);
    try {
      const trend = trends.planTrend('SIP', '2014-03-02', { day: '2014-03-20', instant: '2014-03-20T10:00:00.000Z' })!;
      expect(trend.points).toEqual([{ month: '2014-03', asOf: '2014-03-20T10:00:00.000Z', counts: { ...zero, W: 1 }, total: 1, overdue: 0 }]);
      expect(trend.description).toBe('In Plan SIP, in March 2014, 0 of 1 actions were Red, 0 complete and 0 overdue.');
    } finally {
      db.close();
    }
  });

  it("passes the trend's log bound (upTo) to every as-of read, and never reads after its end", () => {
    const reads: PointInTime[] = [];
    const board = {
      getPlan: () => ({ id: 'SIP', title: 'Strategic Improvement Plan' }),
      planBoard: (_: string, when: PointInTime) => (reads.push(when), undefined),
      board: (when: PointInTime) => (reads.push(when), []),
      listPlans: () => [],
    } as unknown as RagBoardQueries;
    const trends = new TrendsQueries(undefined as never, board);
    const to = { asOf: '2014-03-10T08:00:00.000Z', day: '2014-03-10', upTo: 412 };
    trends.planTrend('SIP', '2014-01-15', to);
    trends.acrossPlans(undefined, '2014-01-15', to);
    expect(reads).toHaveLength(6);
    expect(reads.every((when) => when.upTo === 412 && when.asOf! <= to.asOf)).toBe(true);
    expect(reads.slice(0, 3).map((when) => [when.asOf, when.day])).toEqual([
      ['2014-01-31T23:59:59.999Z', '2014-01-31'],
      ['2014-02-28T23:59:59.999Z', '2014-02-28'],
      ['2014-03-10T08:00:00.000Z', '2014-03-10'],
    ]);
  });
});

// ---- The property: over a generated history, every point is what the as-of board and an independent replay say at its instant.

type Op = { kind: 'start'; rag: Rag } | { kind: 'rag'; rag: Rag } | { kind: 'complete' } | { kind: 'reopen'; rag: Rag } | { kind: 'withdraw' } | { kind: 'target'; day: string };

const FIRST = Date.UTC(2013, 8, 1);
const LAST = Date.UTC(2014, 11, 20);
const MONTH_ENDS = ['2013-09-30', '2013-10-31', '2014-01-31', '2014-03-31', '2014-06-30', '2014-10-31', '2014-11-30'];
/** An instant anywhere in the period, or within two hours of a UK month's end (where GMT and BST differ). */
const instant = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  fc.tuple(fc.constantFrom(...MONTH_ENDS), fc.integer({ min: -2 * 3_600_000, max: 2 * 3_600_000 })).map(([day, offset]) => Date.parse(`${day}T23:00:00.000Z`) + offset),
);
const rag = fc.constantFrom<Rag>('G', 'A', 'R');
const day = fc.integer({ min: FIRST, max: LAST }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const op: fc.Arbitrary<Op> = fc.oneof(
  rag.map((r) => ({ kind: 'start' as const, rag: r })),
  rag.map((r) => ({ kind: 'rag' as const, rag: r })),
  fc.constant({ kind: 'complete' as const }),
  rag.map((r) => ({ kind: 'reopen' as const, rag: r })),
  fc.constant({ kind: 'withdraw' as const }),
  day.map((d) => ({ kind: 'target' as const, day: d })),
);
const actionSpec = fc.record({ plan: fc.constantFrom('SIP', 'EH'), addedAt: instant, targetDate: fc.option(day, { nil: undefined }), ops: fc.array(fc.tuple(op, instant), { maxLength: 6 }) });
type ActionSpec = typeof actionSpec extends fc.Arbitrary<infer T> ? T : never;

interface Modelled {
  planId: string;
  status: ActionStatus;
  targetDate?: string;
}

/** A plain replay: each action's status and target date after the events up to the instant, counted as a board counts. */
function replayedCounts(events: GivenEvent[], planIds: string[], asOf: string, onDay: string) {
  const actions = new Map<string, Modelled>();
  for (const event of events) {
    if (event.at! > asOf) continue;
    const d = event.data as { actionId?: string; planId: string; rag?: Rag; to?: string | Rag; targetDate?: string };
    if (event.type === 'ActionAdded') actions.set(d.actionId!, { planId: d.planId, status: 'W', targetDate: d.targetDate });
    const a = d.actionId === undefined ? undefined : actions.get(d.actionId);
    if (!a) continue;
    if (event.type === 'ActionStarted' || event.type === 'ActionReopened') a.status = d.rag!;
    if (event.type === 'ActionRagChanged') a.status = d.to as Rag;
    if (event.type === 'ActionCompleted') a.status = 'B';
    if (event.type === 'ActionWithdrawn') a.status = 'withdrawn';
    if (event.type === 'ActionTargetDateRevised') a.targetDate = d.to;
  }
  const counts: Counts = { ...zero };
  let overdue = 0;
  for (const a of actions.values()) {
    if (!planIds.includes(a.planId)) continue;
    if (a.status !== 'withdrawn') counts[a.status]++;
    if (isOverdueOn(a, onDay)) overdue++;
  }
  return { counts, total: COUNTED_STATUSES.reduce((n, s) => n + counts[s], 0), overdue };
}

/** The events of the generated actions, each op kept only where the action's state allows it, in time order (as the log has them). */
function historyOf(specs: ActionSpec[]): GivenEvent[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const timed: Array<{ ms: number; event: GivenEvent }> = [];
  specs.forEach((spec, i) => {
    const actionId = `${spec.plan}.${i}`;
    const base = { actionId, planId: spec.plan };
    timed.push({ ms: spec.addedAt, event: added(spec.plan, actionId, '', spec.targetDate) });
    let status: ActionStatus = 'W';
    let targetDate = spec.targetDate;
    for (const [o, ms] of [...spec.ops].sort((a, b) => a[1] - b[1])) {
      const at = Math.max(ms, spec.addedAt);
      const push = (event: GivenEvent) => timed.push({ ms: at, event });
      if (o.kind === 'start' && status === 'W') push({ type: 'ActionStarted', data: { ...base, rag: o.rag } });
      else if (o.kind === 'rag' && (status === 'G' || status === 'A' || status === 'R') && status !== o.rag) push({ type: 'ActionRagChanged', data: { ...base, from: status, to: o.rag, reason: 'Reviewed' } });
      else if (o.kind === 'complete' && status !== 'B' && status !== 'withdrawn') push({ type: 'ActionCompleted', data: { ...base, from: status } });
      else if (o.kind === 'reopen' && status === 'B') push({ type: 'ActionReopened', data: { ...base, rag: o.rag, reason: 'Not embedded' } });
      else if (o.kind === 'withdraw' && status !== 'withdrawn') push({ type: 'ActionWithdrawn', data: { ...base, from: status, reason: 'Superseded' } });
      else if (o.kind === 'target' && status !== 'withdrawn') push({ type: 'ActionTargetDateRevised', data: { ...base, from: targetDate, to: o.day, reason: 'Agreed by the board' } });
      else continue;
      status = o.kind === 'start' || o.kind === 'rag' || o.kind === 'reopen' ? o.rag : o.kind === 'complete' ? 'B' : o.kind === 'withdraw' ? 'withdrawn' : status;
      if (o.kind === 'target') targetDate = o.day;
    }
  });
  timed.sort((a, b) => a.ms - b.ms);
  const planEvents = [...plan('SIP', iso(FIRST - 86_400_000)), ...plan('EH', iso(FIRST - 86_400_000))];
  return [...planEvents, ...timed.map(({ ms, event }) => ({ ...event, at: iso(ms) }))];
}

describe('trends agree with the as-of boards (property, over generated histories; the seed is printed at the start of the run)', () => {
  it("every point's counts are the as-of plan board's and the Improvement Board's at the point's instant, and a plain replay's", () => {
    fc.assert(
      fc.property(fc.array(actionSpec, { minLength: 1, maxLength: 8 }), fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: FIRST, max: LAST }), (specs, a, b) => {
        const events = historyOf(specs);
        const { db, board, trends } = trendsOf(events);
        try {
          const [fromMs, toMs] = a <= b ? [a, b] : [b, a];
          const fromDay = dayOf(new Date(fromMs));
          const to: PointInTime = { asOf: new Date(toMs).toISOString(), day: dayOf(new Date(toMs)) };
          for (const planId of ['SIP', 'EH']) {
            const trend = trends.planTrend(planId, fromDay, to)!;
            expect(trend.points[0].month).toBe(fromDay.slice(0, 7));
            expect(trend.points[trend.points.length - 1]).toMatchObject({ month: to.day.slice(0, 7), asOf: to.asOf });
            for (const point of trend.points.slice(0, -1)) {
              // The month's last UK instant: still in the month in London, and a millisecond later the next month.
              const instant = Date.parse(point.asOf);
              expect([dayOf(new Date(instant)).slice(0, 7), dayOf(new Date(instant + 1)).slice(8)]).toEqual([point.month, '01']);
            }
            for (const point of trend.points) {
              const when = { asOf: point.asOf, day: dayOf(new Date(point.asOf)) };
              const planBoard = board.planBoard(planId, when)!;
              expect({ counts: point.counts, total: point.total, overdue: point.overdue }).toEqual({ counts: planBoard.counts, total: planBoard.total, overdue: planBoard.overdue });
              expect(point).toMatchObject(replayedCounts(events, [planId], point.asOf, when.day));
            }
          }
          const across = trends.acrossPlans(undefined, fromDay, to);
          for (const point of across.points) {
            expect(point).toMatchObject(replayedCounts(events, ['SIP', 'EH'], point.asOf, dayOf(new Date(point.asOf))));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
