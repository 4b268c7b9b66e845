import { randomUUID } from 'node:crypto';
import type { Decider, EventMetadata } from '@rag-ledger/domain';
import {
  DuplicateEventIdError,
  NO_STREAM,
  readStreamOrEmpty,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type RecordedEvent,
  type StreamFold,
} from '@rag-ledger/event-store';
import type { Clock } from './clock';
import { IdempotencyKeyReusedError, keyedEventId, requestFingerprint, sameRequest } from './idempotency';
import { appendAtomically, appendsAtomically, type StreamAppendRequest } from './multi-stream-append';
import { RevisionMismatchError } from './revision-mismatch.error';
import { StreamStates } from './stream-states';
import type { CommandResult, WriteContext } from './write-context';

/** Without If-Match a lost race is retried on the new state; the bound only stops a livelock. */
const MAX_ATTEMPTS = 100;

export interface DomainEvent {
  type: string;
  data: object;
}

/** How one command on one stream is carried out, beside the decider's own rules. */
export interface HandleOptions<State> {
  /** Throws when the caller may not change this entity; called on the state read, before deciding. */
  authorize?: (state: State) => void;
  /**
   * What was asked, when the command carries more than the caller sent (the plan an action is
   * added to, an id derived from the key): a repeat under the same Idempotency-Key must ask
   * exactly this, or it is refused. The command itself otherwise.
   */
  request?: unknown;
}

/** One command's identity: the id that names it in every event, and the hash of what it asked. */
export interface CommandIdentity {
  causationId: string;
  /** Only under an Idempotency-Key. */
  fingerprint?: string;
}

/** Appends of one decision over many streams that did not all get written (a store that is not atomic). */
export class PartialWriteError extends Error {
  override readonly name = 'PartialWriteError';
  constructor(
    /** How many of the appends were written, in order, before the failure. */
    readonly written: number,
    override readonly cause: unknown,
  ) {
    super(`only ${written} of the appends were written: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Marks every event this write path writes carries in its metadata, beside the command's own:
 * `{ demo: true }` for the invented history `npm run demo` plays, so it can always be told apart.
 */
export type MetadataMarks = Pick<EventMetadata, 'demo'>;

/**
 * The one way a decision becomes events, for the API and the command line alike (no
 * framework here): load the state, decide, append at the revision read, with the same
 * metadata (actor, time, correlation id, the command's causation id, the idempotency key
 * and the request's fingerprint). A concurrent change is never overwritten: with If-Match
 * the caller hears 409, without it the command is decided again on the new state.
 */
export class WritePath {
  constructor(
    readonly store: EventStore,
    private readonly clock: Clock,
    private readonly cache: StreamStates = new StreamStates(),
    private readonly marks: MetadataMarks = {},
  ) {}

  /** Whether appendMany writes all its streams or none (the embedded store) or one after another. */
  get atomic(): boolean {
    return appendsAtomically(this.store);
  }

  /** A new command's identity; under an Idempotency-Key, `request` is what a repeat must ask again. */
  identify(context: WriteContext, request: unknown, causationId: string = randomUUID()): CommandIdentity {
    return { causationId, ...(context.idempotencyKey !== undefined ? { fingerprint: requestFingerprint(request) } : {}) };
  }

  metadata(context: WriteContext, identity: CommandIdentity): EventMetadata {
    const metadata: EventMetadata = {
      actor: context.actor,
      at: this.clock.now().toISOString(),
      correlationId: context.correlationId,
      causationId: identity.causationId,
    };
    if (context.idempotencyKey !== undefined) metadata.idempotencyKey = context.idempotencyKey;
    if (identity.fingerprint !== undefined) metadata.requestFingerprint = identity.fingerprint;
    if (this.marks.demo) metadata.demo = true;
    return metadata;
  }

  /**
   * One command on the stream of the entity `id`, by that feature's decider: e.g.
   * `writePath.handle(actionDecider, actionId, command, context, { authorize })`.
   */
  async handle<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    id: string,
    command: Command,
    context: WriteContext,
    options: HandleOptions<State> = {},
  ): Promise<CommandResult> {
    const streamId = decider.streamOf(id);
    const key = context.idempotencyKey;
    const idFor = (index: number) => (key === undefined ? randomUUID() : keyedEventId(context.actor.id, key, index));
    // One command, one causation id: every attempt and every event of it carry the same.
    const identity = this.identify(context, { streamId, request: options.request ?? command });

    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, streamId, context, idFor, identity);
      if ('earlier' in loaded) return { id, ...loaded.earlier };
      const { state, current } = loaded;
      options.authorize?.(state);
      if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
        throw new RevisionMismatchError(context.expectedRevision, current);
      }
      const events = decider.decide(command, state);
      // Nothing happened (a rule that allows it): nothing is written, the stream is answered as it is.
      if (events.length === 0) return { id, ...(await this.lastEventOf(streamId, current)) };
      const metadata = this.metadata(context, identity);
      try {
        const result = await this.store.appendToStream(
          streamId,
          events.map((event, i) => ({ id: idFor(i), type: event.type, data: event.data, metadata })),
          { expectedRevision: current ?? NO_STREAM },
        );
        if (key === undefined) {
          this.cache.set(streamId, decider.evolve, result.nextExpectedRevision, events.reduce(decider.evolve, state));
        } else {
          // A concurrent twin with the same key may have written first (the store then answers
          // with its result and writes nothing), so the state is read again next time, and the
          // twin must have asked the same.
          this.cache.delete(streamId);
          await this.confirmSameRequest(streamId, result, events.length, identity);
        }
        return { id, revision: Number(result.nextExpectedRevision), position: Number(result.position) };
      } catch (error) {
        this.cache.delete(streamId);
        if (error instanceof DuplicateEventIdError && key !== undefined) throw new IdempotencyKeyReusedError();
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedRevision !== undefined) throw new RevisionMismatchError(context.expectedRevision, error.actualVersion);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The current state of the entity `id`, as the next command would decide on it (from the
   * cache plus whatever was written since, by this process or another). Sign-in reads the
   * directory of people this way, so a right revoked a moment ago is gone on the next request.
   */
  async stateOf<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, id: string): Promise<{ state: State; revision: bigint | undefined }> {
    return this.folded(decider, decider.streamOf(id));
  }

  private async folded<State, Event extends DomainEvent>(decider: Decider<State, unknown, Event>, streamId: string): Promise<{ state: State; revision: bigint | undefined }> {
    const cached = this.cache.get<State>(streamId, decider.evolve);
    const { state, revision } = await this.store.aggregateStream(streamId, decider as StreamFold<State, Event>, cached && { after: cached });
    if (revision !== undefined && revision !== cached?.revision) this.cache.set(streamId, decider.evolve, revision, state);
    return { state, revision };
  }

  /**
   * The appends of one decision over several streams (an import), each at the revision read.
   * On a store that appends atomically: in one call, all or nothing. Otherwise one stream after
   * another, and a failure part-way throws PartialWriteError saying how many were written (the
   * caller derives the events' ids so that running the same decision again writes none twice).
   */
  async appendMany(
    appends: StreamAppendRequest[],
    context: WriteContext,
    onWritten?: (index: number, result: AppendResult) => void,
  ): Promise<AppendResult[]> {
    const key = context.idempotencyKey;
    try {
      if (this.atomic) {
        const results = await appendAtomically(this.store, appends);
        results.forEach((result, i) => onWritten?.(i, result));
        return results;
      }
      const results: AppendResult[] = [];
      for (const [i, append] of appends.entries()) {
        try {
          results.push(await this.store.appendToStream(append.streamId, append.events, { expectedRevision: append.expectedRevision ?? NO_STREAM }));
        } catch (error) {
          if (i === 0) throw error;
          throw new PartialWriteError(i, error);
        }
        onWritten?.(i, results[i]);
      }
      return results;
    } catch (error) {
      if (error instanceof DuplicateEventIdError && key !== undefined) throw new IdempotencyKeyReusedError();
      throw error;
    }
  }

  /**
   * The stream's state and revision: folded by the store (aggregateStream) from the cache plus
   * the events written since, or, when an idempotency key must be looked for among the
   * stream's event ids, from the whole stream read here.
   */
  private async load<State, Event extends DomainEvent>(
    decider: Decider<State, unknown, Event>,
    streamId: string,
    context: WriteContext,
    idFor: (index: number) => string,
    identity: CommandIdentity,
  ): Promise<{ state: State; current: bigint | undefined } | { earlier: { revision: number; position: number } }> {
    if (context.idempotencyKey === undefined) {
      // No key to look for among the stream's event ids: the store folds the stream through
      // the decider, from the cached state when there is one (only the events since are read).
      const { state, revision } = await this.folded(decider, streamId);
      return { state, current: revision };
    }
    // Under a key, the whole stream is read: the key's events are found by their ids.
    const events = await readStreamOrEmpty(this.store, streamId);
    const earlier = findEarlierAnswer(events, idFor);
    if (earlier) {
      if (!sameRequest(earlier.first.metadata, identity.fingerprint as string)) throw new IdempotencyKeyReusedError();
      return { earlier: { revision: Number(earlier.last.revision), position: Number(earlier.last.position) } };
    }
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
    if (events.length === 0) return { state, current: undefined };
    const current = events[events.length - 1].revision;
    this.cache.set(streamId, decider.evolve, current, state);
    return { state, current };
  }

  /** The revision and position of the stream's last event; -1 for both when it has none. */
  private async lastEventOf(streamId: string, current: bigint | undefined): Promise<{ revision: number; position: number }> {
    const [last] = current === undefined ? [] : await readStreamOrEmpty(this.store, streamId, { fromRevision: current, maxCount: 1 });
    return last ? { revision: Number(last.revision), position: Number(last.position) } : { revision: -1, position: -1 };
  }

  /** After a keyed append: the events now at those revisions were written for this same request. */
  private async confirmSameRequest(streamId: string, result: AppendResult, count: number, identity: CommandIdentity): Promise<void> {
    const first = result.nextExpectedRevision - BigInt(count - 1);
    const [stored] = await readStreamOrEmpty(this.store, streamId, { fromRevision: first, maxCount: 1 });
    if (stored && !sameRequest(stored.metadata, identity.fingerprint as string)) throw new IdempotencyKeyReusedError();
  }
}

/** The events of this idempotency key, when they were written before: the first (its request) and the last (its answer). */
function findEarlierAnswer(history: RecordedEvent[], idFor: (index: number) => string): { first: RecordedEvent; last: RecordedEvent } | undefined {
  const byId = new Map(history.map((e) => [e.id, e]));
  const first = byId.get(idFor(0));
  if (!first) return undefined;
  let last = first;
  for (let i = 1; byId.has(idFor(i)); i++) last = byId.get(idFor(i)) as RecordedEvent;
  return { first, last };
}
