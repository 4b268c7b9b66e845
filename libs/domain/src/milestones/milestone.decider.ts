import type { Decider } from '../shared/decider';
import { milestoneStream } from '../shared/streams';
import { decideMilestone, type MilestoneCommand } from './milestone.decide';
import type { MilestoneEvent } from './milestone.events';
import { evolveMilestone, initialMilestoneState, type MilestoneState } from './milestone.state';

/** One milestone of a plan or a work-stream, in the stream `milestone-<milestoneId>`. */
export const milestoneDecider: Decider<MilestoneState, MilestoneCommand, MilestoneEvent> = {
  decide: (command, state) => [decideMilestone(command, state)],
  evolve: evolveMilestone,
  initialState: initialMilestoneState,
  streamOf: milestoneStream,
};
