/**
 * Milestones: the dated, measurable statements a plan or one of its work-streams commits to
 * ("By Sept 2013: every Chair of Governors and headteacher knows whether it is a school
 * causing concern"), each assessed at a board meeting or when due. One stream per milestone,
 * `milestone-<milestoneId>`; the events name the plan, so boards and packs cut by plan see them.
 */
import type { MilestoneOutcome } from '@rag-ledger/contract';

// The outcomes are the contract's (one list for the rules, the API and the board).
export { isMilestoneOutcome, MILESTONE_OUTCOME_LABELS, MILESTONE_OUTCOMES, type MilestoneOutcome } from '@rag-ledger/contract';

export interface MilestoneDetails {
  /** The work-stream (priority) it belongs to; absent: the plan's own milestone. */
  workstreamId?: string;
  /** The day it is due, YYYY-MM-DD (a month-only date as printed means its last day). */
  date: string;
  /** The date as the plan printed it ("By Sept 2013"). */
  dateText?: string;
  /** The measurable statement, as written. */
  text: string;
  /** The refs it cites: work-streams, actions, or other numbering the plan uses ("2" for priority 2), as printed. */
  refs: string[];
  /** The heading the plan lists it under ("Board Review"), when it has one. */
  group?: string;
}

export interface MilestoneSet {
  type: 'MilestoneSet';
  data: { milestoneId: string; planId: string } & MilestoneDetails;
}

export interface MilestoneRevised {
  type: 'MilestoneRevised';
  data: { milestoneId: string; planId: string; changes: Partial<MilestoneDetails>; reason: string };
}

/** An assessment, at a meeting or when due; a later one stands in its place (the earlier stay in the history). */
export interface MilestoneAssessed {
  type: 'MilestoneAssessed';
  data: { milestoneId: string; planId: string; outcome: MilestoneOutcome; reason: string };
}

export type MilestoneEvent = MilestoneSet | MilestoneRevised | MilestoneAssessed;
