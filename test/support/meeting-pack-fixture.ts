/**
 * A realistic meeting pack (the GET /api/meetings/:id/pack?format=json shape) built in code, for
 * the pack's renderers: two plans with work-streams and a dozen actions in every status, Red and
 * Amber exceptions with their reasons, changes since the previous pack with who, when, from, to
 * and why, three measures with their series against targets, twelve months of trends per plan
 * and across plans, and the board's own actions open, overdue and closed. Names carry
 * apostrophes, ampersands and non-ASCII letters, so every renderer is made to escape and encode.
 * Self-contained: it reads nothing and depends on the contract's types only.
 */
import type {
  ActionStatus,
  ActorView,
  BoardActionView,
  BoardRow,
  Counts,
  ExceptionAction,
  MeetingPack,
  MilestoneView,
  Movement,
  PackMeasure,
  PlanBoard,
  PlanLine,
  PlanningFrameworkView,
  TrendPoint,
  TrendView,
  WorkstreamBoard,
} from '@rag-ledger/contract';

/** The stamp's head: a SHA-256 in hex, as the log's hash chain writes it. */
export const FIXTURE_HEAD = '9f2c4e1a7b3d5f60818293a4b5c6d7e8f9011223344556677889900aabbccdde';
export const FIXTURE_POSITION = 1042;
export const FIXTURE_ISSUED_AT = '2014-03-05T10:15:00.000Z';
export const FIXTURE_GENERATED_AT = '2014-03-12T09:00:00.000Z';
export const FIXTURE_BOARD_NAME = "Children's Services Improvement Board";
export const FIXTURE_MEETING_TITLE = 'Improvement Board – March 2014 (Chair: Siân O’Brien)';

const chair: ActorView = { id: 'p-sob', name: 'Siân O’Brien', role: 'board' };
const secretary: ActorView = { id: 'p-jd', name: 'José Díaz', role: 'board' };
const owner: ActorView = { id: 'p-ab', name: 'Amélie Brontë-Smith', role: 'owner' };
const officer: ActorView = { id: 'p-gp', name: "Graham P'Nut & Sons", role: 'officer' };

const noFramework: PlanningFrameworkView = { lead: null, successCriteria: [], standards: [], assumptions: [], risks: [] };

interface ActionSeed {
  id: string;
  ref: string | null;
  title: string;
  owners: string[];
  targetDate: string | null;
  status: ActionStatus;
  overdue?: boolean;
  lastReason?: string | null;
}

const AS_OF = FIXTURE_ISSUED_AT;

function row(seed: ActionSeed): BoardRow {
  return {
    id: seed.id,
    ref: seed.ref,
    title: seed.title,
    owners: seed.owners,
    ownerPeople: seed.owners.map((initials) => ({ initials })),
    targetDate: seed.targetDate,
    status: seed.status,
    overdue: seed.overdue ?? false,
    lastChangedAt: '2014-02-20T14:30:00.000Z',
    evidenceCount: seed.status === 'B' ? 2 : 0,
    stepsDone: seed.status === 'B' ? 3 : 1,
    stepsTotal: 3,
  };
}

function countsOf(rows: readonly BoardRow[]): Counts {
  const counts: Counts = { W: 0, G: 0, A: 0, R: 0, B: 0 };
  for (const r of rows) if (r.status !== 'withdrawn') counts[r.status] += 1;
  return counts;
}

const isException = (r: BoardRow) => r.status === 'R' || r.status === 'A' || r.overdue;

function workstream(id: string, title: string, accountable: string, responsible: string, seeds: ActionSeed[]): WorkstreamBoard {
  const actions = seeds.map(row);
  const counted = actions.filter((a) => a.status !== 'withdrawn');
  return {
    id,
    title,
    accountable,
    responsible,
    counts: countsOf(actions),
    total: counted.length,
    overdue: counted.filter((a) => a.overdue).length,
    exceptions: counted.filter(isException).length,
    actions,
    framework: { ...noFramework, successCriteria: ['Children are seen within timescales & visits are recorded'] },
    unassessedMilestones: 0,
  };
}

function planBoard(id: string, kind: string, title: string, board: string, version: string, workstreams: WorkstreamBoard[]): PlanBoard {
  const actions = workstreams.flatMap((w) => w.actions);
  const counted = actions.filter((a) => a.status !== 'withdrawn');
  return {
    asOf: AS_OF,
    plan: { id, kind, title, board, version, framework: noFramework },
    counts: countsOf(actions),
    total: counted.length,
    overdue: counted.filter((a) => a.overdue).length,
    withdrawn: actions.length - counted.length,
    exceptions: counted.filter(isException).length,
    workstreams,
    stamp: { position: FIXTURE_POSITION, head: FIXTURE_HEAD },
  };
}

const strategicSeeds: Record<string, ActionSeed[]> = {
  'ws-leadership': [
    { id: 'a-sp-1', ref: 'SP.1.1', title: 'Appoint a permanent Director of Children’s Services', owners: ['SOB'], targetDate: '2013-12-31', status: 'B' },
    { id: 'a-sp-2', ref: 'SP.1.2', title: "Review the Local Safeguarding Children Board's governance & terms of reference", owners: ['AB', 'CB'], targetDate: '2014-01-31', status: 'R', overdue: true, lastReason: 'The review stalled when the independent chair left; a new chair starts in April.' },
    { id: 'a-sp-3', ref: 'SP.1.3', title: 'Publish the workforce strategy (social work recruitment & retention)', owners: ['GP'], targetDate: '2014-06-30', status: 'A', lastReason: 'Agency costs are higher than planned; a recovery plan goes to Cabinet in April.' },
    { id: 'a-sp-4', ref: 'SP.1.4', title: 'Quarterly performance clinics with every team manager', owners: ['JD'], targetDate: '2014-09-30', status: 'G' },
  ],
  'ws-practice': [
    { id: 'a-sp-5', ref: 'SP.2.1', title: 'Audit 10% of open cases each month against the practice standards', owners: ['AB'], targetDate: '2014-03-31', status: 'G' },
    { id: 'a-sp-6', ref: 'SP.2.2', title: 'Introduce the "Signs of Safety" model in every locality', owners: ['CB', 'Schools'], targetDate: '2014-10-31', status: 'W' },
    { id: 'a-sp-7', ref: null, title: 'Replace the case-recording system (Carefirst → Liquidlogic)', owners: ['ICT'], targetDate: '2014-02-28', status: 'A', overdue: true, lastReason: 'Data migration found 4,000 duplicate records; go-live moved to May.' },
  ],
};

const lacSeeds: Record<string, ActionSeed[]> = {
  'ws-placements': [
    { id: 'a-lac-1', ref: 'LAC.1.1', title: 'Increase in-house foster carers by 30 (Ørsted Road & Market Place campaigns)', owners: ['ZŻ'], targetDate: '2014-12-31', status: 'G' },
    { id: 'a-lac-2', ref: 'LAC.1.2', title: 'Reduce placement moves for children in care', owners: ['AB'], targetDate: '2014-03-31', status: 'R', lastReason: 'Three residential homes closed at short notice; moves rose in January.' },
    { id: 'a-lac-3', ref: 'LAC.1.3', title: 'Sufficiency strategy for 16+ accommodation', owners: ['GP'], targetDate: '2013-11-30', status: 'B' },
  ],
  'ws-health': [
    { id: 'a-lac-4', ref: 'LAC.2.1', title: 'Initial health assessments within 28 days', owners: ['NHS', 'CB'], targetDate: '2014-04-30', status: 'A', lastReason: 'The designated nurse post is vacant until June; the CCG is covering clinics.' },
    { id: 'a-lac-5', ref: 'LAC.2.2', title: 'Personal education plans reviewed each term', owners: ['VSH'], targetDate: null, status: 'W' },
    { id: 'a-lac-6', ref: 'LAC.2.3', title: 'Old leaving-care pathway (superseded by the 2014 plan)', owners: ['JD'], targetDate: '2014-01-31', status: 'withdrawn' },
  ],
};

function buildPlans(): PlanBoard[] {
  return [
    planBoard('plan-strategic', 'strategic', "Children's Services Strategic Improvement Plan", 'Improvement Board', '1.05', [
      workstream('ws-leadership', 'Leadership, governance & accountability', 'SOB', 'AB', strategicSeeds['ws-leadership']),
      workstream('ws-practice', 'Quality of social work practice', 'CB', 'Lead', strategicSeeds['ws-practice']),
    ]),
    planBoard('plan-lac', 'lac', 'Looked After Children (LAC) Operational Improvement Plan', 'Corporate Parenting Board', '1.08', [
      workstream('ws-placements', 'Placements & sufficiency', 'GP', 'ZŻ', lacSeeds['ws-placements']),
      workstream('ws-health', 'Health & education of children in care', 'CB', 'VSH', lacSeeds['ws-health']),
    ]),
  ];
}

function planLine(board: PlanBoard): PlanLine {
  const { id, kind, title, board: reviewedBy, version } = board.plan;
  return { id, kind, title, board: reviewedBy, version, counts: board.counts, total: board.total, overdue: board.overdue, withdrawn: board.withdrawn, exceptions: board.exceptions };
}

const SEVERITY: Record<ActionStatus, number> = { R: 0, A: 1, G: 2, W: 3, B: 4, withdrawn: 5 };

function exceptionsOf(plans: readonly PlanBoard[]): ExceptionAction[] {
  const seeds = new Map([...Object.values(strategicSeeds), ...Object.values(lacSeeds)].flat().map((s) => [s.id, s]));
  return plans
    .flatMap((p) => p.workstreams.flatMap((w) => w.actions.filter((a) => a.status !== 'withdrawn' && isException(a)).map((a) => ({ ...a, planId: p.plan.id, lastReason: seeds.get(a.id)?.lastReason ?? null }))))
    .sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || Number(b.overdue) - Number(a.overdue) || a.id.localeCompare(b.id));
}

const unassessedMilestone: MilestoneView = {
  id: 'm-sp-1',
  planId: 'plan-strategic',
  workstreamId: 'ws-leadership',
  date: '2014-02-28',
  dateText: 'Feb 2014',
  text: 'New LSCB chair in post & first meeting held',
  refs: ['SP.1.2'],
  group: null,
  assessment: null,
  due: true,
  unassessed: true,
  evidenceCount: 0,
  lastChangedAt: '2013-09-01T09:00:00.000Z',
};

function movement(action: { id: string; ref: string | null; title: string }, workstreamId: string, before: ActionStatus | null, after: ActionStatus, changes: Movement['changes'], overdue = false): Movement {
  return {
    actionId: action.id,
    ref: action.ref,
    title: action.title,
    workstreamId,
    before: before === null ? null : { status: before, targetDate: '2014-01-31', owners: ['AB'], overdue: false },
    after: { status: after, targetDate: '2014-01-31', owners: ['AB', 'CB'], overdue },
    changes,
  };
}

function buildChanges(): MeetingPack['changes'] {
  const [sp2, sp3, sp7] = [strategicSeeds['ws-leadership'][1], strategicSeeds['ws-leadership'][2], strategicSeeds['ws-practice'][2]];
  const [lac2, lac3] = [lacSeeds['ws-placements'][1], lacSeeds['ws-placements'][2]];
  return [
    {
      planId: 'plan-strategic',
      actions: [
        movement(sp2, 'ws-leadership', 'A', 'R', [
          { type: 'ActionRagChanged', at: '2014-02-12T11:00:00.000Z', actor: owner, from: 'A', to: 'R', reason: 'The review stalled when the independent chair left; a new chair starts in April.' },
          { type: 'ActionOwnersReassigned', at: '2014-02-13T09:30:00.000Z', actor: chair, from: ['AB'], to: ['AB', 'CB'], reason: 'CB joins to lead the governance review with the new chair.' },
        ], true),
        movement(sp7, 'ws-practice', 'G', 'A', [
          { type: 'ActionRagChanged', at: '2014-02-18T16:45:00.000Z', actor: officer, from: 'G', to: 'A', reason: 'Data migration found 4,000 duplicate records; go-live moved to May.' },
        ], true),
        movement(sp3, 'ws-leadership', 'W', 'A', [
          { type: 'ActionStarted', at: '2014-02-03T08:15:00.000Z', actor: owner, from: 'W', to: 'A', reason: 'Agency costs are higher than planned; a recovery plan goes to Cabinet in April.' },
          { type: 'ActionTargetDateRevised', at: '2014-02-03T08:20:00.000Z', actor: owner, from: '2014-03-31', to: '2014-06-30', reason: 'Cabinet moved the workforce item to its June meeting.' },
        ]),
      ],
    },
    {
      planId: 'plan-lac',
      actions: [
        movement(lac2, 'ws-placements', 'G', 'R', [
          { type: 'ActionRagChanged', at: '2014-01-29T10:00:00.000Z', actor: secretary, from: 'G', to: 'R', reason: 'Three residential homes closed at short notice; moves rose in January.' },
        ]),
        movement(lac3, 'ws-placements', 'G', 'B', [
          { type: 'ActionCompleted', at: '2014-01-15T15:00:00.000Z', actor: officer, from: 'G', to: 'B', reason: 'Strategy signed off by the Corporate Parenting Board on 14 January.' },
        ]),
      ],
    },
  ];
}

function buildMeasures(): PackMeasure[] {
  return [
    {
      id: 'ms-good-schools',
      planId: 'plan-strategic',
      name: '% of primary schools judged good or better',
      unit: 'percent',
      polarity: 'higher',
      period: '2013/14',
      value: 68,
      target: 79,
      rag: 'R',
      direction: 'improving',
      series: [
        { period: '2011/12', value: 61, target: null },
        { period: '2012/13', value: 64, target: 72 },
        { period: '2013/14', value: 68, target: 79 },
        { period: '2014/15', value: null, target: 85 },
      ],
    },
    {
      id: 'ms-placement-moves',
      planId: 'plan-lac',
      name: 'Children in care with 3+ placements in the year',
      unit: 'percent',
      polarity: 'lower',
      period: '2013/14 Q3',
      value: 11.5,
      target: 10,
      rag: 'A',
      direction: 'worsening',
      series: [
        { period: '2013/14 Q1', value: 9.8, target: 10 },
        { period: '2013/14 Q2', value: 10.4, target: 10 },
        { period: '2013/14 Q3', value: 11.5, target: 10 },
      ],
    },
    {
      id: 'ms-assessment-days',
      planId: 'plan-lac',
      name: 'Days from entering care to initial health assessment',
      unit: 'days',
      polarity: 'lower',
      period: '2013/14 Q3',
      value: 24,
      target: 28,
      rag: 'G',
      direction: 'steady',
      series: [
        { period: '2013/14 Q1', value: 25, target: 28 },
        { period: '2013/14 Q2', value: 24, target: 28 },
        { period: '2013/14 Q3', value: 24, target: 28 },
      ],
    },
  ];
}

/** Twelve month-ends, April 2013 to March 2014 (the last read as at the stamp). */
const MONTHS = ['2013-04', '2013-05', '2013-06', '2013-07', '2013-08', '2013-09', '2013-10', '2013-11', '2013-12', '2014-01', '2014-02', '2014-03'];

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 1).toISOString();
}

function trend(planId: string | null, title: string, total: number, shift: number): TrendView {
  const points: TrendPoint[] = MONTHS.map((month, i) => {
    const B = Math.min(total, Math.floor((i * total) / 24) + shift);
    // Clamped in turn so that the five counts always add up to the total.
    const R = Math.min(total - B, (i + shift) % 3 === 0 ? 2 : 1);
    const A = Math.min(total - B - R, 1 + ((i + shift) % 2));
    const W = Math.floor(((11 - i) * (total - B - R - A)) / 11);
    const G = total - B - R - A - W;
    return { month, asOf: i === MONTHS.length - 1 ? AS_OF : monthEnd(month), counts: { W, G, A, R, B }, total, overdue: (i + shift) % 4 };
  });
  const last = points[points.length - 1];
  return {
    planId,
    title,
    from: '2013-04-01',
    to: '2014-03-05',
    points,
    description: `${title}: from April 2013 to March 2014, completed actions rose to ${last.counts.B} of ${total}; ${last.counts.R} Red and ${last.counts.A} Amber in March 2014, ${last.overdue} overdue.`,
  };
}

function buildBoardActions(): BoardActionView[] {
  const base = { boardId: 'board-improvement', evidenceCount: 0, agreedBy: secretary } as const;
  return [
    {
      ...base,
      id: 'ba-1',
      meetingId: 'meeting-2014-01',
      agendaItem: '4. Performance report',
      text: 'It was agreed that the accurate governor-vacancy figure (22%, not 30%) would be circulated with the minutes.',
      owner: 'AB',
      dueOn: '2014-01-31',
      state: 'open',
      overdue: true,
      agreedAt: '2014-01-08T12:00:00.000Z',
      responses: [{ text: 'Figure checked with Governor Services; circulation awaits the Chair’s sign-off.', at: '2014-02-02T09:00:00.000Z', by: owner }],
      closure: null,
    },
    {
      ...base,
      id: 'ba-2',
      meetingId: 'meeting-2014-02',
      agendaItem: '6. Workforce & agency spend',
      text: 'Bring a costed recovery plan for agency social workers to the April board.',
      owner: 'GP',
      dueOn: '2014-04-02',
      state: 'open',
      overdue: false,
      agreedAt: '2014-02-05T12:00:00.000Z',
      responses: [],
      closure: null,
    },
    {
      ...base,
      id: 'ba-3',
      meetingId: 'meeting-2014-02',
      agendaItem: '3. Matters arising',
      text: "Write to the CCG about the designated nurse's vacancy & the cover arrangements.",
      owner: 'SOB',
      dueOn: '2014-02-20',
      state: 'closed',
      overdue: false,
      agreedAt: '2014-02-05T12:00:00.000Z',
      evidenceCount: 1,
      responses: [{ text: 'Letter sent 10 February; the CCG replied on 18 February.', at: '2014-02-18T17:00:00.000Z', by: chair }],
      closure: { reason: 'The CCG confirmed interim cover until June.', at: '2014-02-19T08:30:00.000Z', by: chair },
    },
  ];
}

/** A realistic MeetingPack; `overrides` replace whole top-level parts (a new generatedAt, fewer plans...). */
export function meetingPackFixture(overrides: Partial<MeetingPack> = {}): MeetingPack {
  const plans = buildPlans();
  const pack: MeetingPack = {
    meeting: { id: 'meeting-2014-03', boardId: 'board-improvement', date: '2014-03-12', title: FIXTURE_MEETING_TITLE, papersDueOn: '2014-03-05', scheduledAt: '2013-12-10T10:00:00.000Z' },
    board: { id: 'board-improvement', name: FIXTURE_BOARD_NAME, kind: 'improvement', members: ['Siân O’Brien (Chair)', 'José Díaz', 'Amélie Brontë-Smith', "Graham P'Nut & Sons"] },
    stamp: {
      position: FIXTURE_POSITION,
      head: FIXTURE_HEAD,
      issuedAt: FIXTURE_ISSUED_AT,
      issuedBy: secretary,
      planIds: plans.map((p) => p.plan.id),
      measureIds: ['ms-good-schools', 'ms-placement-moves', 'ms-assessment-days'],
      previous: { meetingId: 'meeting-2014-02', position: 987, issuedAt: '2014-01-29T16:00:00.000Z' },
    },
    overview: { asOf: AS_OF, plans: plans.map(planLine), stamp: { position: FIXTURE_POSITION, head: FIXTURE_HEAD } },
    plans,
    exceptions: { actions: exceptionsOf(plans), milestones: [unassessedMilestone] },
    changes: buildChanges(),
    measures: buildMeasures(),
    trends: [
      trend(null, 'Across the plans', 12, 0),
      trend('plan-strategic', "Children's Services Strategic Improvement Plan", 7, 1),
      trend('plan-lac', 'Looked After Children (LAC) Operational Improvement Plan', 5, 2),
    ],
    boardActions: buildBoardActions(),
    // Sealed up to the stamp when the pack was issued, as issuing does.
    seal: {
      position: FIXTURE_POSITION,
      hash: FIXTURE_HEAD,
      previous: { position: 987, hash: 'c0ffee00'.repeat(8) },
      count: FIXTURE_POSITION - 987,
      reason: 'pack',
      sealedAt: FIXTURE_ISSUED_AT,
      sealedBy: secretary,
      sealPosition: FIXTURE_POSITION + 1,
    },
    generatedAt: FIXTURE_GENERATED_AT,
  };
  return { ...pack, ...overrides };
}
