/** What every call handler of the protocol server shares: the log, the faults, the open calls. */
import type { ServerAddress, ServerError } from './errors';
import type { EventLog } from './event-log';
import type { Faults } from './faults';
import type { Subscriptions } from './subscriptions';

export interface ServerContext {
  readonly log: EventLog;
  readonly faults: Faults;
  readonly subscriptions: Subscriptions;
  readonly maxAppendSize: number;
  /** This server's host and port (for not-leader and gossip). */
  self(): ServerAddress;
  /** Registers an open call's way to end with an error (stop() ends them all); the returned function unregisters it. */
  track(end: (error: ServerError) => void): () => void;
}
