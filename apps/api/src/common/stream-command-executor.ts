import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import {
  EVENT_STORE,
  NO_STREAM,
  readStreamOrEmpty,
  WrongExpectedVersionError,
  type EventStore,
  type RecordedEvent,
} from '@rag-ledger/event-store';
import type { EventMetadata } from '@rag-ledger/domain';
import { actorOf } from '../auth/principal';
import { CLOCK, type Clock } from './clock';
import type { CommandContext, CommandResult } from './command-context';
import { RevisionMismatchError } from './revision-mismatch.error';
import { StreamStateCache } from './stream-state-cache';

/** Namespace of the event ids derived from idempotency keys. */
const IDEMPOTENCY_NAMESPACE = '6f1c1e9e-6a2b-4d53-9a3e-3c1f3f0f5b7a';
/** Without If-Match a lost race is retried on the new state; the bound only stops a livelock. */
const MAX_ATTEMPTS = 100;

export interface DomainEvent {
  type: string;
  data: object;
}

export interface StreamCommand<State, Event extends DomainEvent> {
  streamId: string;
  /** The id answered to the caller (the plan's or the action's). */
  aggregateId: string;
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /** Throws a named DomainError when a rule is broken. */
  decide: (state: State) => Event | Event[];
  /** Throws when the caller may not change this aggregate; called before deciding. */
  authorize?: (state: State) => void;
}

/**
 * Load, decide, append: the one way a command becomes events. Appends at the
 * revision it read, so a concurrent change is never overwritten: with If-Match the
 * caller hears 409, without it the command is decided again on the new state.
 */
@Injectable()
export class StreamCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cache: StreamStateCache,
  ) {}

  async execute<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    context: CommandContext,
  ): Promise<CommandResult> {
    const idFor = (index: number) =>
      context.idempotencyKey === undefined
        ? randomUUID()
        : uuidv5(`${context.principal.id}\n${context.idempotencyKey}\n${command.streamId}\n${index}`, IDEMPOTENCY_NAMESPACE);

    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(command, context, idFor);
      if ('earlier' in loaded) return { id: command.aggregateId, ...loaded.earlier };
      const { state, current } = loaded;
      command.authorize?.(state);
      if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
        throw new RevisionMismatchError(context.expectedRevision, current);
      }
      const decided = command.decide(state);
      const events = Array.isArray(decided) ? decided : [decided];
      const metadata = this.metadata(context);
      try {
        const result = await this.store.appendToStream(
          command.streamId,
          events.map((event, i) => ({ id: idFor(i), type: event.type, data: event.data, metadata })),
          { expectedRevision: current ?? NO_STREAM },
        );
        if (context.idempotencyKey === undefined) {
          this.cache.set(command.streamId, command.evolve, result.nextExpectedRevision, events.reduce(command.evolve, state));
        } else {
          // A concurrent twin with the same key may have written first (the store then answers
          // with its result and writes nothing), so the state is read again next time.
          this.cache.delete(command.streamId);
        }
        return { id: command.aggregateId, revision: Number(result.nextExpectedRevision), position: Number(result.position) };
      } catch (error) {
        this.cache.delete(command.streamId);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedRevision !== undefined) throw new RevisionMismatchError(context.expectedRevision, error.actualVersion);
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The stream's state and revision: from the cache plus the events written since, or, when
   * an idempotency key must be looked for among the stream's events, from the whole stream.
   */
  private async load<State, Event extends DomainEvent>(
    command: StreamCommand<State, Event>,
    context: CommandContext,
    idFor: (index: number) => string,
  ): Promise<{ state: State; current: bigint | undefined } | { earlier: { revision: number; position: number } }> {
    const cached = context.idempotencyKey === undefined ? this.cache.get<State>(command.streamId, command.evolve) : undefined;
    const events = await readStreamOrEmpty(this.store, command.streamId, cached && { fromRevision: cached.revision + 1n });
    if (context.idempotencyKey !== undefined) {
      const earlier = findEarlierAnswer(events, idFor);
      if (earlier) return { earlier };
    }
    const state = events.reduce(
      (s, e) => command.evolve(s, { type: e.type, data: e.data } as Event),
      cached ? cached.state : command.initialState(),
    );
    if (events.length === 0) return { state, current: cached?.revision };
    const current = events[events.length - 1].revision;
    this.cache.set(command.streamId, command.evolve, current, state);
    return { state, current };
  }

  private metadata(context: CommandContext): EventMetadata {
    const metadata: EventMetadata = {
      actor: actorOf(context.principal),
      at: this.clock.now().toISOString(),
      correlationId: context.correlationId,
      causationId: randomUUID(),
    };
    if (context.idempotencyKey !== undefined) metadata.idempotencyKey = context.idempotencyKey;
    return metadata;
  }
}

/** The answer given when the events of this idempotency key were first written. */
function findEarlierAnswer(
  history: RecordedEvent[],
  idFor: (index: number) => string,
): { revision: number; position: number } | undefined {
  const byId = new Map(history.map((e) => [e.id, e]));
  let last: RecordedEvent | undefined;
  for (let i = 0; byId.has(idFor(i)); i++) last = byId.get(idFor(i));
  return last && { revision: Number(last.revision), position: Number(last.position) };
}
