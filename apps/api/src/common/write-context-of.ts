import type { WriteContext } from '@rag-ledger/write-path';
import { actorOf } from '../auth/principal';
import type { CommandContext } from './command-context';

/** The request's context as the write path takes it: the actor from the verified token. */
export function writeContextOf(context: CommandContext): WriteContext {
  return {
    actor: actorOf(context.principal),
    correlationId: context.correlationId,
    idempotencyKey: context.idempotencyKey,
    expectedRevision: context.expectedRevision,
  };
}
