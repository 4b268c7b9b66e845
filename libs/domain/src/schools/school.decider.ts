import type { Decider } from '../shared/decider';
import { schoolStream } from '../shared/streams';
import type { SchoolCommand } from './school.commands';
import { decideSchool } from './school.decide';
import type { SchoolEvent } from './school.events';
import { evolveSchool, initialSchoolState, type SchoolState } from './school.state';

/**
 * One school of the register, in the stream `school-<urn>`. The write path folds its events in
 * log order (what has been recorded); the register as at a day is schoolStateOn's fold by the
 * day each took effect.
 */
export const schoolDecider: Decider<SchoolState, SchoolCommand, SchoolEvent> = {
  decide: decideSchool,
  evolve: evolveSchool,
  initialState: initialSchoolState,
  streamOf: schoolStream,
};
