import { apiGet } from '../api.js';
import type { ReminderLogEntry } from '../contract.js';
import { setHtml } from '../dom.js';
import { formatInstant, plural } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { href } from '../router.js';
import type { View, ViewContext } from './common.js';

const CHANNEL_TEXT: Record<ReminderLogEntry['channel'], string> = { smtp: 'E-mailed', file: 'Written to the data directory' };

/**
 * Reminders (#/reminders), for admins: the digests sent (or written, without SMTP) before each
 * meeting, newest first: who was chased, about which actions, when, and how; a written digest
 * opens as the e-mail it would have been.
 */
export async function remindersView(ctx: ViewContext): Promise<View> {
  const entries = (await apiGet<ReminderLogEntry[]>('/api/reminders')).body;
  if (!ctx.isCurrent()) return {};
  const byMeeting = new Map<string, ReminderLogEntry[]>();
  for (const entry of entries) byMeeting.set(entry.meetingId, [...(byMeeting.get(entry.meetingId) ?? []), entry]);
  setHtml(ctx.root, html`
    <div class="page-head">
      <h1 tabindex="-1">Reminders</h1>
      <p class="lead">Before each meeting's papers are due, every owner with actions to chase in the plans its board reviews gets one digest: their overdue actions, those due by the meeting, and those not updated since the last pack. Nobody is sent two for the same meeting.</p>
    </div>
    ${byMeeting.size === 0
      ? html`<p class="empty">No reminders have been sent yet.</p>`
      : [...byMeeting.entries()].map(([meetingId, sent]) => meetingSection(meetingId, sent))}`);
  return {};
}

function meetingSection(meetingId: string, sent: ReminderLogEntry[]): SafeHtml {
  const id = `reminders-${meetingId}`;
  return html`<section class="card" aria-labelledby="${id}">
    <h2 id="${id}">Meeting ${meetingId} <span class="muted">(board ${sent[0].boardId})</span></h2>
    <p class="filter-status">${plural(sent.length, 'owner')} reminded.</p>
    <table class="reminders">
      <caption class="visually-hidden">Owners reminded before meeting ${meetingId}: when, how, and about which actions</caption>
      <thead><tr><th scope="col">Owner</th><th scope="col">E-mail</th><th scope="col">When</th><th scope="col">How</th><th scope="col">Actions</th></tr></thead>
      <tbody>${sent.map((e) => html`<tr>
        <th scope="row">${e.owner}</th>
        <td>${e.email ?? ''}</td>
        <td>${formatInstant(e.sentAt)}</td>
        <td>${CHANNEL_TEXT[e.channel]}${e.file
          ? html` (<a href="/api/reminders/${encodeURIComponent(e.meetingId)}/${encodeURIComponent(e.owner)}" download>open the digest</a>)`
          : ''}</td>
        <td>${e.actionIds.map((actionId, i) => html`${i > 0 ? ', ' : ''}<a href="${href(['actions', actionId])}">${actionId}</a>`)}</td>
      </tr>`)}</tbody>
    </table>
  </section>`;
}
