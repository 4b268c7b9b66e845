/**
 * Board meetings (issue 20): the boards that meet, their meetings, the pack issued for each
 * meeting, the board's own action log, the reminders sent before a meeting, and the trends the
 * packs and the web board draw. Types and word lists only, as the rest of the contract.
 */
import type { MeasureUnit, Polarity } from './measure-values.js';
import type { SealView } from './seals.js';
import type { Rag } from './status.js';
import type { ActorView, Counts, Direction, ExceptionAction, ImprovementBoard, MilestoneView, Movement, PlanBoard } from './views.js';

/** The kinds of board a council runs: the Improvement Board, each plan's own board, the Overview and Scrutiny panel. */
export const BOARD_KINDS = ['improvement', 'plan', 'scrutiny'] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];
export const BOARD_KIND_NAMES: Record<BoardKind, string> = {
  improvement: 'Improvement Board',
  plan: "A plan's board",
  scrutiny: 'Overview and Scrutiny panel',
};
export const isBoardKind = (value: unknown): value is BoardKind => typeof value === 'string' && (BOARD_KINDS as readonly string[]).includes(value);

/** One row of GET /api/boards (and GET /api/boards/:id). */
export interface BoardView {
  id: string;
  name: string;
  kind: BoardKind;
  /** The plans it reviews, in the order given. */
  planIds: string[];
  /** Its members as the council names them (initials from the directory, or names). */
  members: string[];
  establishedAt: string;
  /** The next meeting not yet held on the day asked, if any. */
  nextMeeting: MeetingView | null;
  /** The latest meeting whose pack was issued, if any. */
  lastIssuedMeeting: MeetingView | null;
}

/** The stamp a pack carries: the log it was drawn from, frozen when it was issued. */
export interface PackStampView {
  /** The log position at issue: the pack shows the log up to and including this position. */
  position: number;
  /** The hash-chain head at that position (null on a store without a chain). */
  head: string | null;
  /** When it was issued (ISO instant). */
  issuedAt: string;
  issuedBy: ActorView;
  /** The plans and measures it covers, as at issue. */
  planIds: string[];
  measureIds: string[];
  /** The previous issued pack of the same board: the pack's changes are those after its position. Null for the first. */
  previous: { meetingId: string; position: number; issuedAt: string } | null;
}

/** One row of GET /api/boards/:id/meetings (and GET /api/meetings/:id). */
export interface MeetingView {
  id: string;
  boardId: string;
  /** The day of the meeting, YYYY-MM-DD (a UK calendar day). */
  date: string;
  title: string;
  /** The day papers are due, YYYY-MM-DD, on or before the meeting. */
  papersDueOn: string;
  scheduledAt: string;
  /** Null until the pack is issued. */
  pack: PackStampView | null;
  /** Who was reminded before it, when (empty until reminders are sent). */
  reminders: Array<{ sentAt: string; owners: string[]; channel: ReminderChannel }>;
  /** The board actions this meeting agreed. */
  boardActionIds: string[];
}

export const BOARD_ACTION_STATES = ['open', 'closed'] as const;
export type BoardActionState = (typeof BOARD_ACTION_STATES)[number];

/** One entry of the board's own action log (GET /api/boards/:id/board-actions, GET /api/board-actions/:id). */
export interface BoardActionView {
  id: string;
  boardId: string;
  meetingId: string;
  agendaItem: string;
  /** What was agreed, in the minutes' words. */
  text: string;
  owner: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  state: BoardActionState;
  /** Open and its due day has passed, on the day asked. */
  overdue: boolean;
  agreedAt: string;
  agreedBy: ActorView;
  responses: Array<{ text: string; at: string; by: ActorView }>;
  closure: { reason: string; at: string; by: ActorView } | null;
  /** Evidence documents held for it (withdrawn and erased not counted). */
  evidenceCount: number;
}

/** One month of a trend: the RAG distribution and overdue count as the board stood at the month's end (or at the trend's end). */
export interface TrendPoint {
  /** YYYY-MM. */
  month: string;
  /** The instant the board was read as at: the month's last UK instant, or the trend's end in its last month. */
  asOf: string;
  counts: Counts;
  total: number;
  overdue: number;
}

/** GET /api/plans/:planId/trends and GET /api/trends (planId null: across plans). */
export interface TrendView {
  planId: string | null;
  title: string;
  from: string;
  to: string;
  points: TrendPoint[];
  /** One sentence a screen reader (and a printed pack) reads in place of the picture. */
  description: string;
}

/** A measure as a pack prints it: its RAG, its direction of travel and its series against targets. */
export interface PackMeasure {
  id: string;
  planId: string;
  name: string;
  unit: MeasureUnit;
  polarity: Polarity;
  period: string | null;
  value: number | null;
  target: number | null;
  rag: Rag | null;
  direction: Direction;
  series: Array<{ period: string; value: number | null; target: number | null }>;
}

/**
 * GET /api/meetings/:id/pack?format=json: everything the pack shows, drawn from the log up to
 * its stamp (never from today's state), so the same pack comes back every time it is asked for.
 */
export interface MeetingPack {
  meeting: Omit<MeetingView, 'pack' | 'reminders' | 'boardActionIds'>;
  board: { id: string; name: string; kind: BoardKind; members: string[] };
  stamp: PackStampView;
  /** The cross-plan board of the plans it covers, as at the stamp. */
  overview: ImprovementBoard;
  /** Each plan's board as at the stamp, in the board's order. */
  plans: PlanBoard[];
  /** Red, Amber and overdue actions of those plans, worst first, and milestones due and not assessed. */
  exceptions: { actions: ExceptionAction[]; milestones: MilestoneView[] };
  /** Every change since the previous pack (after its position, up to this one's), per plan, worst first: who, when, from, to, why. */
  changes: Array<{ planId: string; actions: Movement[] }>;
  measures: PackMeasure[];
  /** Each plan's trend and one across the plans, up to the stamp. */
  trends: TrendView[];
  /** The board's action log as at the stamp: open actions overdue first, then those closed since the previous pack. */
  boardActions: BoardActionView[];
  /** The seal covering the stamp's position (a pack is sealed up to its stamp when issued); null for a pack issued before the log had seals. */
  seal: SealView | null;
  /** When this copy was generated: the only part that differs between two copies of the same pack. */
  generatedAt: string;
}

export const REMINDER_CHANNELS = ['smtp', 'file'] as const;
/** How a digest went: by e-mail over SMTP, or written to the data directory when no SMTP server is configured. */
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

/** One owner's digest before one meeting. */
export interface ReminderDigest {
  meetingId: string;
  owner: string;
  /** The directory's e-mail for the owner; null when the directory has none (the digest cannot go). */
  email: string | null;
  overdue: string[];
  dueBeforeMeeting: string[];
  noUpdateSincePreviousPack: string[];
}

/** GET /api/reminders (admins): the reminders sent or written, newest first. */
export interface ReminderLogEntry {
  meetingId: string;
  boardId: string;
  sentAt: string;
  channel: ReminderChannel;
  owner: string;
  email: string | null;
  actionIds: string[];
  /** With channel 'file': the file in the data directory that holds the digest. */
  file: string | null;
}
