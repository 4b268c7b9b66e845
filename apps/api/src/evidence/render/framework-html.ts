import type { PlanningFrameworkView } from '@rag-ledger/contract';
import type { MilestoneRecord } from '@rag-ledger/projections';
import { escapeMarkup as escapeHtml } from '../../common/escape-markup';

const OUTCOME_TEXT = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met' } as const;

const list = (items: string[]) => `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;

/** What a plan or a work-stream prints around its actions, in the plan's words; nothing when it prints none. */
export function frameworkHtml(f: PlanningFrameworkView): string {
  const parts = [
    f.lead !== null && `<dt>Lead</dt><dd>${escapeHtml(f.lead)}</dd>`,
    f.successCriteria.length > 0 && `<dt>What will success look like?</dt><dd>${list(f.successCriteria)}</dd>`,
    f.standards.length > 0 && `<dt>Standards</dt><dd>${list(f.standards)}</dd>`,
    f.assumptions.length > 0 && `<dt>Assumptions</dt><dd>${list(f.assumptions)}</dd>`,
    f.risks.length > 0 && `<dt>Risks</dt><dd>${list(f.risks)}</dd>`,
  ].filter(Boolean);
  return parts.length === 0 ? '' : `<dl class="framework">${parts.join('')}</dl>`;
}

function assessmentText(m: MilestoneRecord): string {
  if (m.assessment) {
    const a = m.assessment;
    return `${escapeHtml(OUTCOME_TEXT[a.outcome] ?? a.outcome)}: ${escapeHtml(a.reason)}<br><small>${escapeHtml(a.by.name)} (${escapeHtml(a.by.role)}), ${escapeHtml(a.at)}</small>`;
  }
  // Due and not assessed is an exception, as an overdue action is: said in words, not by colour.
  return m.unassessed ? '<strong>Due, not assessed</strong>' : 'Not yet due';
}

/** Milestones by date with their latest assessment as at the pack's end; nothing when there are none. */
export function milestonesHtml(milestones: MilestoneRecord[], heading: string): string {
  if (milestones.length === 0) return '';
  const rows = milestones
    .map((m) => `<tr><td>${escapeHtml(m.dateText ?? m.date)}<br><small>${escapeHtml(m.date)}</small></td><td>${escapeHtml(m.text)}${m.group ? `<br><small>${escapeHtml(m.group)}</small>` : ''}</td><td>${escapeHtml(m.refs.join(', '))}</td><td>${assessmentText(m)}</td></tr>`)
    .join('\n');
  return `<h4>${escapeHtml(heading)}</h4>
<table><thead><tr><th>By</th><th>Milestone</th><th>Refs</th><th>Assessment</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}
