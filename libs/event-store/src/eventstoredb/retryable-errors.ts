/**
 * Which failures of @eventstore/db-client 6.x are worth trying again, and how they read to an
 * operator.
 *
 * The decision is made on the gRPC status code first: every client error keeps the call's
 * status number in `.code` (utils/CommandError.js), while its `type` is only as good as the
 * server's error metadata. Without that metadata INVALID_ARGUMENT, UNIMPLEMENTED and
 * PERMISSION_DENIED all become the client's UnknownError (type `unknown`), which must not be
 * retried: a request the server refuses is refused again, about ten times a second, for ever.
 * Only types, no values, come from the client, so that loading this file does not load gRPC.
 */

/** gRPC status codes by number (grpc/status.proto), for the decision and the operator's message. */
const GRPC_STATUS = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;
type GrpcStatus = (typeof GRPC_STATUS)[number];

/**
 * The statuses that mean "not now" rather than "no": the node is down or restarting
 * (UNAVAILABLE), the server gave up on a long call or timed it out (ABORTED, which the client
 * calls a timeout; DEADLINE_EXCEEDED), it is shedding load (RESOURCE_EXHAUSTED), or it cancelled
 * the call itself, as a node does when it stops being leader (CANCELLED; the client's own
 * cancellations are told apart below). Every other status is an answer to the request and
 * would be the same answer again: INVALID_ARGUMENT, UNIMPLEMENTED, PERMISSION_DENIED,
 * UNAUTHENTICATED, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS, DATA_LOSS,
 * and a bare UNKNOWN or INTERNAL.
 */
const TRANSIENT_STATUSES: ReadonlySet<GrpcStatus> = new Set(['UNAVAILABLE', 'ABORTED', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED', 'CANCELLED']);

/**
 * INTERNAL or UNKNOWN with one of these details is not the server's answer but the HTTP/2
 * stream being reset under the call: grpc-js reports a stream reset without a gRPC status as
 * INTERNAL "Received RST_STREAM with code n ..." (subchannel-call.js), and the C-core and .NET
 * stacks (a proxy or the server in front of it) as UNKNOWN "Stream removed". That is what a
 * node going down, a load balancer closing an idle connection or a restart looks like.
 */
const TRANSPORT_RESET = /RST_STREAM|Stream removed/i;

/** What a call ended with when the client cancelled it itself (unsubscribe, dispose): not the server's doing. */
const CLIENT_CANCELLATION = 'Cancelled on client';

/** The client's types that mean the same as a transient status, for its errors built without one. */
const TRANSIENT_TYPES: ReadonlySet<string> = new Set(['unavailable', 'deadline-exceeded', 'timeout']);

/** Socket errors of a connection that went away or could not be made (yet). */
const SOCKET_ERRORS: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The client's discovery gave up (Client/discovery.js throws a plain Error with this text):
 * during a leader election or a cluster's cold start no node is leader for a while, so this is
 * retried like any other "not now".
 */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts\.?$/;

/** A subscription's stream ended or closed without an error while it was still wanted. */
export class SubscriptionDroppedError extends Error {
  override readonly name = 'SubscriptionDroppedError';
}

/**
 * A subscription to `$all` has stopped for good: the server answered with an error that
 * retrying cannot mend, or it was dropped `maxReconnectAttempts` times in a row. The message
 * is what an operator reads (in the log and in /api/health); `cause` is the client's error.
 */
export class SubscriptionStoppedError extends Error {
  override readonly name = 'SubscriptionStoppedError';
  constructor(
    override readonly cause: unknown,
    /** The reconnection attempts made in a row before it gave up; undefined when the error is permanent. */
    readonly reconnectAttempts?: number,
  ) {
    super(
      reconnectAttempts !== undefined
        ? `the subscription to EventStoreDB's log could not be re-established after ${reconnectAttempts} attempt${reconnectAttempts === 1 ? '' : 's'} in a row ` +
            `(the last: ${describeStoreError(cause)}); nothing more is projected until the API is restarted`
        : `the subscription to EventStoreDB's log ended with an error that retrying cannot mend ` +
            `(${describeStoreError(cause)}); nothing more is projected until the cause is fixed and the API restarted`,
    );
  }
}

/** The gRPC status of a client error or a grpc-js ServiceError, when it carries one. */
export function grpcStatusOf(error: unknown): GrpcStatus | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'number' ? GRPC_STATUS[code] : undefined;
}

/** The client's error kind (its ErrorType value), when the error is a client CommandError. */
export function esdbErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** The server's words for a failed call: the status details, without grpc-js's "14 UNAVAILABLE: " in front. */
function detailsOf(error: unknown): string {
  const raw = (error as { _raw?: { details?: unknown }; details?: unknown } | null | undefined) ?? {};
  const details = raw.details ?? raw._raw?.details;
  if (typeof details === 'string') return details;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\d+ [A-Z_]+: /, '');
}

export function isDiscoveryFailure(error: unknown): boolean {
  return error instanceof Error && DISCOVERY_FAILED.test(error.message);
}

function isTransientStatus(error: unknown, status: GrpcStatus): boolean {
  if (status === 'CANCELLED') return detailsOf(error) !== CLIENT_CANCELLATION;
  if (status === 'INTERNAL' || status === 'UNKNOWN') return TRANSPORT_RESET.test(detailsOf(error));
  return TRANSIENT_STATUSES.has(status);
}

function isSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && SOCKET_ERRORS.has(code);
}

/**
 * Whether a dropped subscription should be re-established: the server or the network went away,
 * the node stopped being leader, the cluster has no leader yet. Anything else ends it.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof SubscriptionDroppedError) return true;
  if (isDiscoveryFailure(error)) return true;
  // Sent as NOT_FOUND with the leader's address in the metadata: the status alone would say "no".
  if (esdbErrorType(error) === 'not-leader') return true;
  const status = grpcStatusOf(error);
  if (status !== undefined) return isTransientStatus(error, status);
  if (isSocketError(error)) return true;
  // The client builds some errors itself, without a status (an in-band batch-append timeout).
  const type = esdbErrorType(error);
  return type !== undefined && TRANSIENT_TYPES.has(type);
}

/**
 * Whether a failed append is sent once more, with the same event ids: only when the node was
 * not the leader (the client then reconnects to the one it named) or the connection went while
 * the call was under way (UNAVAILABLE, a reset stream or socket). In both cases the server may
 * have written the events before the answer was lost; the same ids make the retry idempotent at
 * an exact expected revision, and under `any` the server's own id check applies. A timeout is
 * not retried: the server may still be writing, and the caller learns it took too long.
 */
export function isAppendRetryable(error: unknown): boolean {
  if (esdbErrorType(error) === 'not-leader') return true;
  const status = grpcStatusOf(error);
  if (status === 'UNAVAILABLE') return true;
  if (status === 'INTERNAL' || status === 'UNKNOWN') return TRANSPORT_RESET.test(detailsOf(error));
  if (status !== undefined) return false;
  return isSocketError(error) || esdbErrorType(error) === 'unavailable';
}

/** What a status means for whoever runs the server, where the status alone does not say it. */
const STATUS_HINTS: Partial<Record<GrpcStatus, string>> = {
  PERMISSION_DENIED: "the user in EVENTSTORE_CONNECTION_STRING may not do this: check its credentials and the server's access control",
  UNAUTHENTICATED: 'the server did not accept the credentials in EVENTSTORE_CONNECTION_STRING',
  UNIMPLEMENTED: 'this server does not offer the call: rag-ledger needs EventStoreDB 22.6 or later, or KurrentDB',
  INVALID_ARGUMENT: 'the server refused the request as malformed',
  UNAVAILABLE: 'the server could not be reached',
};

/** A store error in words an operator reads: what EventStoreDB answered, and what it means. */
export function describeStoreError(error: unknown): string {
  if (isDiscoveryFailure(error)) {
    return `no EventStoreDB leader could be found (${(error as Error).message}): check the hosts in EVENTSTORE_CONNECTION_STRING and that the cluster has elected a leader`;
  }
  const type = esdbErrorType(error);
  if (type === 'not-leader') return `the EventStoreDB node is not the leader (${detailsOf(error)})`;
  if (type === 'access-denied') return `EventStoreDB denied access (${detailsOf(error)}): ${STATUS_HINTS.PERMISSION_DENIED}`;
  const status = grpcStatusOf(error);
  if (status === undefined) return error instanceof Error ? error.message : String(error);
  const details = detailsOf(error);
  const hint = STATUS_HINTS[status];
  return `EventStoreDB answered ${status}${details ? ` (${details})` : ''}${hint ? `: ${hint}` : ''}`;
}
