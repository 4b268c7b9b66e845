import { describeChange } from '@rag-ledger/contract';
import { STATUS_LABELS, ukTimeText, type ActionStatus } from '@rag-ledger/domain';
import { escapeMarkup } from '../../common/escape-markup';
import type { EvidencePack } from '../evidence-pack';
import { stateText, type PackDocument } from '../pack-documents';
import { leftOutText, mediaTypeText, sizeText, type ZipPlace } from './document-text';
import { frameworkHtml, milestonesHtml } from './framework-html';
import { stampCheckText, stampText } from './stamp-text';

/** Every piece of text from users or the log goes through this (markup escaped, controls replaced). */
export const escapeHtml = escapeMarkup;

const chip = (status: ActionStatus) =>
  `<span class="chip s-${escapeHtml(status)}">${escapeHtml(status === 'withdrawn' ? 'X' : status)} ${escapeHtml(STATUS_LABELS[status])}</span>`;

// Status is never shown by colour alone: every chip carries its letter and label.
const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;color:#111;margin:2rem;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}h4{font-size:.95rem}
.framework dt{font-weight:600}.framework dd{margin:0 0 .4rem 1rem}.framework ul{margin:0;padding-left:1.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}.chip{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600;white-space:nowrap;border:1px solid #333}
.s-W{background:#fff;color:#111}.s-G{background:#1b5e20;color:#fff}.s-A{background:#ffb300;color:#111}
.s-R{background:#b71c1c;color:#fff}.s-B{background:#0d47a1;color:#fff}.s-withdrawn{background:#ddd;color:#111}
.hash{font-size:11px;word-break:break-all}
.stamp{border:2px solid #333;padding:.5rem 1rem;font-family:monospace;font-size:12px;word-break:break-all}
@media print{body{margin:0}h2{break-before:page}}`;

export interface EvidenceHtmlOptions {
  /** Inside a ZIP pack: each document's file in the ZIP, or why it is left out (a column of its own). */
  zip?: ReadonlyMap<string, ZipPlace>;
}

function documentRow(d: PackDocument, zip: EvidenceHtmlOptions['zip']): string {
  const at = (change: { at: string; by: { name: string; role: string }; position: number }) =>
    `${escapeHtml(change.by.name)} (${escapeHtml(change.by.role)}), ${escapeHtml(change.at)}, log position ${escapeHtml(change.position)}`;
  const later = [d.withdrawn && `Withdrawn by ${at(d.withdrawn)}: ${escapeHtml(d.withdrawn.reason)}`, d.erased && `Erased by ${at(d.erased)}: ${escapeHtml(d.erased.reason)}`].filter(Boolean);
  const place = zip?.get(d.documentId);
  const inZip = zip ? `<td>${place ? ('path' in place ? `<code>${escapeHtml(place.path)}</code>` : escapeHtml(leftOutText(place.missing))) : ''}</td>` : '';
  return `<tr><td>${escapeHtml(d.subjectText)}</td><td>${escapeHtml(d.fileName)}<br><small>document ${escapeHtml(d.documentId)}</small></td><td>${escapeHtml(mediaTypeText(d.mediaType))}</td><td>${escapeHtml(sizeText(d.size))}</td><td><code class="hash">${escapeHtml(d.sha256)}</code></td><td>${escapeHtml(d.description)}</td><td>${at(d.attached)}</td><td>${escapeHtml(stateText(d))}${later.length ? `<br>${later.join('<br>')}` : ''}</td><td>${escapeHtml(d.positions.join(', '))}</td>${inZip}</tr>`;
}

export function renderEvidenceHtml(pack: EvidencePack, options: EvidenceHtmlOptions = {}): string {
  const { board, period, stamp } = pack;
  const counts = (['W', 'G', 'A', 'R', 'B'] as const).map((s) => `${chip(s)} ${board.counts[s]}`).join(' ');
  const workstreams = board.workstreams
    .map(
      (w) => `<h3>${escapeHtml(w.id)} ${escapeHtml(w.title)}</h3>
${frameworkHtml(w.framework)}
${milestonesHtml(pack.milestones.filter((m) => m.workstreamId === w.id), 'Milestones')}
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
  const documents = pack.documents.map((d) => documentRow(d, options.zip)).join('\n');
  const zipHeading = options.zip ? '<th>File in this ZIP</th>' : '';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Evidence pack: ${escapeHtml(board.plan.title)}</title><style>${STYLE}</style></head>
<body>
<h1>Evidence pack: ${escapeHtml(board.plan.title)}</h1>
<p>Plan ${escapeHtml(board.plan.id)}${board.plan.version ? `, version ${escapeHtml(board.plan.version)}` : ''}. Period: ${escapeHtml(period.from ?? 'the beginning')} to ${escapeHtml(period.to)} (UK time: ${escapeHtml(period.from ? ukTimeText(new Date(period.from)) : 'the beginning')} to ${escapeHtml(ukTimeText(new Date(period.to)))}).</p>
<div class="stamp">Log position: ${escapeHtml(stamp.position ?? 'none')}<br>Hash-chain head at that position: ${escapeHtml(stamp.chainHead ?? 'none')}<br>Stamp: ${escapeHtml(stampText(stamp))}${stampCheckText(stamp) ? `<br>To ${escapeHtml(stampCheckText(stamp))}` : ''}<br>Generated: ${escapeHtml(stamp.generatedAt)}</div>
<h2>The board as at ${escapeHtml(period.to)}</h2>
<p>${counts}; ${board.overdue} overdue, ${board.withdrawn} withdrawn, ${board.exceptions} exceptions, ${board.total} actions.</p>
${frameworkHtml(board.plan.framework)}
${milestonesHtml(pack.milestones.filter((m) => m.workstreamId === null), "The plan's milestones")}
${workstreams}
<h2>Changes in the period</h2>
<table><thead><tr><th>Ref</th><th>Action</th><th>Before</th><th>After</th><th>Who, when, why</th></tr></thead><tbody>
${changes || '<tr><td colspan="5">No status, date or owner changes in the period.</td></tr>'}
</tbody></table>
<h2>Evidence documents</h2>
<p>Every document attached to the plan's actions and measures that was on the record in the period: attached, withdrawn or erased in it, or held when it began. The SHA-256 is the hash of the file's bytes as recorded when it was attached (the log's hash chain covers it): a copy of the file is the one the board saw when its SHA-256 is the same (<code>sha256sum</code> on Linux, <code>Get-FileHash</code> in PowerShell).</p>
<table><thead><tr><th>Action or measure</th><th>File</th><th>Type</th><th>Size</th><th>SHA-256</th><th>Description</th><th>Attached by, when</th><th>At the end of the period</th><th>Log positions</th>${zipHeading}</tr></thead><tbody>
${documents || `<tr><td colspan="${options.zip ? 10 : 9}">No evidence documents in the period.</td></tr>`}
</tbody></table>
<h2>Every event in the period</h2>
<table><thead><tr><th>Time</th><th>Actor</th><th>Role</th><th>Ref</th><th>Action</th><th>Change</th><th>Reason</th></tr></thead><tbody>
${events}
</tbody></table>
</body></html>
`;
}
