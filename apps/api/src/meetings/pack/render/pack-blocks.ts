import {
  BOARD_KIND_NAMES,
  COUNTED_STATUSES,
  formatValue,
  isStatus,
  MILESTONE_OUTCOME_LABELS,
  STATUS_LABELS,
  statusText,
  type BoardActionView,
  type Direction,
  type MeetingPack,
  type TrendView,
} from '@rag-ledger/contract';
import { ukTimeText } from '@rag-ledger/domain';
import { formatStamp } from '@rag-ledger/event-store';

/**
 * The meeting's pack as a list of blocks (headings, paragraphs, tables, charts) that the PDF and
 * the Word renderers both lay out, so the two documents hold the same sections in the same
 * words and neither can drift from the other. Pure: the same pack gives the same blocks.
 */
export type PackBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][]; /** Relative widths, one per column. */ widths: number[] }
  | { kind: 'chart'; trend: TrendView };

/** The section titles, in the order the pack prints them (the HTML pack's sections). */
export const PACK_SECTIONS = {
  overview: 'The cross-plan board',
  plans: "Each plan's board",
  exceptions: 'Exceptions, worst first',
  changes: 'Changes since the previous pack',
  measures: 'Outcome measures',
  trends: 'Trends',
  boardActions: "The board's action log",
} as const;

const NONE = '—';

/** The stamp as packs print it, `<position>:<hash>`, or the position alone for a pack issued on EventStoreDB before the log was sealed. */
export function packStampText(pack: MeetingPack): string {
  const { position, head } = pack.stamp;
  return head === null ? `position ${position} (no hash: issued before the log was sealed)` : formatStamp({ position, hash: head });
}

/** The seal that vouches for the stamp, in words: position, hash, why and when it was made. */
export function packSealText(pack: MeetingPack): string {
  const { seal } = pack;
  if (seal === null) return 'No seal covers this stamp: the pack was issued before the log was sealed.';
  const why = { interval: 'at the regular interval', demand: `on demand by ${seal.sealedBy.name}`, pack: 'when this pack was issued' }[seal.reason];
  return `Sealed up to log position ${seal.position} with hash ${seal.hash}, ${why}, at ${ukTimeText(new Date(seal.sealedAt))}; npm run verify checks every seal against the events it covers.`;
}

/** What every page's footer says beside its page number. */
export function packFooterText(pack: MeetingPack): string {
  return `Stamp ${packStampText(pack)} · issued ${ukTimeText(new Date(pack.stamp.issuedAt))}`;
}

/** The document's title, as its properties and first heading carry it. */
export function packTitle(pack: MeetingPack): string {
  return `${pack.board.name}: ${pack.meeting.title}`;
}

/** An instant as people read it in a pack: "2014-02-12 11:00 GMT" (the stamp's issue time keeps its seconds). */
function instant(iso: string): string {
  const text = ukTimeText(new Date(iso));
  return `${text.slice(0, 16)} ${text.slice(-3)}`;
}

const CHANGE_WORDS: Record<string, string> = {
  ActionAdded: 'Added',
  ActionStarted: 'Started',
  ActionRagChanged: 'RAG changed',
  ActionTargetDateRevised: 'Target date revised',
  ActionOwnersReassigned: 'Owners reassigned',
  ActionCompleted: 'Completed',
  ActionReopened: 'Reopened',
  ActionWithdrawn: 'Withdrawn',
  ActionProgressNoted: 'Progress noted',
};

/** An event type in words: the known ones by name, others split where their words meet ("ActionStepDone" -> "Action step done"). */
export function changeWords(type: string): string {
  return CHANGE_WORDS[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^(\w)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase());
}

/** A change's before or after as the council reads it: a status in words, owners joined, a day as typed. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (isStatus(value)) return statusText(value);
  if (Array.isArray(value)) return value.map(String).join('/');
  return String(value);
}

const DIRECTION_WORDS: Record<Exclude<Direction, null>, string> = { improving: 'Improving', worsening: 'Worsening', steady: 'Steady' };
const directionText = (direction: Direction) => (direction === null ? 'Not known yet' : DIRECTION_WORDS[direction]);
const ragText = (rag: string | null) => (rag === null ? 'Not rated' : isStatus(rag) ? statusText(rag) : rag);
const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

/** A board action's state, in words (overdue is said, never only coloured). */
function boardActionState(action: BoardActionView): string {
  if (action.state === 'closed') return 'Closed';
  return action.overdue ? 'Open, overdue' : 'Open';
}

/** The counted statuses as column headers, short enough for a column; the front page gives each one's full words. */
const COUNT_HEADER: Record<(typeof COUNTED_STATUSES)[number], string> = { W: 'W: Not started', G: 'G: On track', A: 'A: Amber', R: 'R: Red', B: 'B: Completed' };
const COUNT_HEADERS = COUNTED_STATUSES.map((s) => COUNT_HEADER[s]);

function planTitleOf(pack: MeetingPack): (planId: string) => string {
  const titles = new Map(pack.plans.map((p) => [p.plan.id, p.plan.title]));
  for (const line of pack.overview.plans) if (!titles.has(line.id)) titles.set(line.id, line.title);
  return (planId) => titles.get(planId) ?? planId;
}

function front(pack: MeetingPack): PackBlock[] {
  const { meeting, board, stamp } = pack;
  const previous = stamp.previous
    ? `Changes are those after the previous pack (meeting ${stamp.previous.meetingId}, issued ${instant(stamp.previous.issuedAt)}, log position ${stamp.previous.position}).`
    : 'This is the board’s first issued pack: changes are those up to its stamp.';
  return [
    { kind: 'heading', level: 1, text: packTitle(pack) },
    { kind: 'paragraph', text: `${BOARD_KIND_NAMES[board.kind]}. Meeting on ${meeting.date}; papers due on ${meeting.papersDueOn}.` },
    { kind: 'paragraph', text: `Members: ${board.members.length ? board.members.join('; ') : NONE}.` },
    {
      kind: 'paragraph',
      emphasis: true,
      text: `Issued ${instant(stamp.issuedAt)} by ${stamp.issuedBy.name}. Drawn from the log up to its stamp ${packStampText(pack)}; check that the log still holds it with npm run verify -- --expect ${packStampText(pack)}, or GET /api/audit/verify?expect=${packStampText(pack)}.`,
    },
    { kind: 'paragraph', text: packSealText(pack) },
    { kind: 'paragraph', text: previous },
    { kind: 'paragraph', text: `This copy was generated ${instant(pack.generatedAt)}. RAG is written in words throughout: ${COUNTED_STATUSES.map((s) => `${s} ${STATUS_LABELS[s]}`).join('; ')}.` },
  ];
}

function overview(pack: MeetingPack): PackBlock[] {
  return [
    { kind: 'heading', level: 2, text: PACK_SECTIONS.overview },
    {
      kind: 'table',
      header: ['Plan', 'Reviewed by', 'Version', ...COUNT_HEADERS, 'Total', 'Overdue', 'Exceptions'],
      widths: [3.2, 1.8, 1, 1.2, 1.1, 1.1, 1.1, 1.3, 0.9, 1.1, 1.4],
      rows: pack.overview.plans.map((p) => [p.title, p.board ?? NONE, p.version ?? NONE, ...COUNTED_STATUSES.map((s) => String(p.counts[s])), String(p.total), String(p.overdue), String(p.exceptions)]),
    },
  ];
}

function plans(pack: MeetingPack): PackBlock[] {
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.plans }];
  for (const plan of pack.plans) {
    blocks.push({ kind: 'heading', level: 3, text: plan.plan.title });
    blocks.push({
      kind: 'paragraph',
      text: `${plan.total} actions: ${COUNTED_STATUSES.map((s) => `${plan.counts[s]} ${STATUS_LABELS[s].toLowerCase()}`).join(', ')}; ${plan.overdue} overdue; ${plan.withdrawn} withdrawn.`,
    });
    for (const ws of plan.workstreams) {
      blocks.push({ kind: 'paragraph', emphasis: true, text: `${ws.title} (accountable ${ws.accountable ?? NONE}, responsible ${ws.responsible ?? NONE})` });
      blocks.push({
        kind: 'table',
        header: ['Ref', 'Action', 'Owners', 'Target date', 'Status', 'Overdue'],
        widths: [1, 5, 1.4, 1.4, 2.4, 1],
        rows: ws.actions.map((a) => [a.ref ?? NONE, a.title, a.owners.join('/') || NONE, a.targetDate ?? NONE, statusText(a.status), yesNo(a.overdue)]),
      });
    }
  }
  return blocks;
}

function exceptions(pack: MeetingPack): PackBlock[] {
  const planTitle = planTitleOf(pack);
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.exceptions }];
  if (pack.exceptions.actions.length === 0) blocks.push({ kind: 'paragraph', text: 'No action was Red, Amber or overdue at the stamp.' });
  else
    blocks.push({
      kind: 'table',
      header: ['Plan', 'Ref', 'Action', 'Owners', 'Target date', 'Status', 'Overdue', 'Last reason given'],
      widths: [2, 1.1, 3, 1.2, 1.6, 2, 1.2, 3.5],
      rows: pack.exceptions.actions.map((a) => [planTitle(a.planId), a.ref ?? NONE, a.title, a.owners.join('/') || NONE, a.targetDate ?? NONE, statusText(a.status), yesNo(a.overdue), a.lastReason ?? NONE]),
    });
  if (pack.exceptions.milestones.length > 0) {
    blocks.push({ kind: 'paragraph', emphasis: true, text: 'Milestones due and not assessed' });
    blocks.push({
      kind: 'table',
      header: ['Plan', 'Due', 'Milestone', 'Refs', 'Assessment'],
      widths: [2, 1.2, 4, 1.2, 1.6],
      rows: pack.exceptions.milestones.map((m) => [planTitle(m.planId), m.dateText ?? m.date, m.text, m.refs.join(', ') || NONE, m.assessment ? MILESTONE_OUTCOME_LABELS[m.assessment.outcome] : 'Not assessed']),
    });
  }
  return blocks;
}

function changes(pack: MeetingPack): PackBlock[] {
  const planTitle = planTitleOf(pack);
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.changes }];
  const moved = pack.changes.filter((c) => c.actions.length > 0);
  if (moved.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing moved since the previous pack.' });
  for (const plan of moved) {
    blocks.push({ kind: 'heading', level: 3, text: planTitle(plan.planId) });
    blocks.push({
      kind: 'table',
      header: ['Action', 'Change', 'When (UK time)', 'Who', 'From', 'To', 'Why'],
      widths: [2.6, 1.4, 1.8, 1.6, 1.6, 1.6, 3.2],
      rows: plan.actions.flatMap((m) =>
        m.changes.map((c) => [`${m.ref ? `${m.ref} ` : ''}${m.title}`, changeWords(c.type), instant(c.at), `${c.actor.name} (${c.actor.role})`, valueText(c.from), valueText(c.to), c.reason ?? NONE]),
      ),
    });
  }
  return blocks;
}

function measures(pack: MeetingPack): PackBlock[] {
  const planTitle = planTitleOf(pack);
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.measures }];
  if (pack.measures.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The pack covers no outcome measure.' });
    return blocks;
  }
  const figure = (value: number | null, unit: (typeof pack.measures)[number]['unit']) => (value === null ? NONE : formatValue(value, unit));
  blocks.push({
    kind: 'table',
    header: ['Measure', 'Plan', 'Period', 'Value', 'Target', 'RAG', 'Direction of travel', 'Better when'],
    widths: [3.2, 2.4, 1.2, 1, 1, 2, 1.3, 1],
    rows: pack.measures.map((m) => [m.name, planTitle(m.planId), m.period ?? NONE, figure(m.value, m.unit), figure(m.target, m.unit), ragText(m.rag), directionText(m.direction), m.polarity === 'higher' ? 'Higher' : 'Lower']),
  });
  for (const m of pack.measures) {
    blocks.push({ kind: 'paragraph', emphasis: true, text: `${m.name}: values against targets` });
    blocks.push({
      kind: 'table',
      header: ['Period', 'Value', 'Target'],
      widths: [1, 1, 1],
      rows: m.series.map((p) => [p.period, figure(p.value, m.unit), figure(p.target, m.unit)]),
    });
  }
  return blocks;
}

function trends(pack: MeetingPack): PackBlock[] {
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.trends }];
  for (const trend of pack.trends) {
    blocks.push({ kind: 'heading', level: 3, text: `${trend.title}: RAG by month and overdue actions` });
    blocks.push({ kind: 'chart', trend });
    blocks.push({ kind: 'paragraph', text: trend.description });
    blocks.push({
      kind: 'table',
      header: ['Month', ...COUNT_HEADERS, 'Total', 'Overdue'],
      widths: [1.2, 1, 1, 1, 1, 1, 1, 1],
      rows: trend.points.map((p) => [p.month, ...COUNTED_STATUSES.map((s) => String(p.counts[s])), String(p.total), String(p.overdue)]),
    });
  }
  return blocks;
}

function boardActions(pack: MeetingPack): PackBlock[] {
  const blocks: PackBlock[] = [{ kind: 'heading', level: 2, text: PACK_SECTIONS.boardActions }];
  if (pack.boardActions.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The board had no open action, and closed none since the previous pack.' });
    return blocks;
  }
  blocks.push({
    kind: 'table',
    header: ['Agenda item', 'What was agreed', 'Owner', 'Due', 'State', 'Responses', 'Closure'],
    widths: [1.6, 3.4, 1, 1.6, 1.4, 3, 2.2],
    rows: pack.boardActions.map((a) => [
      a.agendaItem,
      `${a.text} (meeting ${a.meetingId})`,
      a.owner,
      a.dueOn,
      boardActionState(a),
      a.responses.length ? a.responses.map((r) => `${r.text} (${r.by.name}, ${instant(r.at)})`).join('\n') : NONE,
      a.closure ? `${a.closure.reason} (${a.closure.by.name}, ${instant(a.closure.at)})` : NONE,
    ]),
  });
  return blocks;
}

/** The pack's blocks, section by section, in the HTML pack's order. */
export function packBlocks(pack: MeetingPack): PackBlock[] {
  return [...front(pack), ...overview(pack), ...plans(pack), ...exceptions(pack), ...changes(pack), ...measures(pack), ...trends(pack), ...boardActions(pack)];
}
