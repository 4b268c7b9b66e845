import type { Decider } from '@rag-ledger/domain';

/**
 * A small given/when/then helper for a feature's decider, after Emmett's DeciderSpecification:
 *
 *   given(events).when(command).then(expectedEvents)   // then([]): nothing happened
 *   given(events).when(command).thenThrows(ErrorClass, /message/)
 *
 * It takes the domain's own Decider, the one the write path and the import run.
 */
 
type ErrorClass = abstract new (...args: any[]) => Error;

export function deciderSpec<S, C, E>(decider: Pick<Decider<S, C, E>, 'decide' | 'evolve' | 'initialState'>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, given.reduce((state, event) => decider.evolve(state, event), decider.initialState()));
      return {
        /** A single event stands for a list of one. */
        then(expected: E | E[]): void {
          expect(run()).toEqual(Array.isArray(expected) ? expected : [expected]);
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
