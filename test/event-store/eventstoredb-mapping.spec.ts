import {
  AccessDeniedError,
  CancelledError,
  convertToCommandError,
  DeadlineExceededError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { Metadata, status as Status } from '@grpc/grpc-js';
import { callErrorFromStatus } from '@grpc/grpc-js/build/src/call';
import fc from 'fast-check';
import { ANY, BACKWARDS, DuplicateEventIdError, END, FORWARDS, NO_STREAM, START, STREAM_EXISTS, StreamNotFoundError, WrongExpectedVersionError } from '@rag-ledger/event-store';
import {
  backoffDelay,
  backwardsStartForInclusiveRead,
  eventPosition,
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  hasReachedHead,
  isEmptyAllRead,
  isSystemEvent,
  isUsablePosition,
  matchesFilter,
  resumePosition,
  toEsdbConnectionString,
  toEsdbEvent,
  toEsdbEventId,
  toEsdbExpectedRevision,
  toEsdbFilter,
  toEsdbPosition,
  toEsdbReadPosition,
  toEsdbReadRevision,
  toPortPosition,
  toRecordedEvent,
  translateAppendError,
  translateReadError,
} from '../../libs/event-store/src/eventstoredb/mapping';
import {
  describeStoreError,
  isAppendRetryable,
  isTransientError,
  SubscriptionDroppedError,
  SubscriptionStoppedError,
} from '../../libs/event-store/src/eventstoredb/retryable-errors';

/** A client error as @eventstore/db-client 6.x builds it: an Error with a `type` (its ErrorType). */
const clientError = (type: string, fields: object = {}) => Object.assign(new Error(type), { type }, fields);

const resolved = (streamId: string, type: string, position: bigint | undefined, extra: object = {}): ResolvedEvent => ({
  event: {
    streamId,
    id: '0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b',
    revision: 3n,
    type,
    data: { n: 1 },
    metadata: { by: 'test' },
    isJson: true,
    created: new Date('2024-01-02T03:04:05.000Z'),
    position: position === undefined ? undefined : { commit: position, prepare: position },
    ...extra,
  } as ResolvedEvent['event'],
});

describe('EventStoreDB mapping: connection strings', () => {
  it("accepts KurrentDB's schemes by giving the client the esdb ones it parses", () => {
    expect(toEsdbConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toEsdbConnectionString('kdb+discover://cluster.example:2113')).toBe('esdb+discover://cluster.example:2113');
    expect(toEsdbConnectionString(' esdb://a:2113,b:2113?tls=false ')).toBe('esdb://a:2113,b:2113?tls=false');
    expect(toEsdbConnectionString('esdb+discover://x:2113')).toBe('esdb+discover://x:2113');
  });
});

describe('EventStoreDB mapping: expected revisions', () => {
  it('maps each port expected revision to the client value', () => {
    expect(toEsdbExpectedRevision(undefined)).toBe('any');
    expect(toEsdbExpectedRevision(ANY)).toBe('any');
    expect(toEsdbExpectedRevision(NO_STREAM)).toBe('no_stream');
    expect(toEsdbExpectedRevision(STREAM_EXISTS)).toBe('stream_exists');
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
    expect(toEsdbExpectedRevision(41n)).toBe(41n);
  });

  it('refuses a negative revision instead of sending it', () => {
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(RangeError);
  });

  it("reads the client's current revision back: 'no_stream' and -1 mean no stream", () => {
    expect(fromEsdbCurrentRevision('no_stream')).toBeUndefined();
    expect(fromEsdbCurrentRevision(-1n)).toBeUndefined();
    expect(fromEsdbCurrentRevision(undefined)).toBeUndefined();
    expect(fromEsdbCurrentRevision(7n)).toBe(7n);
  });

  it("reads back the expected revision the server reports, in the new form and in 20.x's negative codes", () => {
    expect(fromEsdbExpectedRevision('any', NO_STREAM)).toBe(ANY);
    expect(fromEsdbExpectedRevision('no_stream', ANY)).toBe(NO_STREAM);
    expect(fromEsdbExpectedRevision('stream_exists', ANY)).toBe(STREAM_EXISTS);
    expect(fromEsdbExpectedRevision(4n, ANY)).toBe(4n);
    expect(fromEsdbExpectedRevision(-1n, ANY)).toBe(NO_STREAM);
    expect(fromEsdbExpectedRevision(-2n, NO_STREAM)).toBe(ANY);
    expect(fromEsdbExpectedRevision(-4n, ANY)).toBe(STREAM_EXISTS);
    // Anything else: what the adapter sent, which it knows.
    expect(fromEsdbExpectedRevision(-3n, 7n)).toBe(7n);
    expect(fromEsdbExpectedRevision(undefined, STREAM_EXISTS)).toBe(STREAM_EXISTS);
  });
});

describe('EventStoreDB mapping: positions', () => {
  it('maps a $all position to its commit position and back to commit = prepare', () => {
    expect(toPortPosition({ commit: 1234n, prepare: 1234n })).toBe(1234n);
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(() => toEsdbPosition(-1n)).toThrow(RangeError);
  });

  it('round-trips every position and keeps the order of any two positions', () => {
    const position = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
    fc.assert(
      fc.property(position, position, (a, b) => {
        expect(toPortPosition(toEsdbPosition(a))).toBe(a);
        const [ea, eb] = [toEsdbPosition(a), toEsdbPosition(b)];
        const esdbOrder = ea.commit === eb.commit ? Math.sign(Number(ea.prepare - eb.prepare)) : Math.sign(Number(ea.commit - eb.commit));
        expect(Math.sign(Number(toPortPosition(ea) - toPortPosition(eb)))).toBe(esdbOrder);
      }),
    );
  });

  it('treats an absent position and the uint64 "no position" marker as unusable', () => {
    expect(isUsablePosition(undefined)).toBe(false);
    expect(isUsablePosition({ commit: 18446744073709551615n, prepare: 18446744073709551615n })).toBe(false);
    expect(isUsablePosition({ commit: 0n, prepare: 0n })).toBe(true);
  });

  it('maps read starts: START, END, a position, a revision', () => {
    expect(toEsdbReadPosition(START)).toBe('start');
    expect(toEsdbReadPosition(END)).toBe('end');
    expect(toEsdbReadPosition(99n)).toEqual({ commit: 99n, prepare: 99n });
    expect(toEsdbReadRevision(START)).toBe('start');
    expect(toEsdbReadRevision(END)).toBe('end');
    expect(toEsdbReadRevision(5n)).toBe(5n);
  });

  it('knows the reads that return nothing, as the embedded store answers them', () => {
    expect(isEmptyAllRead(START, BACKWARDS)).toBe(true);
    expect(isEmptyAllRead(END, FORWARDS)).toBe(true);
    expect(isEmptyAllRead(END, undefined)).toBe(true);
    expect(isEmptyAllRead(START, undefined)).toBe(false);
    expect(isEmptyAllRead(END, BACKWARDS)).toBe(false);
    expect(isEmptyAllRead(10n, BACKWARDS)).toBe(false);
  });

  it('starts an inclusive backwards read at the next event, or at the end when there is none', () => {
    // Forwards from 200 (inclusive) found the event at 200 and the next one at 350.
    expect(backwardsStartForInclusiveRead(200n, [200n, 350n])).toBe(350n);
    // 200 falls between events: the first event found is already after it.
    expect(backwardsStartForInclusiveRead(200n, [260n, 350n])).toBe(260n);
    // The event at 200 is the last one.
    expect(backwardsStartForInclusiveRead(200n, [200n])).toBe(END);
    expect(backwardsStartForInclusiveRead(200n, [])).toBe(END);
  });

  it("takes an event's position from the event, else from the record's commit position", () => {
    expect(eventPosition(resolved('plan-1', 'A', 500n))).toBe(500n);
    expect(eventPosition({ ...resolved('plan-1', 'A', undefined), commitPosition: 600n })).toBe(600n);
    expect(eventPosition(resolved('plan-1', 'A', undefined))).toBeUndefined();
  });
});

describe('EventStoreDB mapping: events', () => {
  it('recognises system streams and system event types', () => {
    expect(isSystemEvent('$settings', 'Anything')).toBe(true);
    expect(isSystemEvent('$$plan-1', '$metadata')).toBe(true);
    expect(isSystemEvent('plan-1', '$>')).toBe(true);
    expect(isSystemEvent('plan-1', 'PlanCreated')).toBe(false);
  });

  it('passes a uuid id through in lower case, generates one when absent and refuses others', () => {
    expect(toEsdbEventId('0B7C9F3E-8D61-4D4A-9A53-1C2F3E4D5A6B', () => 'unused')).toBe('0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b');
    expect(toEsdbEventId(undefined, () => 'generated')).toBe('generated');
    expect(() => toEsdbEventId('batch-1', () => 'unused')).toThrow(/not a uuid/);
  });

  it('builds the JSON event the client sends, with null data and {} metadata when absent', () => {
    const id = '0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b';
    expect(toEsdbEvent({ id, type: 'PlanCreated', data: { a: 1 }, metadata: { by: 'x' } }, () => 'unused')).toEqual({
      id,
      contentType: 'application/json',
      type: 'PlanCreated',
      data: { a: 1 },
      metadata: { by: 'x' },
    });
    expect(toEsdbEvent({ id, type: 'Empty', data: undefined }, () => 'unused')).toMatchObject({ data: null, metadata: {} });
  });

  it('maps a read event to the port, with metadata {} when the server has none', () => {
    const event = toRecordedEvent(resolved('plan-1', 'PlanCreated', 700n, { metadata: undefined }));
    expect(event).toEqual({
      streamId: 'plan-1',
      revision: 3n,
      position: 700n,
      id: '0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b',
      type: 'PlanCreated',
      data: { n: 1 },
      metadata: {},
      created: new Date('2024-01-02T03:04:05.000Z'),
    });
  });

  it('skips system events and unresolved links', () => {
    expect(toRecordedEvent(resolved('$scavenges', 'ScavengeStarted', 10n))).toBeUndefined();
    expect(toRecordedEvent({ commitPosition: 5n })).toBeUndefined();
  });

  it('refuses an event without a position (servers before 22.6) with a message naming the cause', () => {
    expect(() => toRecordedEvent(resolved('plan-1', 'A', undefined))).toThrow(/22\.6 or later/);
  });
});

describe('EventStoreDB mapping: subscription filters', () => {
  it('sends stream prefixes to the server', () => {
    expect(toEsdbFilter({ streamPrefixes: ['plan-', 'action-'] })).toEqual({
      filterOn: 'streamName',
      prefixes: ['plan-', 'action-'],
      checkpointInterval: 1,
    });
  });

  it('sends event types alone as an anchored, escaped regex on the type', () => {
    const filter = toEsdbFilter({ eventTypes: ['ActionRagChanged', 'Odd.Type+1'] });
    expect(filter).toEqual({ filterOn: 'eventType', regex: '^(?:ActionRagChanged|Odd\\.Type\\+1)$', checkpointInterval: 1 });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(regex.test('ActionRagChanged')).toBe(true);
    expect(regex.test('ActionRagChangedAgain')).toBe(false);
    expect(regex.test('OddxType+1')).toBe(false);
  });

  it('excludes system events on the server when there is no filter', () => {
    const filter = toEsdbFilter(undefined) as { filterOn: string; regex: string };
    expect(filter.filterOn).toBe('eventType');
    expect(new RegExp(filter.regex).test('$metadata')).toBe(false);
    expect(new RegExp(filter.regex).test('PlanCreated')).toBe(true);
  });

  it('checks prefixes, types and system events again on the client', () => {
    const filter = { streamPrefixes: ['action-'], eventTypes: ['ActionRagChanged'] };
    expect(matchesFilter({ streamId: 'action-1', type: 'ActionRagChanged' }, filter)).toBe(true);
    expect(matchesFilter({ streamId: 'action-1', type: 'ActionAdded' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: 'plan-1', type: 'ActionRagChanged' }, filter)).toBe(false);
    expect(matchesFilter({ streamId: '$action-1', type: 'ActionRagChanged' }, undefined)).toBe(false);
    expect(matchesFilter({ streamId: 'plan-1', type: 'PlanCreated' }, undefined)).toBe(true);
  });
});

describe('EventStoreDB mapping: errors', () => {
  const ids = ['0b7c9f3e-8d61-4d4a-9a53-1c2f3e4d5a6b'];

  it("translates the client's WrongExpectedVersionError to the port's, with the stream's actual revision", () => {
    const error = translateAppendError(
      clientError('wrong-expected-version', { streamName: 'plan-1', expectedVersion: 1n, actualVersion: 2n }),
      'plan-1',
      1n,
      ids,
    );
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: 'plan-1', expectedVersion: 1n, actualVersion: 2n });
  });

  it("reports a missing stream as actual revision undefined, and keeps the caller's expected constant", () => {
    const noStream = translateAppendError(
      clientError('wrong-expected-version', { expectedVersion: 'stream_exists', actualVersion: 'no_stream' }),
      'plan-2',
      STREAM_EXISTS,
      ids,
    );
    expect(noStream).toMatchObject({ streamName: 'plan-2', expectedVersion: STREAM_EXISTS, actualVersion: undefined });
    const exists = translateAppendError(
      clientError('wrong-expected-version', { expectedVersion: 'no_stream', actualVersion: 0n }),
      'plan-3',
      NO_STREAM,
      ids,
    );
    expect(exists).toMatchObject({ expectedVersion: NO_STREAM, actualVersion: 0n });
  });

  it('turns WrongExpectedVersion under `any` (a batch repeating only some stored ids) into DuplicateEventIdError', () => {
    const error = translateAppendError(clientError('wrong-expected-version', { actualVersion: 4n }), 'plan-1', ANY, ids);
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect(error).toMatchObject({ eventId: ids[0], streamName: 'plan-1' });
  });

  it('passes other errors through unchanged', () => {
    const unavailable = clientError('unavailable');
    expect(translateAppendError(unavailable, 'plan-1', ANY, ids)).toBe(unavailable);
    expect(translateReadError(unavailable, 'plan-1')).toBe(unavailable);
  });

  it("translates the client's StreamNotFoundError to the port's", () => {
    const error = translateReadError(clientError('stream-not-found'), 'plan-9');
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ streamName: 'plan-9' });
  });

});

/**
 * A failed call as the real client hands it over: grpc-js builds the ServiceError from the
 * call's status (callErrorFromStatus, as for every call that ends badly) and the client turns
 * it into its typed error by the server's `exception` metadata, else by the status code
 * (convertToCommandError, what the client's subscription and appends do with every error).
 */
function fromServer(code: Status, details: string, metadata: Record<string, string> = {}): Error {
  const md = new Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return convertToCommandError(callErrorFromStatus({ code, details, metadata: md }, 'at test'));
}
const notLeader = () => fromServer(Status.NOT_FOUND, 'Leader info available', { exception: 'not-leader', 'leader-endpoint-host': '10.0.0.2', 'leader-endpoint-port': '2113' });
const socketError = (code: string) => Object.assign(new Error(`read ${code}`), { code });

describe('EventStoreDB errors: which are retried', () => {
  // [what, the error, retried by a subscription, retried once by an append]
  const table: Array<[string, () => unknown, boolean, boolean]> = [
    ['UNAVAILABLE (the node is down)', () => fromServer(Status.UNAVAILABLE, 'Connection dropped'), true, true],
    ['ABORTED (the client calls it a timeout)', () => fromServer(Status.ABORTED, 'Operation timed out'), true, false],
    ['DEADLINE_EXCEEDED', () => fromServer(Status.DEADLINE_EXCEEDED, 'Deadline exceeded'), true, false],
    ['RESOURCE_EXHAUSTED (shedding load)', () => fromServer(Status.RESOURCE_EXHAUSTED, 'Too many requests'), true, false],
    ['CANCELLED by the server', () => fromServer(Status.CANCELLED, 'Server shutting down'), true, false],
    ['INTERNAL from a reset HTTP/2 stream', () => fromServer(Status.INTERNAL, 'Received RST_STREAM with code 2 (Internal server error)'), true, true],
    ['UNKNOWN "Stream removed" (a reset in front of the server)', () => fromServer(Status.UNKNOWN, 'Stream removed'), true, true],
    ['not-leader (a leader change)', notLeader, true, true],
    ['a failed discovery (no leader yet)', () => new Error('Failed to discover after 10 attempts.'), true, false],
    ['a reset socket', () => socketError('ECONNRESET'), true, true],
    ['a refused connection', () => socketError('ECONNREFUSED'), true, true],
    ['UnavailableError built by the client without a status', () => new UnavailableError(), true, true],
    ['DeadlineExceededError built by the client (an in-band batch timeout)', () => new DeadlineExceededError(), true, false],
    ['the subscription stream ending', () => new SubscriptionDroppedError('the server ended the subscription'), true, false],
    ['INVALID_ARGUMENT without metadata', () => fromServer(Status.INVALID_ARGUMENT, 'Invalid filter'), false, false],
    ['UNIMPLEMENTED without metadata', () => fromServer(Status.UNIMPLEMENTED, 'Method not found'), false, false],
    ['PERMISSION_DENIED without metadata', () => fromServer(Status.PERMISSION_DENIED, 'Access denied'), false, false],
    ['PERMISSION_DENIED with access-denied metadata', () => fromServer(Status.PERMISSION_DENIED, 'Access denied', { exception: 'access-denied' }), false, false],
    ['UNAUTHENTICATED', () => fromServer(Status.UNAUTHENTICATED, 'Bad credentials'), false, false],
    ['NOT_FOUND without not-leader metadata', () => fromServer(Status.NOT_FOUND, 'Not found'), false, false],
    ['FAILED_PRECONDITION', () => fromServer(Status.FAILED_PRECONDITION, 'Precondition failed'), false, false],
    ['OUT_OF_RANGE', () => fromServer(Status.OUT_OF_RANGE, 'Out of range'), false, false],
    ['ALREADY_EXISTS', () => fromServer(Status.ALREADY_EXISTS, 'Exists'), false, false],
    ['DATA_LOSS', () => fromServer(Status.DATA_LOSS, 'Data loss'), false, false],
    ['a bare UNKNOWN', () => fromServer(Status.UNKNOWN, 'Exception was thrown by handler'), false, false],
    ['a bare INTERNAL', () => fromServer(Status.INTERNAL, 'Failed to parse server response'), false, false],
    ['UnknownError built by the client without a status', () => new UnknownError(undefined, 'Could not recognize the error'), false, false],
    ['a stream deleted', () => StreamDeletedError.fromStreamName('plan-1'), false, false],
    ['wrong expected version', () => clientError('wrong-expected-version'), false, false],
    ['the client cancelling its own call', () => Object.assign(new Error('1 CANCELLED: Cancelled on client'), { code: Status.CANCELLED, details: 'Cancelled on client' }), false, false],
    ['a bug', () => new TypeError('a bug'), false, false],
  ];

  const cases = table.map(([what, make, transient, appendRetried]) => ({ what, make, transient, appendRetried }));
  it.each(cases)('$what: a subscription retries it: $transient; an append is retried once: $appendRetried', ({ make, transient, appendRetried }) => {
    const error = make();
    expect(isTransientError(error)).toBe(transient);
    expect(isAppendRetryable(error)).toBe(appendRetried);
  });

  it("turns the permanent statuses into the client's UnknownError, keeping the status in .code (why the code decides)", () => {
    for (const code of [Status.INVALID_ARGUMENT, Status.UNIMPLEMENTED, Status.PERMISSION_DENIED]) {
      const error = fromServer(code, 'refused');
      expect(error).toBeInstanceOf(UnknownError);
      expect(error).toMatchObject({ type: 'unknown', code });
    }
    expect(fromServer(Status.UNAUTHENTICATED, 'x')).toBeInstanceOf(AccessDeniedError);
    expect(fromServer(Status.CANCELLED, 'x')).toBeInstanceOf(CancelledError);
  });
});

describe('EventStoreDB errors: in words an operator reads', () => {
  it('names the status, the server\'s details and what a status means', () => {
    expect(describeStoreError(fromServer(Status.PERMISSION_DENIED, 'Access denied'))).toBe(
      "EventStoreDB answered PERMISSION_DENIED (Access denied): the user in EVENTSTORE_CONNECTION_STRING may not do this: check its credentials and the server's access control",
    );
    expect(describeStoreError(fromServer(Status.UNIMPLEMENTED, 'Method not found'))).toMatch(/^EventStoreDB answered UNIMPLEMENTED \(Method not found\): .*22\.6 or later/);
    expect(describeStoreError(fromServer(Status.ABORTED, 'Operation timed out'))).toBe('EventStoreDB answered ABORTED (Operation timed out)');
    expect(describeStoreError(new Error('Failed to discover after 3 attempts.'))).toMatch(/^no EventStoreDB leader could be found \(Failed to discover after 3 attempts\.\): check the hosts/);
    expect(describeStoreError(notLeader())).toMatch(/not the leader/);
    expect(describeStoreError(new TypeError('a bug'))).toBe('a bug');
  });

  it('says a stopped subscription stopped, why, and whether it gave up after retrying', () => {
    const permanent = new SubscriptionStoppedError(fromServer(Status.INVALID_ARGUMENT, 'Invalid filter'));
    expect(permanent.message).toBe(
      "the subscription to EventStoreDB's log ended with an error that retrying cannot mend " +
        '(EventStoreDB answered INVALID_ARGUMENT (Invalid filter): the server refused the request as malformed); nothing more is projected until the cause is fixed and the API restarted',
    );
    expect(permanent.cause).toMatchObject({ code: Status.INVALID_ARGUMENT });
    const exhausted = new SubscriptionStoppedError(fromServer(Status.UNAVAILABLE, 'Connection dropped'), 3);
    expect(exhausted.message).toMatch(/^the subscription to EventStoreDB's log could not be re-established after 3 attempts in a row \(the last: EventStoreDB answered UNAVAILABLE \(Connection dropped\)/);
    expect(exhausted.reconnectAttempts).toBe(3);
  });
});

describe('EventStoreDB mapping: resubscription and catch-up arithmetic', () => {
  it('backs off exponentially from the initial delay up to the cap', () => {
    const options = { initialMs: 100, maxMs: 5_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffDelay(a, options))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(backoffDelay(10_000, options)).toBe(5_000);
    expect(backoffDelay(0, options)).toBe(0);
  });

  it('never exceeds the cap and never decreases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 60_000 }), (attempt, initialMs, maxMs) => {
        const options = { initialMs, maxMs };
        expect(backoffDelay(attempt, options)).toBeLessThanOrEqual(Math.max(maxMs, 0));
        expect(backoffDelay(attempt + 1, options)).toBeGreaterThanOrEqual(backoffDelay(attempt, options));
      }),
    );
  });

  it('resumes after the last event received, or where it started when nothing was received', () => {
    expect(resumePosition(START, undefined)).toBe(START);
    expect(resumePosition(END, undefined)).toBe(END);
    expect(resumePosition(100n, undefined)).toBe(100n);
    expect(resumePosition(START, 4200n)).toBe(4200n);
    expect(resumePosition(END, 4200n)).toBe(4200n);
  });

  it('is caught up once the head read at start has been received', () => {
    expect(hasReachedHead(undefined, START, undefined)).toBe(true); // empty log
    expect(hasReachedHead(500n, END, undefined)).toBe(true); // only new events wanted
    expect(hasReachedHead(500n, 500n, undefined)).toBe(true); // resumed at the head
    expect(hasReachedHead(500n, 600n, undefined)).toBe(true);
    expect(hasReachedHead(500n, START, undefined)).toBe(false);
    expect(hasReachedHead(500n, START, 499n)).toBe(false);
    expect(hasReachedHead(500n, START, 500n)).toBe(true);
    expect(hasReachedHead(500n, 100n, 700n)).toBe(true);
  });
});
