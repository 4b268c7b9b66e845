/**
 * Streams.Read: reads of a stream or of `$all`, and (with subscription options) the
 * subscriptions, which subscriptions.ts serves.
 *
 * As EventStoreDB answers them:
 * - A stream forwards from a revision (inclusive) or backwards from a revision or the end
 *   (inclusive), at most `count` events. A stream with no events answers the
 *   `stream_not_found` message (21.x and later; the client turns it into StreamNotFoundError).
 *   Every event carries its log position on the record, as servers from 22.6 do.
 * - `$all` forwards from a position *inclusive* (events at or after it), backwards from a
 *   position *exclusive* (the events before it: the one at the position ends after it), or
 *   from the start or the end; `count` counts every record read, system events included.
 */
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { faultError } from './errors';
import { FlowControlledWriter } from './flow-control';
import { eventResponse, streamIdentifier, streamName } from './messages';
import type { ServerContext } from './server-context';
import type { EsdbMethod, StoredEsdbEvent } from './server.types';
import { allSource, parseFilter, streamSource, type SubscriptionStart } from './subscriptions';

const BACKWARDS = 1;

function methodOf(options: ReadReq.Options): EsdbMethod {
  const subscription = options.hasSubscription();
  if (options.hasAll()) return subscription ? 'subscribeToAll' : 'readAll';
  return subscription ? 'subscribeToStream' : 'readStream';
}

function* streamRead(context: ServerContext, options: ReadReq.Options, streamId: string): Generator<StoredEsdbEvent> {
  const stream = options.getStream() as ReadReq.Options.StreamOptions;
  const events = context.log.streamEvents(streamId) ?? [];
  if (options.getReadDirection() === BACKWARDS) {
    const from = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasStart() ? 0n : undefined;
    for (let i = events.length - 1; i >= 0; i--) if (from === undefined || events[i].revision <= from) yield events[i];
    return;
  }
  if (stream.hasEnd()) return;
  const from = stream.hasRevision() ? BigInt(stream.getRevision()) : 0n;
  for (const event of events) if (event.revision >= from) yield event;
}

function* allRead(context: ServerContext, options: ReadReq.Options): Generator<StoredEsdbEvent> {
  const all = options.getAll() as ReadReq.Options.AllOptions;
  const log = context.log;
  const position = all.getPosition();
  if (options.getReadDirection() === BACKWARDS) {
    if (all.hasStart()) return;
    let i = position ? log.firstIndexAtOrAfter(BigInt(position.getCommitPosition())) - 1 : log.events().length - 1;
    for (; i >= 0; i--) yield log.at(i) as StoredEsdbEvent;
    return;
  }
  if (all.hasEnd()) return;
  for (let i = position ? log.firstIndexAtOrAfter(BigInt(position.getCommitPosition())) : 0; i < log.events().length; i++) {
    yield log.at(i) as StoredEsdbEvent;
  }
}

function subscriptionStart(options: ReadReq.Options): SubscriptionStart {
  if (options.hasAll()) {
    const all = options.getAll() as ReadReq.Options.AllOptions;
    if (all.hasStart()) return { kind: 'start' };
    if (all.hasEnd()) return { kind: 'end' };
    return { kind: 'after', value: BigInt((all.getPosition() as ReadReq.Options.Position).getCommitPosition()) };
  }
  const stream = options.getStream() as ReadReq.Options.StreamOptions;
  if (stream.hasStart()) return { kind: 'start' };
  if (stream.hasEnd()) return { kind: 'end' };
  return { kind: 'after', value: BigInt(stream.getRevision()) };
}

export function readHandler(context: ServerContext) {
  return (call: ServerWritableStream<ReadReq, ReadResp>): void => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', faultError({ status: 'INVALID_ARGUMENT', details: 'a read needs its options' }, context.self()));
      return;
    }
    const method = methodOf(options);
    const fault = context.faults.take(method);
    if (fault) {
      call.emit('error', faultError(fault, context.self()));
      return;
    }
    if (method === 'subscribeToAll' || method === 'subscribeToStream') {
      const start = subscriptionStart(options);
      const source =
        method === 'subscribeToAll'
          ? allSource(context.log, start)
          : streamSource(context.log, streamName((options.getStream() as ReadReq.Options.StreamOptions).getStreamIdentifier()), start);
      context.subscriptions.serve(call, source, method === 'subscribeToAll' ? parseFilter(options) : undefined);
      return;
    }
    void serveRead(context, call, options, method);
  };
}

async function serveRead(context: ServerContext, call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options, method: EsdbMethod): Promise<void> {
  const writer = new FlowControlledWriter(call);
  const untrack = context.track((error) => {
    writer.close();
    call.emit('error', error);
  });
  try {
    let events: Iterable<StoredEsdbEvent>;
    if (method === 'readStream') {
      const identifier = (options.getStream() as ReadReq.Options.StreamOptions).getStreamIdentifier();
      const streamId = streamName(identifier);
      if (!context.log.streamEvents(streamId)?.length) {
        await writer.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId))));
        if (!writer.isClosed) call.end();
        return;
      }
      events = streamRead(context, options, streamId);
    } else {
      events = allRead(context, options);
    }
    let left = BigInt(options.getCount() || '0');
    for (const event of events) {
      if (left <= 0n) break;
      if (!(await writer.write(eventResponse(event)))) return;
      left -= 1n;
    }
    if (!writer.isClosed) call.end();
  } finally {
    untrack();
  }
}
