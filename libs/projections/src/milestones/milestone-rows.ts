import { evolveMilestone, initialMilestoneState, type Actor, type ExistingMilestone, type MilestoneEvent } from '@rag-ledger/domain';
import { assertUnreachable } from '../tracker-events';

export interface MilestoneRow {
  id: string;
  plan_id: string;
  workstream_id: string | null;
  /** The day it is due (YYYY-MM-DD): its own column, so lists sort and filter by it. */
  date: string;
  /** The milestone's state (date as printed, statement, refs, heading), as the domain folds it. */
  state: string;
  /** The latest assessment, with who made it and when (JSON; the domain's state keeps only what and why), or null before the first. */
  assessment: string | null;
  last_changed_at: string;
  revision: number;
  seq: number;
}

/** Where an event stands in the log, and who made it when. */
export interface MilestoneChange {
  at: string;
  actor: Actor;
  revision: number;
  position: number;
}

/**
 * How each event changes a milestone's row: the same function feeds the current row and its
 * history, so the milestones as they stood on any date are what the board saw then. Undefined
 * when the event leaves no milestone (one that was never set).
 */
export function nextMilestoneRow(current: MilestoneRow | undefined, event: MilestoneEvent, c: MilestoneChange): MilestoneRow | undefined {
  const before = current ? (JSON.parse(current.state) as ExistingMilestone) : initialMilestoneState();
  const state = evolveMilestone(before, event);
  if (!state.exists) return undefined;
  return {
    id: state.id,
    plan_id: state.planId,
    workstream_id: state.workstreamId ?? null,
    date: state.date,
    state: JSON.stringify(state),
    assessment: assessmentAfter(current, event, c),
    last_changed_at: c.at,
    revision: c.revision,
    seq: current?.seq ?? c.position,
  };
}

function assessmentAfter(current: MilestoneRow | undefined, event: MilestoneEvent, c: MilestoneChange): string | null {
  switch (event.type) {
    case 'MilestoneAssessed':
      // A later assessment stands in place of an earlier one (which stays in the history).
      return JSON.stringify({ outcome: event.data.outcome, reason: event.data.reason, at: c.at, by: c.actor });
    case 'MilestoneSet':
    case 'MilestoneRevised':
      return current?.assessment ?? null;
    default:
      return assertUnreachable(event);
  }
}
