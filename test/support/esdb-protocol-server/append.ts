/**
 * Streams.Append (client-streaming: the options, then one message per event) and
 * Streams.BatchAppend (bidirectional: requests by correlation id, each in one or more chunks
 * until `is_final`, each answered by one response). The client uses BatchAppend when
 * ServerFeatures lists it (streams/appendToStream/index.js), Append otherwise.
 *
 * Both answer a broken expected revision in the response, as servers from 21.x do: Append with
 * AppendResp.wrong_expected_version, BatchAppend with a google.rpc.Status whose details pack a
 * WrongExpectedVersion (the client's appendToStream/unpackError.js reads those). An append over
 * the maximum append size fails: Append with the `maximum-append-size-exceeded` exception,
 * BatchAppend with a MaximumAppendSizeExceeded in the status details.
 */
import { AllStreamPosition, MaximumAppendSizeExceeded, WrongExpectedVersion as WrongExpectedVersionDetails } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { type ServerDuplexStream, type ServerReadableStream, type sendUnaryData, status } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { decideAppend, type AppendDecision, type ExpectedRevision } from './append-rules';
import { faultError, maximumAppendSizeExceeded, serverError, type ServerError } from './errors';
import type { NewEsdbEvent } from './event-log';
import { empty, streamIdentifier, streamName, uuidText } from './messages';
import type { ServerContext } from './server-context';
import type { EsdbFault, EsdbMethod, StoredEsdbEvent } from './server.types';

type Proposed = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

function toNewEvent(streamId: string, message: Proposed): NewEsdbEvent {
  const map = message.getMetadataMap();
  return {
    streamId,
    id: uuidText(message.getId()),
    type: map.get('type') ?? '',
    contentType: map.get('content-type') ?? 'application/octet-stream',
    data: Buffer.from(message.getData_asU8()),
    metadata: Buffer.from(message.getCustomMetadata_asU8()),
  };
}

const appendSize = (events: readonly NewEsdbEvent[]) => events.reduce((n, e) => n + e.data.length + e.metadata.length, 0);

type Outcome =
  | { kind: 'success'; last: StoredEsdbEvent }
  | { kind: 'wrong-expected-version'; current: bigint | undefined }
  | { kind: 'too-big' }
  | { kind: 'fault'; fault: EsdbFault };

/** One append through the rules: the fault first (after writing, for `afterWrite`), the size, then the expected revision. */
function runAppend(context: ServerContext, method: EsdbMethod, streamId: string, expected: ExpectedRevision, events: NewEsdbEvent[]): Outcome {
  const fault = context.faults.take(method);
  if (fault && !fault.afterWrite) return { kind: 'fault', fault };
  if (appendSize(events) > context.maxAppendSize) return { kind: 'too-big' };
  const decision: AppendDecision = decideAppend(context.log, streamId, expected, events.map((e) => e.id));
  if (decision.kind === 'wrong-expected-version') return decision;
  const last = decision.kind === 'idempotent' ? decision.last : context.log.write(streamId, events).at(-1);
  if (fault) return { kind: 'fault', fault };
  // An append of no events writes nothing and answers the stream as it is (rare; the product never sends one).
  if (!last) return { kind: 'wrong-expected-version', current: context.log.lastRevision(streamId) };
  return { kind: 'success', last };
}

function appendExpected(options: AppendReq.Options): ExpectedRevision {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  return { kind: 'any' };
}

export function appendHandler(context: ServerContext) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const messages: AppendReq.ProposedMessage[] = [];
    let done = false;
    const finish = (error: ServerError | null, response?: AppendResp) => {
      if (done) return;
      done = true;
      untrack();
      callback(error, response);
    };
    const untrack = context.track((error) => finish(error));
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message) messages.push(message);
    });
    call.on('error', () => finish(null));
    call.on('end', () => {
      if (!options) return finish(serverError(status.INVALID_ARGUMENT, 'the first message must carry the options'));
      const streamId = streamName(options.getStreamIdentifier());
      const expected = appendExpected(options);
      const outcome = runAppend(context, 'append', streamId, expected, messages.map((m) => toNewEvent(streamId, m)));
      switch (outcome.kind) {
        case 'fault':
          return finish(faultError(outcome.fault, context.self()));
        case 'too-big':
          return finish(maximumAppendSizeExceeded(context.maxAppendSize));
        case 'success': {
          const position = new AppendResp.Position().setCommitPosition(outcome.last.position.toString(10)).setPreparePosition(outcome.last.position.toString(10));
          const success = new AppendResp.Success().setCurrentRevision(outcome.last.revision.toString(10)).setPosition(position);
          return finish(null, new AppendResp().setSuccess(success));
        }
        case 'wrong-expected-version': {
          const wrong = new AppendResp.WrongExpectedVersion();
          if (outcome.current === undefined) wrong.setCurrentNoStream(empty());
          else wrong.setCurrentRevision(outcome.current.toString(10));
          if (expected.kind === 'any') wrong.setExpectedAny(empty());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(empty());
          else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(empty());
          else wrong.setExpectedRevision(expected.revision.toString(10));
          return finish(null, new AppendResp().setWrongExpectedVersion(wrong));
        }
      }
    });
  };
}

function batchExpected(options: BatchAppendReq.Options): ExpectedRevision {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  return { kind: 'any' };
}

function packed(code: status, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code as number).setMessage(message).setDetails(any);
}

function batchResponse(request: { correlation: BatchAppendReq; options: BatchAppendReq.Options }, streamId: string, expected: ExpectedRevision, outcome: Exclude<Outcome, { kind: 'fault' }>, maxAppendSize: number): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(request.correlation.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamId));
  if (expected.kind === 'any') response.setAny(new ProtoEmpty());
  else if (expected.kind === 'no_stream') response.setNoStream(new ProtoEmpty());
  else if (expected.kind === 'stream_exists') response.setStreamExists(new ProtoEmpty());
  else response.setStreamPosition(expected.revision.toString(10));
  if (outcome.kind === 'success') {
    const position = new AllStreamPosition().setCommitPosition(outcome.last.position.toString(10)).setPreparePosition(outcome.last.position.toString(10));
    return response.setSuccess(new BatchAppendResp.Success().setCurrentRevision(outcome.last.revision.toString(10)).setPosition(position));
  }
  if (outcome.kind === 'too-big') {
    const details = new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
    return response.setError(packed(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, details, 'event_store.client.MaximumAppendSizeExceeded'));
  }
  const details = new WrongExpectedVersionDetails();
  if (outcome.current === undefined) details.setCurrentNoStream(new ProtoEmpty());
  else details.setCurrentStreamRevision(outcome.current.toString(10));
  if (expected.kind === 'any') details.setExpectedAny(new ProtoEmpty());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtoEmpty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtoEmpty());
  else details.setExpectedStreamPosition(expected.revision.toString(10));
  return response.setError(packed(status.FAILED_PRECONDITION, 'WrongExpectedVersion', details, 'event_store.client.WrongExpectedVersion'));
}

export function batchAppendHandler(context: ServerContext) {
  return (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { correlation: BatchAppendReq; options: BatchAppendReq.Options; messages: BatchAppendReq.ProposedMessage[] }>();
    let ended = false;
    const end = (error: ServerError) => {
      if (ended) return;
      ended = true;
      untrack();
      call.emit('error', error);
    };
    const untrack = context.track(end);
    call.on('data', (request: BatchAppendReq) => {
      if (ended) return;
      const correlationId = uuidText(request.getCorrelationId());
      const entry = pending.get(correlationId) ?? { correlation: request, options: request.getOptions() as BatchAppendReq.Options, messages: [] };
      pending.set(correlationId, entry);
      entry.messages.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      if (!entry.options) return end(serverError(status.INVALID_ARGUMENT, 'the first request of a batch must carry the options'));
      const streamId = streamName(entry.options.getStreamIdentifier());
      const expected = batchExpected(entry.options);
      const outcome = runAppend(context, 'batchAppend', streamId, expected, entry.messages.map((m) => toNewEvent(streamId, m)));
      // A fault ends the whole call, as the real server's exceptions do: every append waiting on it fails.
      if (outcome.kind === 'fault') return end(faultError(outcome.fault, context.self()));
      call.write(batchResponse(entry, streamId, expected, outcome, context.maxAppendSize));
    });
    call.on('error', () => {
      ended = true;
      untrack();
    });
    call.on('cancelled', () => {
      ended = true;
      untrack();
    });
    call.on('end', () => {
      if (ended) return;
      ended = true;
      untrack();
      call.end();
    });
  };
}
