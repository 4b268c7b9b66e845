import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rag-ledger/event-store';
import { actorOf } from '../auth/principal';
import { CLOCK, type Clock } from './clock';
import type { CommandContext, CommandResult } from './command-context';
import { StreamStateCache } from './stream-state-cache';
import { WritePath, type DomainEvent, type StreamCommand } from './write-path/write-path';
import type { WriteContext } from './write-path/write-context';

export type { DomainEvent, StreamCommand } from './write-path/write-path';

/** The request's context as the write path takes it: the actor from the verified token. */
export function writeContextOf(context: CommandContext): WriteContext {
  return {
    actor: actorOf(context.principal),
    correlationId: context.correlationId,
    idempotencyKey: context.idempotencyKey,
    expectedRevision: context.expectedRevision,
  };
}

/**
 * The server's handle on the write path (see WritePath): every command handler, the import
 * included, writes through this one instance and its cache of folded states.
 */
@Injectable()
export class StreamCommandExecutor {
  readonly writePath: WritePath;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock, cache: StreamStateCache) {
    this.writePath = new WritePath(store, clock, cache);
  }

  execute<State, Event extends DomainEvent>(command: StreamCommand<State, Event>, context: CommandContext): Promise<CommandResult> {
    return this.writePath.execute(command, writeContextOf(context));
  }
}
