/**
 * An in-memory stand-in for @eventstore/db-client, since no EventStoreDB server can run here.
 * It reproduces what the adapter has to compensate for (documented server behaviour): system
 * events in `$all`, backwards `$all` reads that exclude the event at the start position,
 * exclusive subscription starts, errors carrying the client's `type`, a subscription that is a
 * Readable piped from a gRPC stream (so pausing it holds the sender back), and the 'caughtUp'
 * message of servers from 23.10. Used by eventstoredb-adapter.spec.ts and the read contract.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { convertToCommandError, type Filter, type Position as EsdbPosition, type ResolvedEvent } from '@eventstore/db-client';
import { Metadata, type status as Status } from '@grpc/grpc-js';
import { callErrorFromStatus } from '@grpc/grpc-js/build/src/call';
import type { EsdbClient } from '@rag-ledger/event-store';

/**
 * A failed call as the real client hands it over: grpc-js builds the ServiceError from the
 * call's status (callErrorFromStatus, as for every call that ends badly) and the client turns
 * it into its typed error by the server's `exception` metadata, else by the status code
 * (convertToCommandError, what its subscriptions and appends do with every error).
 */
export function clientErrorFromServer(code: Status, details: string, metadata: Record<string, string> = {}): Error {
  const md = new Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return convertToCommandError(callErrorFromStatus({ code, details, metadata: md }, 'at the stand-in'));
}

// ---------------------------------------------------------------------------
// The stand-in

interface ProposedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

interface Stored {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  position: bigint;
  created: Date;
}

type Wire =
  | { kind: 'event'; event: Stored }
  | { kind: 'caughtUp' }
  | { kind: 'checkpoint'; position: bigint }
  | { kind: 'confirmation' }
  // The call ends with an error, in its place after the messages before it.
  | { kind: 'error'; error: Error };

const clientError = (type: string, fields: object = {}) => Object.assign(new Error(`client error: ${type}`), { type }, fields);

function toResolved(e: Stored): ResolvedEvent {
  return {
    event: {
      streamId: e.streamId,
      id: e.id,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      isJson: true,
      created: e.created,
      position: { commit: e.position, prepare: e.position },
    } as ResolvedEvent['event'],
    commitPosition: e.position,
  };
}

function serverFilterMatches(filter: Filter | undefined, e: Stored): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? e.streamId : e.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

/** The client's Subscription: a Transform fed by a "gRPC" stream that honours back-pressure. */
class FakeSubscription extends Transform {
  readonly wire = new PassThrough({ objectMode: true, highWaterMark: 16 });
  sent = 0;
  /** The kinds of the messages the client side has taken in, in order (what it has seen of the server). */
  readonly receivedKinds: Wire['kind'][] = [];
  unsubscribed = false;
  private readonly pending: Wire[] = [];
  private pumping = false;

  constructor(private readonly serverFilter: Filter | undefined) {
    super({ objectMode: true });
    this.wire.pipe(this);
  }

  override async _transform(message: Wire, _encoding: string, next: TransformCallback): Promise<void> {
    this.receivedKinds.push(message.kind);
    if (message.kind === 'confirmation') this.emit('confirmation');
    if (message.kind === 'caughtUp') this.emit('caughtUp');
    if (message.kind === 'checkpoint' && this.serverFilter?.checkpointReached) {
      await this.serverFilter.checkpointReached(this as never, { commit: message.position, prepare: 0n });
    }
    if (message.kind === 'event') return next(null, toResolved(message.event));
    if (message.kind === 'error') {
      this.unsubscribed = true;
      this.emit('error', message.error);
    }
    next();
  }

  send(messages: Wire[]): void {
    this.pending.push(...messages);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    while (this.pending.length > 0 && !this.unsubscribed) {
      const message = this.pending.shift() as Wire;
      this.sent++;
      if (!this.wire.write(message)) await new Promise((resolve) => this.wire.once('drain', resolve));
    }
    this.pumping = false;
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.wire.unpipe(this);
    this.wire.destroy();
  }
}

export interface FakeOptions {
  /** Servers from 23.10 send 'caughtUp'; older ones do not. */
  sendsCaughtUp?: boolean;
  /** Filtered subscriptions get a checkpoint at the last position scanned during catch-up. */
  sendsCheckpoints?: boolean;
}

export class FakeEventStoreDb {
  readonly log: Stored[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly subscribeCalls: Array<EsdbPosition | 'start' | 'end'> = [];
  cancelledReads = 0;
  disposed = false;
  /** The next subscribe calls fail, each with `subscribeFault.error()`, after a confirmation when `confirmFirst`. */
  failNextSubscribes = 0;
  subscribeFault: { error: () => Error; confirmFirst: boolean } = { error: () => clientError('unavailable'), confirmFirst: false };
  /** The next appends fail with these, in order; `afterWrite`: the events are stored first (the answer was lost). */
  readonly appendFaults: Array<{ error: Error; afterWrite?: boolean }> = [];
  /** Every append received, with the ids it carried (a retry shows as a second call). */
  readonly appendCalls: Array<{ streamName: string; ids: string[] }> = [];
  private nextPosition = 1_000n;

  constructor(private readonly options: FakeOptions = { sendsCaughtUp: true, sendsCheckpoints: true }) {
    // A fresh server writes a few system events of its own.
    this.write('$settings', [{ type: '$settings', data: {} }]);
    this.write('$scavenges', [{ type: '$scavengeIndexInitialized', data: {} }]);
  }

  /** Appends as the server does, after the checks; also used for system events. */
  write(streamId: string, events: Array<{ id?: string; type: string; data: unknown; metadata?: unknown }>): Stored[] {
    const last = this.lastRevision(streamId);
    let revision = last === undefined ? 0n : last + 1n;
    const stored = events.map((e) => {
      // Record sizes differ, so positions are not consecutive numbers.
      const position = this.nextPosition;
      this.nextPosition += 120n + BigInt(JSON.stringify(e.data ?? null).length);
      return { streamId, revision: revision++, id: e.id ?? randomUUID(), type: e.type, data: e.data, metadata: e.metadata, position, created: new Date() };
    });
    this.log.push(...stored);
    for (const subscription of this.subscriptions) {
      if (!subscription.unsubscribed) {
        subscription.send(stored.filter((e) => serverFilterMatches(subscriptionFilter.get(subscription), e)).map((event) => ({ kind: 'event' as const, event })));
      }
    }
    return stored;
  }

  /** An append as the server answers it: idempotent on event ids, checked against the expected revision. */
  append(streamName: string, list: ProposedEvent[], expected: unknown) {
    const stream = this.log.filter((e) => e.streamId === streamName);
    const current = this.lastRevision(streamName);
    // Idempotency: the same ids already at the same place in this stream.
    const at = stream.findIndex((e) => e.id === list[0].id);
    if (at >= 0) {
      const same = list.every((e, i) => stream[at + i]?.id === e.id);
      if (!same) throw clientError('wrong-expected-version', { streamName, expectedVersion: expected, actualVersion: current ?? 'no_stream' });
      const last = stream[at + list.length - 1];
      return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      expected === current;
    if (!ok) throw clientError('wrong-expected-version', { streamName, expectedVersion: expected, actualVersion: current ?? 'no_stream' });
    const stored = this.write(streamName, list);
    const last = stored[stored.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  lastRevision(streamId: string): bigint | undefined {
    const events = this.log.filter((e) => e.streamId === streamId);
    return events.length === 0 ? undefined : events[events.length - 1].revision;
  }

  /** Drops every open subscription as a lost connection would. */
  dropSubscriptions(error: Error): void {
    for (const subscription of this.subscriptions) {
      if (subscription.unsubscribed) continue;
      void subscription.unsubscribe();
      subscription.emit('error', error);
    }
  }

  client(): EsdbClient {
    const fake = this;
    const readable = (events: Stored[]) => {
      const stream = Readable.from(events.map(toResolved)) as Readable & { cancel(): Promise<void> };
      stream.cancel = async () => {
        fake.cancelledReads++;
        stream.destroy();
      };
      return stream;
    };
    const client = {
      async appendToStream(streamName: string, events: any, options: { expectedRevision?: unknown } = {}) {
        const list = (Array.isArray(events) ? events : [events]) as ProposedEvent[];
        fake.appendCalls.push({ streamName, ids: list.map((e) => e.id) });
        const expected = options.expectedRevision ?? 'any';
        const fault = fake.appendFaults.shift();
        if (fault) {
          if (fault.afterWrite) fake.append(streamName, list, expected);
          throw fault.error;
        }
        return fake.append(streamName, list, expected);
      },

      readStream(streamName: string, options: { direction?: string; fromRevision?: unknown; maxCount?: number | bigint } = {}) {
        let events = fake.log.filter((e) => e.streamId === streamName);
        if (events.length === 0) {
          const failing = new Readable({ objectMode: true, read() { this.destroy(clientError('stream-not-found')); } }) as Readable & { cancel(): Promise<void> };
          failing.cancel = async () => undefined;
          return failing;
        }
        const backwards = options.direction === 'backwards';
        const from = options.fromRevision ?? (backwards ? 'end' : 'start');
        if (typeof from === 'bigint') events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
        if (backwards) events = [...events].reverse();
        return readable(events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)));
      },

      readAll(options: { direction?: string; fromPosition?: EsdbPosition | 'start' | 'end'; maxCount?: number | bigint } = {}) {
        const backwards = options.direction === 'backwards';
        const from = options.fromPosition ?? (backwards ? 'end' : 'start');
        let events = [...fake.log];
        if (typeof from === 'object') {
          // Forwards includes the event at the position; backwards, like EventStoreDB, does not.
          events = events.filter((e) => (backwards ? e.position < from.commit : e.position >= from.commit));
        } else if ((from === 'end' && !backwards) || (from === 'start' && backwards)) {
          events = [];
        }
        if (backwards) events.reverse();
        return readable(events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)));
      },

      subscribeToAll(options: { fromPosition?: EsdbPosition | 'start' | 'end'; filter?: Filter } = {}) {
        const from = options.fromPosition ?? 'start';
        fake.subscribeCalls.push(from);
        const subscription = new FakeSubscription(options.filter);
        subscriptionFilter.set(subscription, options.filter);
        const after = from === 'start' ? -1n : from === 'end' ? (fake.log.at(-1)?.position ?? -1n) : from.commit;
        const failing = fake.failNextSubscribes > 0;
        if (failing) fake.failNextSubscribes--;
        // The client opens its gRPC call asynchronously, so nothing reaches the subscription
        // before the caller has put its listeners on it.
        setImmediate(() => {
          if (subscription.unsubscribed) return;
          if (failing) {
            const { error, confirmFirst } = fake.subscribeFault;
            if (confirmFirst) subscription.send([{ kind: 'confirmation' }, { kind: 'error', error: error() }]);
            else subscription.emit('error', error());
            return;
          }
          // What is written from here on goes out live, after the past.
          fake.subscriptions.push(subscription);
          const past = fake.log.filter((e) => e.position > after);
          const messages: Wire[] = [{ kind: 'confirmation' }];
          messages.push(...past.filter((e) => serverFilterMatches(options.filter, e)).map((event) => ({ kind: 'event' as const, event })));
          if (options.filter && fake.options.sendsCheckpoints && past.length > 0) messages.push({ kind: 'checkpoint', position: past[past.length - 1].position });
          if (fake.options.sendsCaughtUp) messages.push({ kind: 'caughtUp' });
          subscription.send(messages);
        });
        return subscription;
      },

      async dispose() {
        fake.disposed = true;
      },
    };
    return client as unknown as EsdbClient;
  }
}

const subscriptionFilter = new WeakMap<FakeSubscription, Filter | undefined>();
