import { apiGet } from '../api.js';
import { BOARD_ACTION_RESPONDERS, type BoardActionView, type BoardView, holdsAnyRole, MEETING_SECRETARIES, type MeetingView } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatDay, formatInstant } from '../format.js';
import { enc, html, type SafeHtml } from '../html.js';
import { wireCommandForms } from '../meeting-forms.js';
import { href } from '../router.js';
import { crumbs, type View, type ViewContext } from './common.js';
import { boardActionState, packText } from './meetings.js';

const PACK_FORMATS: Array<[string, string]> = [['html', 'HTML (printable)'], ['pdf', 'PDF'], ['docx', 'Word'], ['json', 'data (JSON)']];

/** #/meeting/<meetingId>: the meeting, its pack's stamp and formats, and the board actions it agreed with their responses. */
export async function meetingView(ctx: ViewContext): Promise<View> {
  const meetingId = ctx.route.path[1];
  const secretary = holdsAnyRole(ctx.caller, MEETING_SECRETARIES);
  const responder = holdsAnyRole(ctx.caller, BOARD_ACTION_RESPONDERS);
  const load = async () => {
    const meeting = (await apiGet<MeetingView>(`/api/meetings/${enc(meetingId)}`)).body;
    const [board, actions] = await Promise.all([apiGet<BoardView>(`/api/boards/${enc(meeting.boardId)}`), apiGet<BoardActionView[]>(`/api/boards/${enc(meeting.boardId)}/board-actions`)]);
    return { meeting, board: board.body, actions: actions.body.filter((a) => a.meetingId === meeting.id) };
  };
  const render = ({ meeting, board, actions }: Awaited<ReturnType<typeof load>>) => {
    const pack = meeting.pack;
    setHtml(ctx.root, html`
      ${crumbs([['Meetings', href(['meetings'])], [board.name, href(['meetings', board.id])], [meeting.title, null]])}
      <div class="page-head">
        <h1 tabindex="-1">${meeting.title}</h1>
        <p class="lead">${board.name} on <time datetime="${meeting.date}">${formatDay(meeting.date)}</time>; papers due <time datetime="${meeting.papersDueOn}">${formatDay(meeting.papersDueOn)}</time>.</p>
      </div>
      <section aria-labelledby="pack-heading">
        <h2 id="pack-heading">The pack</h2>
        ${pack
          ? html`<p>${packText(meeting)} by ${pack.issuedBy.name}. It shows the log as it stood then, whatever changed since.</p>
            <dl class="details pack-stamp">
              <dt>Log position</dt><dd>${pack.position}</dd>
              <dt>Hash-chain head</dt><dd><code>${pack.head ?? 'none (a store without a chain)'}</code></dd>
              <dt>Covers</dt><dd>${pack.planIds.join(', ')}${pack.measureIds.length ? `; ${pack.measureIds.length} measures` : ''}</dd>
              <dt>Since</dt><dd>${pack.previous ? html`the pack of <a href="${href(['meeting', pack.previous.meetingId])}">${pack.previous.meetingId}</a>, issued ${formatInstant(pack.previous.issuedAt)}` : 'the start: the board\'s first pack'}</dd>
            </dl>
            <p class="links">Open the pack: ${PACK_FORMATS.map(([format, label], i) => html`${i > 0 ? ' · ' : ''}<a href="/api/meetings/${enc(meeting.id)}/pack?format=${format}" data-format="${format}">${label}</a>`)}</p>`
          : html`<p class="muted">The pack has not been issued yet. Issuing it freezes what it shows: the log up to that moment.</p>
            ${secretary ? html`<form class="action-form no-print" data-command="/api/meetings/${enc(meeting.id)}/pack" data-saved="Pack issued" novalidate>
              <button type="submit">Issue the pack</button><p class="form-error" role="alert"></p></form>` : ''}`}
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Board actions agreed at this meeting</h2>
        ${actions.length === 0 ? html`<p class="empty">None recorded.</p>` : html`<ol class="board-action-list">${actions.map((a) => boardActionItem(a, responder))}</ol>`}
        ${secretary ? html`<form class="action-form no-print" data-command="/api/meetings/${enc(meeting.id)}/board-actions" data-saved="Board action agreed" novalidate>
          <h3>Record a board action</h3>
          <label for="ba-item">Agenda item</label><input id="ba-item" name="agendaItem" required>
          <label for="ba-text">What was agreed</label><textarea id="ba-text" name="text" rows="2" required></textarea>
          <label for="ba-owner">Owner</label><input id="ba-owner" name="owner" required>
          <label for="ba-due">Due</label><input id="ba-due" name="dueOn" type="date" required>
          <button type="submit">Record</button><p class="form-error" role="alert"></p>
        </form>` : ''}
      </section>`);
    wireCommandForms(ctx.root, async () => render(await load()));
  };
  const data = await load();
  if (!ctx.isCurrent()) return {};
  render(data);
  return {};
}

function boardActionItem(a: BoardActionView, responder: boolean): SafeHtml {
  const id = enc(a.id);
  return html`<li data-board-action="${a.id}">
    <p><strong>${a.id}</strong> (${a.agendaItem}): ${a.text}. Owner ${a.owner}, due <time datetime="${a.dueOn}">${formatDay(a.dueOn)}</time>: ${boardActionState(a)}.</p>
    ${a.responses.length ? html`<ul class="responses">${a.responses.map((r) => html`<li>${r.text} <span class="muted">(${r.by.name}, ${formatInstant(r.at)})</span></li>`)}</ul>` : html`<p class="muted">No response yet.</p>`}
    ${a.closure ? html`<p>Closed: ${a.closure.reason} <span class="muted">(${a.closure.by.name}, ${formatInstant(a.closure.at)})</span></p>` : ''}
    ${responder && a.state === 'open' ? html`<div class="no-print">
      <form class="action-form" data-command="/api/board-actions/${id}/responses" data-saved="Response recorded" novalidate>
        <label for="r-${a.id}">Response</label><textarea id="r-${a.id}" name="text" rows="2" required></textarea>
        <button type="submit">Respond</button><p class="form-error" role="alert"></p>
      </form>
      <form class="action-form" data-command="/api/board-actions/${id}/closure" data-saved="Board action closed" novalidate>
        <label for="c-${a.id}">Reason for closing</label><input id="c-${a.id}" name="reason" required>
        <button type="submit">Close</button><p class="form-error" role="alert"></p>
      </form></div>` : ''}
  </li>`;
}
