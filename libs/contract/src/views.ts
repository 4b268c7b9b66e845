/**
 * The shapes the web board reads from the API (GET /api/...), as the API answers them.
 * Types only.
 */
import type { MeasureUnit, Polarity } from './measure-values.js';
import type { OwnerPerson } from './people.js';
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
}

/** GET /api/plans/:planId/board. */
export interface PlanBoard {
  asOf: string;
  plan: { id: string; kind: string; title: string; board: string | null; version: string | null };
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
  series: MeasurePoint[];
  rag: Rag | null;
  explanation: string;
  rule: string;
  override: MeasureOverride | null;
  direction: Direction;
  revision: number;
  lastChangedAt: string;
}
