/**
 * Each recorded change in words, once for every reader: the board's history (parts, so
 * the page can put status chips in) and the auditor's evidence pack (one plain line).
 * A new event type gets its words here, in one entry.
 */
import { isMilestoneOutcome, MILESTONE_OUTCOME_LABELS } from './milestone-outcomes.js';
import { type ActionStatus,STATUS_LABELS } from './status.js';
import type { HistoryEntry } from './views.js';

/** A string is text; { status } is a status chip. */
export type Part = string | { status: ActionStatus };

/** What a describer needs of an entry: its type and data. */
export type Change = Pick<HistoryEntry, 'type' | 'data'>;

type Data = Record<string, unknown>;

interface Wording {
  /** The board's words; `day` writes a date as the page does. Without it the board shows the type. */
  board?: (d: Data, day: (value: unknown) => string) => Part[];
  /** The evidence pack's line: terse, statuses with their labels. */
  audit: (d: Data) => string;
}

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') || 'nobody' : String(value ?? ''));
const chip = (value: unknown): Part => ({ status: String(value) as ActionStatus });
const labelled = (s: unknown): string => (typeof s === 'string' && s in STATUS_LABELS ? `${s} (${STATUS_LABELS[s as ActionStatus]})` : String(s));
/** A measure's evidence names the measure and the period, a milestone's the milestone (an action's row already names the action). */
const subjectOf = (d: Data): string => {
  const subject = (d.subject ?? {}) as Data;
  if (subject.kind === 'milestone') return `, for milestone ${subject.milestoneId}`;
  return subject.kind === 'measure' ? `, for measure ${subject.measureId}${subject.period ? ` (${subject.period})` : ''}` : '';
};
const outcomeLabel = (outcome: unknown): string => (isMilestoneOutcome(outcome) ? MILESTONE_OUTCOME_LABELS[outcome] : String(outcome));
/** A school right's words: the headteacher's or chair's own school, or a board member's named school. */
const schoolRightWords = (role: unknown): string => (role === 'school' ? 'Headteacher or chair of governors of' : 'Board member named for');
const changed = (d: Data): string => Object.keys((d.changes as object) ?? {}).join(', ');

const WORDING: Record<string, Wording> = {
  PlanCreated: { audit: (d) => `Plan created: ${d.title}` },
  PlanVersionRefreshed: {
    audit: (d) => `Plan refreshed${d.version ? ` to version ${d.version}` : ''}${d.previousVersion ? ` (was ${d.previousVersion})` : ''}`,
  },
  WorkstreamAdded: { audit: (d) => `Work-stream added: ${d.title}` },
  WorkstreamRevised: { audit: (d) => `Work-stream ${d.workstreamId} revised: ${changed(d)}` },
  ActionAdded: {
    board: (d, day) => ['Action added, not started', d.targetDate ? `, due ${day(d.targetDate)}` : ''],
    audit: (d) => `Action added (W, not started)${d.targetDate ? `, due ${d.targetDate}` : ''}`,
  },
  ActionStarted: { board: (d) => ['Started at ', chip(d.rag)], audit: (d) => `Started at ${labelled(d.rag)}` },
  ActionRagChanged: {
    board: (d) => ['RAG changed from ', chip(d.from), ' to ', chip(d.to)],
    audit: (d) => `RAG ${labelled(d.from)} -> ${labelled(d.to)}`,
  },
  ActionProgressNoted: { board: (d) => ['Progress noted: ', String(d.text ?? '')], audit: (d) => `Progress noted: ${d.text}` },
  ActionTargetDateRevised: {
    board: (d, day) => [`Target date moved from ${day(d.from)} to ${day(d.to)}`],
    audit: (d) => `Target date ${d.from ?? 'none'} -> ${d.to}`,
  },
  ActionOwnersReassigned: {
    board: (d) => [`Owners changed from ${list(d.from)} to ${list(d.to)}`],
    audit: (d) => `Owners ${list(d.from)} -> ${list(d.to)}`,
  },
  ActionCompleted: { board: (d) => ['Completed ', chip('B'), ' (was ', chip(d.from), ')'], audit: (d) => `Completed (B) from ${labelled(d.from)}` },
  ActionReopened: { board: (d) => ['Reopened at ', chip(d.rag)], audit: (d) => `Reopened at ${labelled(d.rag)}` },
  ActionWithdrawn: { board: (d) => ['Withdrawn (was ', chip(d.from), ')'], audit: (d) => `Withdrawn (was ${labelled(d.from)})` },
  ActionDetailsRevised: { board: (d) => [`Details revised: ${changed(d)}`], audit: (d) => `Details revised: ${changed(d)}` },
  // Evidence documents: the file named with its hash, so the pack's line identifies the bytes.
  // The board's words name the file; a withdrawal or erasure carries only the document's id, so
  // the action page puts the file name it knows into `fileName` first.
  EvidenceAttached: { board: (d) => [`Evidence attached: ${d.fileName}`], audit: (d) => `Evidence attached: ${d.fileName} (${d.mediaType}, ${d.size} bytes, SHA-256 ${d.sha256})${subjectOf(d)}` },
  EvidenceWithdrawn: { board: (d) => [`Evidence withdrawn: ${d.fileName ?? 'a document'}`], audit: (d) => `Evidence withdrawn: document ${d.documentId}${subjectOf(d)}` },
  EvidenceErased: { board: (d) => [`Evidence erased, its bytes deleted: ${d.fileName ?? 'a document'}`], audit: (d) => `Evidence erased (the bytes deleted): document ${d.documentId}, SHA-256 ${d.sha256}${subjectOf(d)}` },
  // Milestones: the statement and its day when set, what a revision changed, the outcome of an assessment (its reason is the Why).
  MilestoneSet: {
    board: (d, day) => [`Milestone set, due ${day(d.date)}: ${String(d.text ?? '')}`],
    audit: (d) => `Milestone ${d.milestoneId} set${d.workstreamId ? ` on ${d.workstreamId}` : ''}, due ${d.date}${d.dateText ? ` (${d.dateText})` : ''}: ${d.text}`,
  },
  MilestoneRevised: { board: (d) => [`Milestone revised: ${changed(d)}`], audit: (d) => `Milestone ${d.milestoneId} revised: ${changed(d)}` },
  MilestoneAssessed: { board: (d) => [`Assessed: ${outcomeLabel(d.outcome)}`], audit: (d) => `Milestone ${d.milestoneId} assessed: ${outcomeLabel(d.outcome)}` },
  // Outcome measures: the council's prediction for a period, beside the target (the trajectory view).
  MeasurePredictionRecorded: {
    board: (d) => [`Prediction for ${d.period}: ${d.value}${d.previous !== undefined ? ` (was ${d.previous})` : ''}`],
    audit: (d) => `Measure ${d.measureId}: prediction for ${d.period} ${d.value}${d.previous !== undefined ? ` (was ${d.previous})` : ''}`,
  },
  // The directory of people: who was given or lost which right (the person is named by id; the trail's actor is who did it).
  PersonAdded: { audit: (d) => `Person added to the directory: ${d.name} (${d.initials})` },
  PersonDetailsRevised: { audit: (d) => `Directory entry of ${d.personId} revised: ${changed(d)}` },
  RoleGranted: { audit: (d) => `Role ${d.role} granted to ${d.personId}` },
  RoleRevoked: { audit: (d) => `Role ${d.role} revoked from ${d.personId}` },
  PlanOwnershipGranted: { audit: (d) => `Ownership of plan ${d.planId} granted to ${d.personId}` },
  PlanOwnershipRevoked: { audit: (d) => `Ownership of plan ${d.planId} revoked from ${d.personId}` },
  SchoolRightGranted: { audit: (d) => `${schoolRightWords(d.role)} school ${d.urn} granted to ${d.personId}` },
  SchoolRightRevoked: { audit: (d) => `${schoolRightWords(d.role)} school ${d.urn} revoked from ${d.personId}` },
  PersonInvited: { audit: (d) => `${d.purpose === 'reset' ? 'Password reset' : 'Set-up'} link issued to ${d.personId}, valid until ${d.expiresAt}` },
  InvitationAccepted: { audit: (d) => `${d.personId} set a password with their link` },
  PersonDeactivated: { audit: (d) => `${d.personId} deactivated` },
  PersonReactivated: { audit: (d) => `${d.personId} reactivated` },
};

const wordingOf = (type: string): Wording | undefined => (Object.prototype.hasOwnProperty.call(WORDING, type) ? WORDING[type] : undefined);

/** One history entry as a board member reads it. `formatDay` turns '2013-12-31' into what the page shows. */
export function describeEntry(entry: Change, formatDay: (day: string) => string = (d) => d): Part[] {
  const day = (value: unknown): string => (typeof value === 'string' && value ? formatDay(value) : 'none');
  const board = wordingOf(entry.type)?.board;
  return board ? board(entry.data ?? {}, day) : [entry.type];
}

/** One event as a line an auditor reads: what changed, from what to what. */
export function describeChange(entry: Change): string {
  const wording = wordingOf(entry.type);
  return wording ? wording.audit((entry.data ?? {}) as Data) : entry.type;
}

/**
 * The words that came with the change: the reason ("Why"), or the note given when
 * starting or completing ("Note"). A progress note is the change itself, shown above.
 */
export function whyOf(entry: Pick<HistoryEntry, 'type' | 'data' | 'reason'>): { label: 'Why' | 'Note' | 'Description'; text: string } | null {
  if (entry.type === 'ActionProgressNoted') return null;
  // An attached document's words say what it is, not why anything changed.
  if (entry.type === 'EvidenceAttached') return entry.reason ? { label: 'Description', text: entry.reason } : null;
  const note = entry.data?.note;
  if ((entry.type === 'ActionStarted' || entry.type === 'ActionCompleted') && typeof note === 'string' && note) return { label: 'Note', text: note };
  return entry.reason ? { label: 'Why', text: entry.reason } : null;
}
