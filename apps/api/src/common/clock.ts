export { systemClock, type Clock } from '@rag-ledger/write-path';

/** The Nest token of the server's one clock (see ClockModule). */
export const CLOCK = Symbol('CLOCK');
