import {
  BOARD_KIND_NAMES,
  COUNTED_STATUSES,
  formatValue,
  isStatus,
  MILESTONE_OUTCOME_LABELS,
  STATUS_LABELS,
  statusLetter,
  type ActionStatus,
  type BoardActionView,
  type Direction,
  type MeetingPack,
  type Movement,
  type PackMeasure,
  type TrendView,
} from '@rag-ledger/contract';
import { ukTimeText } from '@rag-ledger/domain';
import { escapeMarkup as esc } from '../../../common/escape-markup';
import { renderTrendSvg } from '../../../trends/render/trend-svg';
import { changeWords, PACK_SECTIONS, packSealText, packStampText, packTitle } from './pack-blocks';
import { packStyle } from './pack-html-style';

const NONE = '—';

/** An instant as a pack prints it, in UK time ("2014-03-05 10:15:00.000 GMT"). */
const when = (iso: string) => esc(ukTimeText(new Date(iso)));

/** A status as a chip: its colour, and always its letter and words (colour is never the only cue). */
const chip = (status: ActionStatus) => `<span class="chip s-${esc(status)}">${esc(statusLetter(status))} ${esc(STATUS_LABELS[status])}</span>`;

const table = (header: string[], rows: string[], empty: string) =>
  `<table><thead><tr>${header.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>
${rows.length ? rows.join('\n') : `<tr><td colspan="${header.length}">${esc(empty)}</td></tr>`}
</tbody></table>`;

const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

const COUNT_HEADERS = COUNTED_STATUSES.map((s) => chip(s));

/**
 * The meeting's pack as one printable, self-contained HTML page: its own styles, nothing to
 * load, the stamp at the top and in the footer of every printed page (with its page number), the sections in the
 * pack's order, each starting a page. Everything from users or the log is escaped. The same
 * pack gives the same bytes, but for the generation time.
 */
export function renderPackHtml(pack: MeetingPack): string {
  const title = packTitle(pack);
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${packStyle(`Stamp ${packStampText(pack)} · issued ${ukTimeText(new Date(pack.stamp.issuedAt))}`)}</style></head>
<body>
${front(pack)}
${section('overview', overview(pack))}
${section('plans', plans(pack))}
${section('exceptions', exceptions(pack))}
${section('changes', changes(pack))}
${section('measures', measures(pack))}
${section('trends', trends(pack))}
${section('boardActions', boardActions(pack))}
</body></html>
`;
}

const section = (name: keyof typeof PACK_SECTIONS, body: string) => `<section id="${name}"><h2>${esc(PACK_SECTIONS[name])}</h2>
${body}
</section>`;

function front(pack: MeetingPack): string {
  const { meeting, board, stamp } = pack;
  const text = packStampText(pack);
  const check = stamp.head === null ? '' : `<br>To check that the log still holds it: <code>npm run verify -- --expect ${esc(text)}</code>, or <code>GET /api/audit/verify?expect=${esc(text)}</code>`;
  const previous = stamp.previous
    ? `Changes are those after the previous pack: meeting ${esc(stamp.previous.meetingId)}, issued ${when(stamp.previous.issuedAt)}, log position ${esc(stamp.previous.position)}.`
    : "This is the board's first issued pack: its changes are every change up to its stamp.";
  return `<header>
<h1>${esc(packTitle(pack))}</h1>
<p>${esc(BOARD_KIND_NAMES[board.kind])}: ${esc(board.name)}. Meeting on ${esc(meeting.date)}; papers due on ${esc(meeting.papersDueOn)}.</p>
<p>Members: ${board.members.length ? esc(board.members.join('; ')) : NONE}.</p>
<div class="stamp">Stamp: ${esc(text)}<br>Log position: ${esc(stamp.position)}; chain value there: ${esc(stamp.head ?? 'none (issued before the log was sealed)')}<br>Seal: ${esc(packSealText(pack))}<br>Issued: ${when(stamp.issuedAt)} by ${esc(stamp.issuedBy.name)} (${esc(stamp.issuedBy.role)})${check}<br>Generated: ${when(pack.generatedAt)}</div>
<p>This pack is what the meeting was issued: it is drawn from the log up to its stamp, never from today's state. ${previous}</p>
<p>Every status is written in words beside its colour: ${COUNTED_STATUSES.map((s) => chip(s)).join(' ')}.</p>
</header>`;
}

function overview(pack: MeetingPack): string {
  const rows = pack.overview.plans.map((p) =>
    row([esc(p.title), esc(p.board ?? NONE), esc(p.version ?? NONE), ...COUNTED_STATUSES.map((s) => esc(p.counts[s])), esc(p.total), esc(p.overdue), esc(p.withdrawn), esc(p.exceptions)]),
  );
  return `<p>The plans this board reviews, as they stood at the stamp.</p>
${table(['Plan', 'Reviewed by', 'Version', ...COUNT_HEADERS, 'Total', 'Overdue', 'Withdrawn', 'Exceptions'], rows, 'The pack covers no plan.')}`;
}

function plans(pack: MeetingPack): string {
  if (pack.plans.length === 0) return '<p>The pack covers no plan.</p>';
  return pack.plans
    .map((plan) => {
      const counts = COUNTED_STATUSES.map((s) => `${chip(s)} ${esc(plan.counts[s])}`).join(' ');
      const workstreams = plan.workstreams
        .map(
          (w) => `<h4>${esc(w.title)}</h4>
<p>Accountable: ${esc(w.accountable ?? NONE)}; responsible: ${esc(w.responsible ?? NONE)}. ${esc(w.total)} actions, ${esc(w.overdue)} overdue, ${esc(w.exceptions)} exceptions${w.unassessedMilestones ? `, ${esc(w.unassessedMilestones)} milestones due and not assessed` : ''}.</p>
${table(
  ['Ref', 'Action', 'Owners', 'Target date', 'Status', 'Overdue', 'Steps done', 'Evidence'],
  w.actions.map((a) =>
    row([esc(a.ref ?? NONE), esc(a.title), esc(a.owners.join(', ') || NONE), esc(a.targetDate ?? NONE), chip(a.status), a.overdue ? '<strong>Overdue</strong>' : 'No', a.stepsTotal ? `${esc(a.stepsDone)} of ${esc(a.stepsTotal)}` : NONE, esc(a.evidenceCount)]),
  ),
  'No actions in this work-stream.',
)}`,
        )
        .join('\n');
      return `<div class="plan"><h3>${esc(plan.plan.title)}</h3>
<p>${counts}; ${esc(plan.total)} actions, ${esc(plan.overdue)} overdue, ${esc(plan.withdrawn)} withdrawn, ${esc(plan.exceptions)} exceptions.${plan.plan.version ? ` Version ${esc(plan.plan.version)}.` : ''}</p>
${workstreams}</div>`;
    })
    .join('\n');
}

function planTitles(pack: MeetingPack): (planId: string) => string {
  const titles = new Map(pack.overview.plans.map((p) => [p.id, p.title]));
  return (planId) => esc(titles.get(planId) ?? planId);
}

function exceptions(pack: MeetingPack): string {
  const plan = planTitles(pack);
  const actions = table(
    ['Plan', 'Ref', 'Action', 'Owners', 'Target date', 'Status', 'Overdue', 'Last reason given'],
    pack.exceptions.actions.map((a) =>
      row([plan(a.planId), esc(a.ref ?? NONE), esc(a.title), esc(a.owners.join(', ') || NONE), esc(a.targetDate ?? NONE), chip(a.status), a.overdue ? '<strong>Overdue</strong>' : 'No', esc(a.lastReason ?? NONE)]),
    ),
    'No action was Red, Amber or overdue at the stamp.',
  );
  const milestones = table(
    ['Plan', 'Due', 'Milestone', 'Refs', 'Assessment'],
    pack.exceptions.milestones.map((m) =>
      row([plan(m.planId), esc(m.dateText ?? m.date), esc(m.text), esc(m.refs.join(', ') || NONE), esc(m.assessment ? MILESTONE_OUTCOME_LABELS[m.assessment.outcome] : 'Not assessed')]),
    ),
    'No milestone was due and not assessed at the stamp.',
  );
  return `<p>Red first, then Amber, then overdue; within each, the longest overdue first.</p>
${actions}
<h3>Milestones due and not assessed</h3>
${milestones}`;
}

/** A change's before or after as the council reads it: a status as a chip, owners joined, a day as typed. */
function valueHtml(value: unknown): string {
  if (value === null || value === undefined || value === '') return NONE;
  if (isStatus(value)) return chip(value);
  if (Array.isArray(value)) return esc(value.map(String).join(', ') || 'nobody');
  return esc(value);
}

function movementRows(m: Movement): string[] {
  const action = `${m.ref ? `${esc(m.ref)} ` : ''}${esc(m.title)}`;
  return m.changes.map((c) =>
    row([action, esc(changeWords(c.type)), when(c.at), `${esc(c.actor.name)} (${esc(c.actor.role)})`, valueHtml(c.from), valueHtml(c.to), esc(c.reason ?? NONE)]),
  );
}

function changes(pack: MeetingPack): string {
  const plan = planTitles(pack);
  const since = pack.stamp.previous ? `since the previous pack (issued ${when(pack.stamp.previous.issuedAt)})` : 'up to this pack, the first of the board';
  const plans = pack.changes.map(
    (c) => `<h3>${plan(c.planId)}</h3>
${table(['Action', 'Change', 'When (UK time)', 'Who', 'From', 'To', 'Why'], c.actions.flatMap(movementRows), 'Nothing moved in this plan.')}`,
  );
  return `<p>Every change of status, target date or owners ${since}, worst first: who, when, from, to and why.</p>
${plans.join('\n')}`;
}

const DIRECTION_WORDS: Record<Exclude<Direction, null>, string> = { improving: 'Improving', worsening: 'Worsening', steady: 'Steady' };
const directionText = (direction: Direction) => (direction === null ? 'Not known yet' : DIRECTION_WORDS[direction]);
const figure = (value: number | null, unit: PackMeasure['unit']) => (value === null ? NONE : esc(formatValue(value, unit)));
const ragHtml = (rag: PackMeasure['rag']) => (rag === null ? 'Not rated' : chip(rag));

function measures(pack: MeetingPack): string {
  if (pack.measures.length === 0) return '<p>The pack covers no outcome measure.</p>';
  const plan = planTitles(pack);
  const summary = table(
    ['Measure', 'Plan', 'Period', 'Value', 'Target', 'RAG', 'Direction of travel', 'Better when'],
    pack.measures.map((m) =>
      row([esc(m.name), plan(m.planId), esc(m.period ?? NONE), figure(m.value, m.unit), figure(m.target, m.unit), ragHtml(m.rag), esc(directionText(m.direction)), m.polarity === 'higher' ? 'Higher' : 'Lower']),
    ),
    '',
  );
  const series = pack.measures.map(
    (m) => `<h3>${esc(m.name)}: values against targets</h3>
${table(['Period', 'Value', 'Target'], m.series.map((p) => row([esc(p.period), figure(p.value, m.unit), figure(p.target, m.unit)])), 'No figures yet.')}`,
  );
  return `${summary}
${series.join('\n')}`;
}

/** The chart as inline SVG (no XML declaration inside HTML), its words beside it, and its figures in a table. */
function trendHtml(trend: TrendView): string {
  const svg = renderTrendSvg(trend).replace(/^\s*<\?xml[^>]*\?>\s*/, '').trim();
  const data = table(
    ['Month', ...COUNT_HEADERS, 'Total', 'Overdue'],
    trend.points.map((p) => row([esc(p.month), ...COUNTED_STATUSES.map((s) => esc(p.counts[s])), esc(p.total), esc(p.overdue)])),
    'No months in this trend.',
  );
  return `<div class="trend"><h3>${esc(trend.title)}: RAG by month and overdue actions</h3>
<div class="trend-body"><figure>${svg}<figcaption>${esc(trend.description)}</figcaption></figure>
<div class="trend-data">${data}</div></div></div>`;
}

function trends(pack: MeetingPack): string {
  if (pack.trends.length === 0) return '<p>The pack has no trends.</p>';
  return `<p>Month by month up to the stamp, from the boards as they stood at each month's end.</p>
${pack.trends.map(trendHtml).join('\n')}`;
}

function boardActionState(a: BoardActionView): string {
  if (a.state === 'closed') return 'Closed';
  return a.overdue ? '<strong>Open, overdue</strong>' : 'Open';
}

function boardActions(pack: MeetingPack): string {
  const rows = pack.boardActions.map((a) =>
    row([
      esc(a.agendaItem),
      `${esc(a.text)}<br><small>agreed at meeting ${esc(a.meetingId)}, ${when(a.agreedAt)}</small>`,
      esc(a.owner),
      esc(a.dueOn),
      boardActionState(a),
      a.responses.length ? a.responses.map((r) => `${esc(r.text)} <small>(${esc(r.by.name)}, ${when(r.at)})</small>`).join('<br>') : NONE,
      a.closure ? `${esc(a.closure.reason)} <small>(${esc(a.closure.by.name)}, ${when(a.closure.at)})</small>` : NONE,
      esc(a.evidenceCount),
    ]),
  );
  return `<p>Open actions, overdue first, then those closed since the previous pack.</p>
${table(['Agenda item', 'What was agreed', 'Owner', 'Due', 'State', 'Responses', 'Closure', 'Evidence'], rows, 'The board had no open action, and closed none since the previous pack.')}`;
}
