/**
 * The shape of the protocol-level EventStoreDB test server (test/support/esdb-protocol-server):
 * a gRPC server on @grpc/grpc-js speaking EventStoreDB's protocol with the service definitions
 * @eventstore/db-client ships, so the real client (and the product's adapter over it) can be
 * driven in `npm test`. It exists only for tests: it is not a store.
 *
 * Written first so that the suites using it could be written beside it.
 */

/** The gRPC status codes a fault can end a call with. */
export type GrpcStatusName =
  | 'CANCELLED'
  | 'UNKNOWN'
  | 'INVALID_ARGUMENT'
  | 'DEADLINE_EXCEEDED'
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'UNIMPLEMENTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'UNAUTHENTICATED';

/** How a call fails. */
export interface EsdbFault {
  status: GrpcStatusName;
  details?: string;
  /**
   * Sent as the server's error metadata `exception` (what the real server sends and the client
   * turns into its typed errors): 'not-leader' (with this server's own host and port as
   * `leader-endpoint-host`/`-port`, a leader change that lands back on it), 'access-denied', ...
   * Absent: a bare status, which the client turns into UnknownError unless it knows the code.
   */
  exception?: string;
  /** For appends: store the events first, then fail (the answer was lost on the way back). */
  afterWrite?: boolean;
}

/** The calls a fault can be set on. */
export type EsdbMethod = 'append' | 'batchAppend' | 'readStream' | 'readAll' | 'subscribeToAll' | 'subscribeToStream' | 'gossip';

/** An event as the server holds it ($all order). */
export interface StoredEsdbEvent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  /** The bytes as stored (JSON text for the product's events). */
  data: Uint8Array;
  metadata: Uint8Array;
  contentType: string;
  /** Commit = prepare = this event's log position, a byte offset that grows with each event's size. */
  position: bigint;
  created: Date;
}

export interface EsdbProtocolServerOptions {
  /** 0 (default): any free port on 127.0.0.1. */
  port?: number;
  /** Most bytes one append may carry (the real server's --max-append-size); default 8 MiB, as the compose files set. */
  maxAppendSize?: number;
  /**
   * How Append (not BatchAppend) reports a broken expected revision: 'response' (default) in
   * AppendResp.wrong_expected_version, as servers from 21.x do; 'exception' as a
   * FAILED_PRECONDITION status with the `wrong-expected-version` exception metadata
   * (`stream-name`, `expected-version`, `actual-version`), as 20.x did. (Added after the first shape.)
   */
  wrongExpectedVersion?: 'response' | 'exception';
}

/** An open subscription as the server sees it. */
export interface SubscriptionProgress {
  /** Events sent so far (checkpoints and the other messages not counted). */
  sent: number;
  /** A write is waiting for 'drain': the client is not reading. */
  held: boolean;
}

export interface EsdbProtocolServer {
  /** `esdb://127.0.0.1:<port>?tls=false`, for EventStoreDbEventStore.fromConnectionString. */
  readonly connectionString: string;
  readonly port: number;
  /** Every stored event in $all order, system events (`$`-prefixed streams or types) included. */
  events(): readonly StoredEsdbEvent[];
  /** Rewrites a stored event in place, as a tamper would: every read after it sees the change. */
  editEvent(position: bigint, change: { data?: unknown; metadata?: unknown }): void;
  /** Removes a stored event, as a tamper would (its position is gone from $all; its stream has a hole). */
  deleteEvent(position: bigint): void;
  /** Appends a system event ($-prefixed type or stream), as the real server writes its own. */
  appendSystemEvent(streamId: string, type: string, data?: unknown): void;
  /** Ends every open subscription now with the status (a server-side end). */
  dropSubscriptions(status: GrpcStatusName, details?: string): void;
  /** Ends each open subscription with the status once it has sent `events` more events (mid-catch-up). */
  dropSubscriptionsAfter(events: number, status: GrpcStatusName, details?: string): void;
  /** The next `times` (default 1) calls of `method` fail with the fault. */
  failNext(method: EsdbMethod, fault: EsdbFault, times?: number): void;
  /** Until cleared, every call of `method` fails with the fault. */
  failAlways(method: EsdbMethod, fault: EsdbFault): void;
  clearFaults(): void;
  /** Calls received since start, by method (a retry shows as a second call). */
  calls(method: EsdbMethod): number;
  /**
   * The subscriptions open now, each with the events it has sent and whether it is held by
   * flow control (a write waits for the client to read): to wait for a resubscription, or to
   * see a paused client hold the server back. (Added after the first shape.)
   */
  openSubscriptions(): readonly SubscriptionProgress[];
  /** Stops listening and ends every open call with UNAVAILABLE; the log is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same log (a restart or a failover back). */
  restart(): Promise<void>;
}

/** `startEsdbProtocolServer(options?)`, exported by test/support/esdb-protocol-server/index.ts. */
export type StartEsdbProtocolServer = (options?: EsdbProtocolServerOptions) => Promise<EsdbProtocolServer>;
