import type { Decider } from '../shared/decider';
import { measureStream } from '../shared/streams';
import { decideMeasure, type MeasureCommand } from './measure.decide';
import type { MeasureEvent } from './measure.events';
import { evolveMeasure, initialMeasureState, type MeasureState } from './measure.state';

/** One measure of a plan (its values, targets and comparators), in the stream `measure-<measureId>`. */
export const measureDecider: Decider<MeasureState, MeasureCommand, MeasureEvent> = {
  decide: (command, state) => [decideMeasure(command, state)],
  evolve: evolveMeasure,
  initialState: initialMeasureState,
  streamOf: measureStream,
};
