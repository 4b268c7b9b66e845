/** Where "now" comes from: passed in, so tests can record changes at controlled times. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
