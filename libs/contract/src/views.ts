/**
 * The shapes the web board reads from the API (GET /api/...), as the API answers them.
 * Types only.
 */
import type { MeasureUnit, Polarity } from './measure-values.js';
import type { MilestoneOutcome } from './milestone-outcomes.js';
import type { OwnerPerson } from './people.js';
import type { ComputedValue, SchoolIndicator, SchoolPhase } from './schools.js';
import type { ActionStatus, CountedStatus,Rag } from './status.js';

export type Counts = Record<CountedStatus, number>;

/** The log position a board was drawn from and the hash-chain head there (null where the store keeps no chain). */
export interface LogStamp {
  position: number | null;
  head: string | null;
}

/** Who made a change, as the history shows them. */
export interface ActorView {
  id: string;
  name: string;
  role: string;
}

/** One entry of GET /api/actions/:id/history (and a measure's history). */
export interface HistoryEntry {
  position: number;
  revision: number;
  type: string;
  at: string;
  actor: ActorView;
  data: Record<string, unknown>;
  reason: string | null;
}

/** GET /api/plans/:planId: what the pages need of a plan. */
export interface PlanInfo {
  id: string;
  title: string;
  workstreams: Array<{ id: string; title: string }>;
}

/** One action on a plan board. */
export interface BoardRow {
  id: string;
  ref: string | null;
  title: string;
  owners: string[];
  /** The owners beside `owners`, in the same order, with who each is in the directory (the API always answers it). */
  ownerPeople?: OwnerPerson[];
  targetDate: string | null;
  status: ActionStatus;
  overdue: boolean;
  lastChangedAt: string;
  /** The evidence documents the action held at the board's instant (withdrawn and erased ones not counted). */
  evidenceCount: number;
  /** "3 of 5 steps done": the action's steps done, and all its steps, at the board's instant (0 and 0 when it has none). */
  stepsDone: number;
  stepsTotal: number;
}

export type StepStatus = 'open' | 'done';

/** One step of an action, as GET /api/actions/:id lists them (in the plan's order). */
export interface StepView {
  id: string;
  text: string;
  owners: string[];
  enablingTeams: string[];
  targetDate: string | null;
  /** The date as the plan printed it. */
  targetDateText: string | null;
  /** The status the plan printed beside the step ("due for completion end of October"), as written. */
  statusNote: string | null;
  status: StepStatus;
  /** Whether the step is open and its target date has passed (judged as an action's). */
  overdue: boolean;
  lastChangedAt: string;
}

/**
 * A link an action prints (`links`: "EHIP", "VSIP 2.1", another action's id), resolved where
 * the tracker holds what it names: an action, else a plan; unresolved links stay as printed.
 */
export interface ActionLink {
  /** As printed. */
  text: string;
  actionId: string | null;
  planId: string | null;
  /** The linked action's title, or the plan's, when resolved. */
  title: string | null;
}

/** GET /api/actions/:id. */
export interface ActionDetails extends BoardRow {
  planId: string;
  workstreamId: string;
  enablingTeams: string[];
  targetDateText: string | null;
  measures: string | null;
  links: string[];
  lastChange: string;
  lastReason: string | null;
  createdAt: string;
  revision: number;
  steps: StepView[];
  /** True when it has steps and every one is done: the page says so; the action is not completed by it. */
  allStepsDone: boolean;
  /** Its own links, each resolved where it can be. */
  linkedTo: ActionLink[];
  /** The actions whose links resolve to this action (text: the link as they print it). */
  linkedFrom: ActionLink[];
}

/** What a plan or a work-stream prints around its actions (empty lists and null when it prints none). */
export interface PlanningFrameworkView {
  lead: string | null;
  successCriteria: string[];
  standards: string[];
  assumptions: string[];
  risks: string[];
}

/** One milestone, as GET /api/plans/:planId/milestones lists them (by date). */
export interface MilestoneView {
  id: string;
  planId: string;
  /** null: the plan's own milestone. */
  workstreamId: string | null;
  date: string;
  dateText: string | null;
  text: string;
  refs: string[];
  group: string | null;
  /** The latest assessment, with who made it and when. */
  assessment: { outcome: MilestoneOutcome; reason: string; at: string; by: ActorView } | null;
  /** Its date has passed at the list's instant. */
  due: boolean;
  /** Due and not assessed: an exception, like an overdue action. */
  unassessed: boolean;
  /** Evidence documents held for it (withdrawn and erased ones not counted). */
  evidenceCount: number;
  lastChangedAt: string;
}

/** GET /api/plans/:planId/milestones. */
export interface MilestoneList {
  asOf: string;
  planId: string;
  milestones: MilestoneView[];
}

export interface WorkstreamBoard {
  id: string;
  title: string;
  accountable: string | null;
  responsible: string | null;
  counts: Counts;
  total: number;
  overdue: number;
  exceptions: number;
  actions: BoardRow[];
  framework: PlanningFrameworkView;
  /** Milestones due and not assessed on this work-stream at the board's instant. */
  unassessedMilestones: number;
}

/** GET /api/plans/:planId/board. */
export interface PlanBoard {
  asOf: string;
  plan: { id: string; kind: string; title: string; board: string | null; version: string | null; framework: PlanningFrameworkView };
  counts: Counts;
  total: number;
  overdue: number;
  withdrawn: number;
  exceptions: number;
  workstreams: WorkstreamBoard[];
  /** The log position this board was drawn from, with its hash: printed on the board pack. */
  stamp: LogStamp;
}

export interface PlanLine {
  id: string;
  kind: string;
  title: string;
  board: string | null;
  version: string | null;
  counts: Counts;
  total: number;
  overdue: number;
  withdrawn: number;
  exceptions: number;
}

/** GET /api/board: the Improvement Board. */
export interface ImprovementBoard {
  asOf: string;
  plans: PlanLine[];
  stamp: LogStamp;
}

/** A Red, Amber or overdue action, with the last reason given. */
export interface ExceptionAction extends BoardRow {
  planId: string;
  lastReason: string | null;
}

/** GET /api/exceptions. */
export interface Exceptions {
  asOf: string;
  planId: string | null;
  actions: ExceptionAction[];
  /** Milestones due and not assessed. */
  milestones: MilestoneView[];
  stamp: LogStamp;
}

export interface ActionSnapshot {
  status: ActionStatus;
  targetDate: string | null;
  owners: string[];
  overdue: boolean;
}

export interface Movement {
  actionId: string;
  ref: string | null;
  title: string;
  workstreamId: string;
  before: ActionSnapshot | null;
  after: ActionSnapshot;
  changes: Array<{ type: string; at: string; actor: ActorView; from: unknown; to: unknown; reason: string | null }>;
}

/** GET /api/plans/:planId/changes: what moved between two board meetings. */
export interface Changes {
  planId: string;
  from: string | null;
  to: string;
  actions: Movement[];
}

export type Direction = 'improving' | 'worsening' | 'steady' | null;

/** A person's RAG, shown beside the computed one, never in its place. */
export interface MeasureOverride {
  rag: Rag;
  reason: string;
  by: ActorView;
  at: string;
}

/** One row of GET /api/plans/:planId/measures. */
export interface MeasureBoardRow {
  id: string;
  name: string;
  unit: MeasureUnit;
  polarity: Polarity;
  workstreamId: string | null;
  period: string | null;
  value: number | null;
  provisional: boolean;
  target: number | null;
  national: number | null;
  rag: Rag | null;
  explanation: string;
  override: MeasureOverride | null;
  direction: Direction;
  lastChangedAt: string;
  /** A measure computed from the schools register (issue 19): what it counts, and the latest period's figure with its numerator and denominator. */
  computedFrom?: 'register';
  indicator?: SchoolIndicator;
  phase?: SchoolPhase | null;
  computed?: ComputedValue | null;
}

export interface MeasureBoard {
  asOf: string;
  planId: string;
  measures: MeasureBoardRow[];
}

/** One period of a measure's series. */
export interface MeasurePoint {
  period: string;
  value: number | null;
  provisional: boolean;
  source: string | null;
  revisedFrom: number | null;
  revisionReason: string | null;
  target: number | null;
  national: number | null;
  statisticalNeighbours: number | null;
  regional: number | null;
  /** The council's prediction for the period (POST /api/measures/:id/predictions). */
  predicted: number | null;
  /**
   * A register measure's figure for the period, as the register computed it: `value` is its
   * percentage. Absent on a measure typed in, and on a period that had not begun on the day asked.
   */
  computed?: ComputedValue;
}

/** GET /api/measures/:id. */
export interface MeasureDetails {
  id: string;
  planId: string;
  workstreamId: string | null;
  name: string;
  unit: MeasureUnit;
  polarity: Polarity;
  baseline: { period: string; value: number } | null;
  amberTolerance: number;
  /** 'register': the figures are computed from the schools register, by `indicator` for `phase` (null: every phase); null: typed in. */
  computedFrom: 'register' | null;
  indicator: SchoolIndicator | null;
  phase: SchoolPhase | null;
  series: MeasurePoint[];
  rag: Rag | null;
  explanation: string;
  rule: string;
  override: MeasureOverride | null;
  direction: Direction;
  revision: number;
  lastChangedAt: string;
}
