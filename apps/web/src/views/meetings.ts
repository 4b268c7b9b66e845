import { apiGet } from '../api.js';
import { BOARD_KIND_NAMES, type BoardActionView, type BoardView, holdsAnyRole, MEETING_SECRETARIES, type MeetingView } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay, formatInstant, plural } from '../format.js';
import { enc, html, type SafeHtml } from '../html.js';
import { wireCommandForms } from '../meeting-forms.js';
import { href } from '../router.js';
import { crumbs, overdueMark, type View, type ViewContext } from './common.js';

/** "Issued 12 Mar 2015" or "Not issued yet": in words, never colour alone. */
export function packText(meeting: MeetingView): SafeHtml {
  return meeting.pack
    ? html`<span class="pack-issued">Pack issued <time datetime="${meeting.pack.issuedAt}">${formatInstant(meeting.pack.issuedAt)}</time></span>`
    : html`<span class="muted">Pack not issued yet</span>`;
}

const meetingLink = (m: MeetingView) => html`<a href="${href(['meeting', m.id])}">${m.title}</a> (<time datetime="${m.date}">${formatDay(m.date)}</time>)`;

/** #/meetings: every board with its next meeting and its last issued pack. */
export async function meetingsView(ctx: ViewContext): Promise<View> {
  const boards = (await apiGet<BoardView[]>('/api/boards')).body;
  if (!ctx.isCurrent()) return {};
  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Meetings</h1>
      <p class="lead">The boards that review the plans, their next meeting and the pack each meeting saw.</p>
    </div>
    ${boards.length === 0
      ? html`<p class="empty">No boards yet. A board secretary sets one up through the API (POST /api/boards).</p>`
      : html`<table class="boards">
          <caption class="visually-hidden">Boards with their next meeting and last issued pack</caption>
          <thead><tr><th scope="col">Board</th><th scope="col">Kind</th><th scope="col">Plans</th><th scope="col">Next meeting</th><th scope="col">Last issued pack</th></tr></thead>
          <tbody>${boards.map((b) => html`<tr data-board="${b.id}">
            <th scope="row"><a href="${href(['meetings', b.id])}">${b.name}</a></th>
            <td>${BOARD_KIND_NAMES[b.kind] ?? b.kind}</td>
            <td>${b.planIds.join(', ')}</td>
            <td>${b.nextMeeting ? meetingLink(b.nextMeeting) : html`<span class="muted">none scheduled</span>`}</td>
            <td>${b.lastIssuedMeeting ? html`${meetingLink(b.lastIssuedMeeting)}<br>${packText(b.lastIssuedMeeting)}` : html`<span class="muted">none yet</span>`}</td>
          </tr>`)}</tbody>
        </table>`}`);
  return {};
}

/** A board action's state in words, overdue marked as the boards mark it. */
export function boardActionState(a: BoardActionView): SafeHtml {
  return a.state === 'closed' ? html`<span>Closed</span>` : html`<span>Open</span>${overdueMark(a.overdue)}`;
}

/** #/meetings/<boardId>: the board's meetings, a form to schedule one, and its action log (overdue first). */
export async function boardMeetingsView(ctx: ViewContext): Promise<View> {
  const boardId = ctx.route.path[1];
  const load = async () => {
    const [board, meetings, actions] = await Promise.all([
      apiGet<BoardView>(`/api/boards/${enc(boardId)}`),
      apiGet<MeetingView[]>(`/api/boards/${enc(boardId)}/meetings`),
      apiGet<BoardActionView[]>(`/api/boards/${enc(boardId)}/board-actions`),
    ]);
    return { board: board.body, meetings: meetings.body, actions: actions.body };
  };
  const secretary = holdsAnyRole(ctx.caller, MEETING_SECRETARIES);
  const render = ({ board, meetings, actions }: Awaited<ReturnType<typeof load>>) => {
    const open = actions.filter((a) => a.state === 'open');
    setHtml(ctx.root, html`
      ${crumbs([['Meetings', href(['meetings'])], [board.name, null]])}
      <div class="page-head">
        <h1 tabindex="-1">${board.name}</h1>
        <p class="lead">${BOARD_KIND_NAMES[board.kind] ?? board.kind} reviewing ${board.planIds.join(', ')}${board.members.length ? html`; members: ${board.members.join(', ')}` : ''}.</p>
      </div>
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        ${meetings.length === 0 ? html`<p class="empty">No meetings scheduled yet.</p>` : html`<table class="meetings">
          <caption class="visually-hidden">The board's meetings by date</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Meeting</th><th scope="col">Papers due</th><th scope="col">Pack</th><th scope="col" class="num">Board actions</th></tr></thead>
          <tbody>${meetings.map((m) => html`<tr data-meeting="${m.id}">
            <td><time datetime="${m.date}">${formatDay(m.date)}</time></td>
            <th scope="row"><a href="${href(['meeting', m.id])}">${m.title}</a></th>
            <td><time datetime="${m.papersDueOn}">${formatDay(m.papersDueOn)}</time></td>
            <td>${packText(m)}</td>
            <td class="num">${m.boardActionIds.length}</td>
          </tr>`)}</tbody>
        </table>`}
        ${secretary ? html`<form class="action-form no-print" data-command="/api/boards/${enc(board.id)}/meetings" data-saved="Meeting scheduled" novalidate>
          <h3>Schedule a meeting</h3>
          <label for="m-title">Title</label><input id="m-title" name="title" required>
          <label for="m-date">Date</label><input id="m-date" name="date" type="date" required>
          <label for="m-papers">Papers due</label><input id="m-papers" name="papersDueOn" type="date" required>
          <button type="submit">Schedule</button>
          <p class="form-error" role="alert"></p>
        </form>` : ''}
      </section>
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">The board's action log</h2>
        <p>${plural(open.length, 'open action')}, ${plural(open.filter((a) => a.overdue).length, 'overdue')}; overdue first.</p>
        ${boardActionsTable(actions, true)}
      </section>`);
    wireCommandForms(ctx.root, async () => render(await load()));
  };
  const data = await load();
  if (!ctx.isCurrent()) return {};
  render(data);
  return {};
}

/** The board actions as a table: what was agreed, who, by when, and where it stands. */
export function boardActionsTable(actions: BoardActionView[], withMeeting: boolean): SafeHtml {
  if (actions.length === 0) return html`<p class="empty">No board actions.</p>`;
  return html`<table class="board-actions">
    <caption class="visually-hidden">Board actions, open and overdue first</caption>
    <thead><tr><th scope="col">Action</th>${withMeeting ? html`<th scope="col">Meeting</th>` : ''}<th scope="col">Agenda item</th><th scope="col">Agreed</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">State</th><th scope="col" class="num">Responses</th></tr></thead>
    <tbody>${actions.map((a) => html`<tr data-board-action="${a.id}">
      <th scope="row">${a.id}</th>
      ${withMeeting ? html`<td><a href="${href(['meeting', a.meetingId])}">${a.meetingId}</a></td>` : ''}
      <td>${a.agendaItem}</td><td>${a.text}</td><td>${a.owner}</td>
      <td><time datetime="${a.dueOn}">${formatDay(a.dueOn)}</time></td>
      <td>${boardActionState(a)}</td><td class="num">${a.responses.length}</td>
    </tr>`)}</tbody>
  </table>`;
}
