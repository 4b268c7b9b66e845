import type { Decider } from '../shared/decider';
import { actionStream } from '../shared/streams';
import { decideAction, type ActionCommand } from './action.decide';
import type { ActionEvent } from './action.events';
import { evolveAction, initialActionState, type ActionState } from './action.state';

/** One action of a plan, in the stream `action-<actionId>`. */
export const actionDecider: Decider<ActionState, ActionCommand, ActionEvent> = {
  decide: (command, state) => [decideAction(command, state)],
  evolve: evolveAction,
  initialState: initialActionState,
  streamOf: actionStream,
};
