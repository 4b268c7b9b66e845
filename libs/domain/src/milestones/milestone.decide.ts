import { requireIdOfPlan } from '../plans/id-ownership';
import { PlanNotFoundError, WorkstreamNotInPlanError } from '../plans/plan.errors';
import type { PlanState } from '../plans/plan.state';
import { isIsoDate } from '../shared/dates';
import { NothingToReviseError, requireReason } from '../shared/errors';
import { changedFields, withoutUndefined } from '../shared/revisions';
import { InvalidMilestoneDateError, InvalidMilestoneOutcomeError, MilestoneAlreadyExistsError, MilestoneNotFoundError, MilestoneTextRequiredError } from './milestone.errors';
import { isMilestoneOutcome, type MilestoneDetails, type MilestoneEvent, type MilestoneOutcome } from './milestone.events';
import type { MilestoneState } from './milestone.state';

/**
 * Commands are plain data. Setting and revising carry the plan, so the rule can check the
 * work-stream; `plansPrefixingId` as for actions (an id beginning "SG." is the SG plan's).
 */
export type MilestoneCommand =
  | {
      type: 'SetMilestone';
      data: { milestoneId: string; planId: string; workstreamId?: string; date: string; dateText?: string; text: string; refs?: string[]; group?: string };
      plan: PlanState;
      plansPrefixingId?: readonly string[];
    }
  | { type: 'ReviseMilestone'; data: { milestoneId: string; changes: Partial<MilestoneDetails>; reason: string }; plan: PlanState }
  | { type: 'AssessMilestone'; data: { milestoneId: string; outcome: MilestoneOutcome; reason: string } };

export function decideMilestone(command: MilestoneCommand, state: MilestoneState): MilestoneEvent {
  if (command.type === 'SetMilestone') {
    const d = command.data;
    if (state.exists) throw new MilestoneAlreadyExistsError(d.milestoneId);
    if (!command.plan.exists) throw new PlanNotFoundError(d.planId);
    requireIdOfPlan('milestone', d.milestoneId, d.planId, command.plansPrefixingId);
    requireWorkstream(command.plan, d.planId, d.workstreamId);
    if (!isIsoDate(d.date)) throw new InvalidMilestoneDateError(d.date);
    if (typeof d.text !== 'string' || d.text.trim() === '') throw new MilestoneTextRequiredError();
    return { type: 'MilestoneSet', data: withoutUndefined({ ...d, refs: cleanRefs(d.refs ?? []) }) };
  }
  if (!state.exists) throw new MilestoneNotFoundError(command.data.milestoneId);
  const ids = { milestoneId: state.id, planId: state.planId };
  switch (command.type) {
    case 'ReviseMilestone': {
      const proposed = withoutUndefined({ ...command.data.changes, refs: command.data.changes.refs && cleanRefs(command.data.changes.refs) });
      if (proposed.date !== undefined && !isIsoDate(proposed.date)) throw new InvalidMilestoneDateError(proposed.date);
      if (proposed.text !== undefined && proposed.text.trim() === '') throw new MilestoneTextRequiredError();
      if (proposed.workstreamId !== undefined) requireWorkstream(command.plan, state.planId, proposed.workstreamId);
      const changes = changedFields(proposed, state);
      if (Object.keys(changes).length === 0) throw new NothingToReviseError(`milestone "${state.id}"`);
      return { type: 'MilestoneRevised', data: { ...ids, changes, reason: requireReason(command.data.reason, 'revising the milestone') } };
    }
    case 'AssessMilestone': {
      if (!isMilestoneOutcome(command.data.outcome)) throw new InvalidMilestoneOutcomeError(command.data.outcome);
      const reason = requireReason(command.data.reason, 'the assessment of the milestone');
      return { type: 'MilestoneAssessed', data: { ...ids, outcome: command.data.outcome, reason } };
    }
  }
}

function requireWorkstream(plan: PlanState, planId: string, workstreamId: string | undefined): void {
  if (workstreamId === undefined) return;
  if (!plan.exists) throw new PlanNotFoundError(planId);
  if (!plan.workstreams.has(workstreamId)) throw new WorkstreamNotInPlanError(planId, workstreamId);
}

const cleanRefs = (refs: string[]): string[] => [...new Set(refs.map((r) => String(r).trim()).filter((r) => r.length > 0))];
