/** Where "now" comes from: injected, so tests can record changes at controlled times. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
