/**
 * One feature's rules, after Emmett's Decider: what a command decides on the state folded
 * from the stream's events. Commands are plain data; a broken rule throws a named
 * DomainError; an empty list says "nothing happened" where a rule allows it. The write path,
 * the import and the given/when/then specs all take a feature through this one shape, so a
 * new feature is a folder that exports one of these.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  /** The stream the entity with this id lives in (see streams.ts). */
  streamOf(id: string): string;
}

/** The state after these events, from the start. */
export function foldEvents<State, Event>(decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
