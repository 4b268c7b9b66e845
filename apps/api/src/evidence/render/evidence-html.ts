import { describeChange } from '@rag-ledger/contract';
import { STATUS_LABELS, ukTimeText, type ActionStatus } from '@rag-ledger/domain';
import { escapeMarkup } from '../../common/escape-markup';
import type { EvidencePack } from '../evidence-pack';
import { stampCheckText, stampText } from './stamp-text';

/** Every piece of text from users or the log goes through this (markup escaped, controls replaced). */
export const escapeHtml = escapeMarkup;

const chip = (status: ActionStatus) =>
  `<span class="chip s-${escapeHtml(status)}">${escapeHtml(status === 'withdrawn' ? 'X' : status)} ${escapeHtml(STATUS_LABELS[status])}</span>`;

// Status is never shown by colour alone: every chip carries its letter and label.
const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;color:#111;margin:2rem;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.chip{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600;white-space:nowrap;border:1px solid #333}
.s-W{background:#fff;color:#111}.s-G{background:#1b5e20;color:#fff}.s-A{background:#ffb300;color:#111}
.s-R{background:#b71c1c;color:#fff}.s-B{background:#0d47a1;color:#fff}.s-withdrawn{background:#ddd;color:#111}
.stamp{border:2px solid #333;padding:.5rem 1rem;font-family:monospace;font-size:12px;word-break:break-all}
@media print{body{margin:0}h2{break-before:page}}`;

export function renderEvidenceHtml(pack: EvidencePack): string {
  const { board, period, stamp } = pack;
  const counts = (['W', 'G', 'A', 'R', 'B'] as const).map((s) => `${chip(s)} ${board.counts[s]}`).join(' ');
  const workstreams = board.workstreams
    .map(
      (w) => `<h3>${escapeHtml(w.id)} ${escapeHtml(w.title)}</h3>
<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>Target date</th><th>Status</th><th>Overdue</th></tr></thead><tbody>
${w.actions.map((a) => `<tr><td>${escapeHtml(a.ref)}</td><td>${escapeHtml(a.title)}</td><td>${escapeHtml(a.owners.join(', '))}</td><td>${escapeHtml(a.targetDate ?? '')}</td><td>${chip(a.status)}</td><td>${a.overdue ? 'Overdue' : ''}</td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');
  const changes = pack.changes
    .map((m) => `<tr><td>${escapeHtml(m.ref)}</td><td>${escapeHtml(m.title)}</td><td>${m.before ? chip(m.before.status) : 'new'}</td><td>${chip(m.after.status)}</td>
<td>${m.changes.map((c) => `${escapeHtml(c.at)} ${escapeHtml(c.actor.name)} (${escapeHtml(c.actor.role)}): ${escapeHtml(c.type)}${c.reason ? ` — ${escapeHtml(c.reason)}` : ''}`).join('<br>')}</td></tr>`)
    .join('\n');
  const events = pack.events
    .map((e) => {
      const action = e.actionId ? pack.actionTitles.get(e.actionId) : undefined;
      return `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.actor.name)}</td><td>${escapeHtml(e.actor.role)}</td><td>${escapeHtml(action?.ref ?? '')}</td><td>${escapeHtml(action?.title ?? '')}</td><td>${escapeHtml(describeChange(e))}</td><td>${escapeHtml(e.reason ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Evidence pack: ${escapeHtml(board.plan.title)}</title><style>${STYLE}</style></head>
<body>
<h1>Evidence pack: ${escapeHtml(board.plan.title)}</h1>
<p>Plan ${escapeHtml(board.plan.id)}${board.plan.version ? `, version ${escapeHtml(board.plan.version)}` : ''}. Period: ${escapeHtml(period.from ?? 'the beginning')} to ${escapeHtml(period.to)} (UK time: ${escapeHtml(period.from ? ukTimeText(new Date(period.from)) : 'the beginning')} to ${escapeHtml(ukTimeText(new Date(period.to)))}).</p>
<div class="stamp">Log position: ${escapeHtml(stamp.position ?? 'none')}<br>Hash-chain head at that position: ${escapeHtml(stamp.chainHead ?? 'none')}<br>Stamp: ${escapeHtml(stampText(stamp))}${stampCheckText(stamp) ? `<br>To ${escapeHtml(stampCheckText(stamp))}` : ''}<br>Generated: ${escapeHtml(stamp.generatedAt)}</div>
<h2>The board as at ${escapeHtml(period.to)}</h2>
<p>${counts}; ${board.overdue} overdue, ${board.withdrawn} withdrawn, ${board.exceptions} exceptions, ${board.total} actions.</p>
${workstreams}
<h2>Changes in the period</h2>
<table><thead><tr><th>Ref</th><th>Action</th><th>Before</th><th>After</th><th>Who, when, why</th></tr></thead><tbody>
${changes || '<tr><td colspan="5">No status, date or owner changes in the period.</td></tr>'}
</tbody></table>
<h2>Every event in the period</h2>
<table><thead><tr><th>Time</th><th>Actor</th><th>Role</th><th>Ref</th><th>Action</th><th>Change</th><th>Reason</th></tr></thead><tbody>
${events}
</tbody></table>
</body></html>
`;
}
