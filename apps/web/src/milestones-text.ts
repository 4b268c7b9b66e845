/**
 * Milestones and the planning framework in a board member's words: the date as printed, the
 * outcome of the latest assessment or "Not assessed", the list grouped by work-stream, and the
 * assessment form's body. Imports only the contract: unit-tested under Node too.
 */
import { isMilestoneOutcome, MILESTONE_OUTCOME_LABELS, MILESTONE_OUTCOMES, type MilestoneOutcome, type MilestoneView, type PlanningFrameworkView } from './contract.js';

/** The date as the plan printed it ("By Sept 2013"), else the day itself in the page's words. */
export const milestoneDateText = (m: Pick<MilestoneView, 'date' | 'dateText'>, formatDay: (day: string) => string): string =>
  m.dateText?.trim() ? m.dateText.trim() : formatDay(m.date);

/**
 * Where a milestone stands, in words (never a colour alone): the latest assessment's outcome,
 * else "Due, not assessed" (an exception) or "Not assessed" (not due yet).
 */
export function milestoneStateText(m: Pick<MilestoneView, 'assessment' | 'unassessed'>): string {
  if (m.assessment) return MILESTONE_OUTCOME_LABELS[m.assessment.outcome] ?? m.assessment.outcome;
  return m.unassessed ? 'Due, not assessed' : 'Not assessed';
}

/** A class name for the state, for the page's styles: outcome-met, outcome-partly-met, outcome-not-met, outcome-due, outcome-none. */
export function milestoneStateClass(m: Pick<MilestoneView, 'assessment' | 'unassessed'>): string {
  if (m.assessment) return `outcome-${m.assessment.outcome}`;
  return m.unassessed ? 'outcome-due' : 'outcome-none';
}

export interface MilestoneGroup {
  /** null: the plan's own milestones. */
  workstreamId: string | null;
  title: string;
  milestones: MilestoneView[];
}

/**
 * The plan's milestones by work-stream, as a board reads them: the plan's own first, then each
 * work-stream in the plan's order, then any naming a work-stream the board does not list; by date
 * within each (the API's order kept for the same date). Empty groups are left out.
 */
export function groupMilestones(milestones: readonly MilestoneView[], workstreams: ReadonlyArray<{ id: string; title: string }>, planTitle = 'The whole plan'): MilestoneGroup[] {
  const byDate = (list: MilestoneView[]) => list.map((m, i) => ({ m, i })).sort((a, b) => (a.m.date < b.m.date ? -1 : a.m.date > b.m.date ? 1 : a.i - b.i)).map((x) => x.m);
  const known = new Set(workstreams.map((w) => w.id));
  const groups: MilestoneGroup[] = [
    { workstreamId: null, title: planTitle, milestones: byDate(milestones.filter((m) => !m.workstreamId)) },
    ...workstreams.map((w) => ({ workstreamId: w.id, title: w.title, milestones: byDate(milestones.filter((m) => m.workstreamId === w.id)) })),
  ];
  const strays = [...new Set(milestones.filter((m) => m.workstreamId && !known.has(m.workstreamId)).map((m) => m.workstreamId as string))];
  for (const id of strays) groups.push({ workstreamId: id, title: id, milestones: byDate(milestones.filter((m) => m.workstreamId === id)) });
  return groups.filter((g) => g.milestones.length > 0);
}

/** The heading's figures: "4 milestones · 1 met · 2 due, not assessed". */
export function milestoneCountsText(milestones: readonly Pick<MilestoneView, 'assessment' | 'unassessed'>[]): string {
  const n = milestones.length;
  const parts = [`${n} ${n === 1 ? 'milestone' : 'milestones'}`];
  for (const outcome of MILESTONE_OUTCOMES) {
    const count = milestones.filter((m) => m.assessment?.outcome === outcome).length;
    if (count > 0) parts.push(`${count} ${MILESTONE_OUTCOME_LABELS[outcome].toLowerCase()}`);
  }
  const due = milestones.filter((m) => !m.assessment && m.unassessed).length;
  if (due > 0) parts.push(`${due} due, not assessed`);
  return parts.join(' · ');
}

/** The assessment form's body, or a message saying what is missing. */
export function assessmentBodyOf(values: { outcome?: string; reason?: string }): { outcome: MilestoneOutcome; reason: string } | string {
  const outcome = (values.outcome ?? '').trim();
  const reason = (values.reason ?? '').trim();
  if (!isMilestoneOutcome(outcome)) return 'Choose the outcome: met, partly met or not met.';
  if (!reason) return 'Give the reason for the assessment: the board will read it.';
  return { outcome, reason };
}

/** The headings a framework prints under, in the plans' own words, with what it holds under each. */
export function frameworkSections(f: PlanningFrameworkView | undefined): Array<{ key: keyof PlanningFrameworkView; label: string; items: string[] }> {
  if (!f) return [];
  const sections: Array<{ key: keyof PlanningFrameworkView; label: string; items: string[] }> = [
    { key: 'lead', label: 'Lead', items: f.lead?.trim() ? [f.lead.trim()] : [] },
    { key: 'successCriteria', label: 'What will success look like?', items: f.successCriteria ?? [] },
    { key: 'standards', label: 'Standards', items: f.standards ?? [] },
    { key: 'assumptions', label: 'Assumptions', items: f.assumptions ?? [] },
    { key: 'risks', label: 'Risks', items: f.risks ?? [] },
  ];
  return sections.filter((s) => s.items.length > 0);
}

/** The summary line of a collapsed framework: what it holds, counted ("3 success criteria, 2 standards, 1 risk"). */
export function frameworkSummaryText(f: PlanningFrameworkView | undefined): string {
  const words: Record<string, [string, string]> = {
    successCriteria: ['success criterion', 'success criteria'], standards: ['standard', 'standards'], assumptions: ['assumption', 'assumptions'], risks: ['risk', 'risks'],
  };
  return frameworkSections(f)
    .filter((s) => s.key !== 'lead')
    .map((s) => `${s.items.length} ${s.items.length === 1 ? words[s.key][0] : words[s.key][1]}`)
    .join(', ');
}
