/**
 * Catch-up subscriptions (Streams.Read with subscription options), as EventStoreDB 23.10 and
 * later serve them: the `confirmation` first, then the past events after the start (starts are
 * *exclusive*: from a position, the events after it; from the end, only new ones), then the
 * `caught_up` message, then live events as they are appended.
 *
 * A filter (on the stream name or the event type; prefixes or a regex) is applied on the
 * server, and a filtered subscription sends `checkpoint` messages: after every
 * `checkpointIntervalMultiplier × window` records examined (the window is the filter's `max`,
 * or the server's read batch of 32 when the client asks for `count`), with the position of the
 * last record examined, so a consumer of a rare event can still move its checkpoint on.
 *
 * Writes wait for gRPC flow control (flow-control.ts). A test can end subscriptions from the
 * server's side with a status: at once, or each after it has sent so many more events.
 */
import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { serverError, statusCode, type ServerError } from './errors';
import type { EventLog } from './event-log';
import { FlowControlledWriter } from './flow-control';
import { eventResponse } from './messages';
import type { GrpcStatusName, StoredEsdbEvent } from './server.types';

/** Where a subscription starts: before everything, after the current end, or after a position (for $all) or revision (for a stream). */
export type SubscriptionStart = { kind: 'start' } | { kind: 'end' } | { kind: 'after'; value: bigint };

/** The events a subscription walks through, one at a time. */
export interface SubscriptionSource {
  /** The next event after the cursor (advancing it), or undefined when there is none yet. */
  next(): StoredEsdbEvent | undefined;
}

export function allSource(log: EventLog, start: SubscriptionStart): SubscriptionSource {
  let cursor = start.kind === 'start' ? -1n : start.kind === 'end' ? (log.lastPosition() ?? -1n) : start.value;
  return {
    next() {
      const event = log.at(log.firstIndexAtOrAfter(cursor + 1n));
      if (event) cursor = event.position;
      return event;
    },
  };
}

export function streamSource(log: EventLog, streamId: string, start: SubscriptionStart): SubscriptionSource {
  let cursor = start.kind === 'start' ? -1n : start.kind === 'end' ? (log.lastRevision(streamId) ?? -1n) : start.value;
  return {
    next() {
      const event = log.streamEvents(streamId)?.find((e) => e.revision > cursor);
      if (event) cursor = event.revision;
      return event;
    },
  };
}

export interface SubscriptionFilter {
  matches(event: StoredEsdbEvent): boolean;
  /** Records examined between two checkpoints. */
  checkpointInterval: number;
}

/** The server's read batch, the filter's search window when the client asks for `count`. */
const READ_BATCH_SIZE = 32;

export function parseFilter(options: ReadReq.Options): SubscriptionFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const prefixes = expression.getPrefixList();
  const regex = prefixes.length === 0 ? new RegExp(expression.getRegex()) : undefined;
  const window = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  return {
    matches(event) {
      const subject = onStream ? event.streamId : event.type;
      return regex ? regex.test(subject) : prefixes.some((p) => subject.startsWith(p));
    },
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

class OpenSubscription {
  private readonly writer: FlowControlledWriter<ReadResp>;
  private sent = 0;
  private dropAt: { sent: number; error: ServerError } | undefined;
  private ended = false;

  constructor(
    private readonly call: ServerWritableStream<ReadReq, ReadResp>,
    private readonly log: EventLog,
    private readonly source: SubscriptionSource,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly onEnded: () => void,
  ) {
    this.writer = new FlowControlledWriter(call);
    void this.writer.whenClosed().then(() => this.finish());
  }

  /** Ends the call from the server's side with the error status. */
  end(error: ServerError): void {
    if (this.ended) return;
    this.finish();
    this.writer.close();
    this.call.emit('error', error);
  }

  dropAfter(events: number, error: ServerError): void {
    this.dropAt = { sent: this.sent + events, error };
    if (events <= 0) this.end(error);
  }

  async run(): Promise<void> {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    if (!(await this.writer.write(new ReadResp().setConfirmation(confirmation)))) return;
    let caughtUp = false;
    let examined = 0;
    while (!this.ended) {
      const event = this.source.next();
      if (!event) {
        if (!caughtUp) {
          caughtUp = true;
          if (!(await this.writer.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
          continue;
        }
        await this.nextWriteOrClose();
        continue;
      }
      examined += 1;
      if (!this.filter || this.filter.matches(event)) {
        if (!(await this.writer.write(eventResponse(event)))) return;
        this.sent += 1;
        if (this.dropAt && this.sent >= this.dropAt.sent) return this.end(this.dropAt.error);
      }
      if (this.filter && examined % this.filter.checkpointInterval === 0) {
        const p = event.position.toString(10);
        if (!(await this.writer.write(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(p).setPreparePosition(p))))) return;
      }
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnded();
  }

  private nextWriteOrClose(): Promise<void> {
    return new Promise((resolve) => {
      let stop = () => undefined as unknown;
      const wake = () => {
        stop();
        resolve();
      };
      stop = this.log.onWrite(wake);
      void this.writer.whenClosed().then(wake);
    });
  }
}

export class Subscriptions {
  private readonly open = new Set<OpenSubscription>();
  private pendingDrop: { events: number; error: ServerError } | undefined;

  constructor(
    private readonly log: EventLog,
    private readonly track: (end: (error: ServerError) => void) => () => void,
  ) {}

  get count(): number {
    return this.open.size;
  }

  serve(call: ServerWritableStream<ReadReq, ReadResp>, source: SubscriptionSource, filter: SubscriptionFilter | undefined): void {
    let untrack = () => undefined as unknown;
    const subscription = new OpenSubscription(call, this.log, source, filter, () => {
      this.open.delete(subscription);
      untrack();
    });
    untrack = this.track((error) => subscription.end(error));
    this.open.add(subscription);
    if (this.pendingDrop) {
      subscription.dropAfter(this.pendingDrop.events, this.pendingDrop.error);
      this.pendingDrop = undefined;
    }
    void subscription.run();
  }

  dropAll(status: GrpcStatusName, details = `protocol server dropped the subscription: ${status}`): void {
    for (const subscription of [...this.open]) subscription.end(serverError(statusCode(status), details));
  }

  /**
   * Each open subscription ends with the status once it has sent `events` more events. With
   * none open, the next subscription to open takes it (a test can arm the drop before it subscribes).
   */
  dropAllAfter(events: number, status: GrpcStatusName, details = `protocol server dropped the subscription: ${status}`): void {
    const error = serverError(statusCode(status), details);
    if (this.open.size === 0) this.pendingDrop = { events, error };
    for (const subscription of this.open) subscription.dropAfter(events, error);
  }
}
