/**
 * A small given/when/then helper for pure deciders, after Emmett's DeciderSpecification:
 *
 *   given(events).when(command).then(expectedEvents)
 *   given(events).when(command).thenThrows(ErrorClass, /message/)
 */
export interface Decider<C, E, S> {
  decide: (command: C, state: S) => E | E[];
  evolve: (state: S, event: E) => S;
  initialState: () => S;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = abstract new (...args: any[]) => Error;

export function deciderSpec<C, E, S>({ decide, evolve, initialState }: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = () => decide(command, given.reduce(evolve, initialState()));
      return {
        then(expected: E | E[]): void {
          const result = run();
          expect(Array.isArray(result) ? result : [result]).toEqual(Array.isArray(expected) ? expected : [expected]);
        },
        thenThrows(errorClass: ErrorClass, messagePattern?: RegExp | string): void {
          let thrown: unknown;
          try {
            const result = run();
            throw new Error(`Expected ${errorClass.name} to be thrown, but decide returned ${JSON.stringify(result)}`);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (messagePattern !== undefined) expect((thrown as Error).message).toMatch(messagePattern);
        },
      };
    },
  });
}
