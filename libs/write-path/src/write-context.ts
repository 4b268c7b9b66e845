import type { Actor } from '@rag-ledger/domain';

/** Who writes, and how: what every event of one command carries, from the API or the command line alike. */
export interface WriteContext {
  actor: Actor;
  /** The request (or command-line run) that led to the write; every event carries it. */
  correlationId: string;
  /** A repeat with the same key answers the first answer and writes nothing. */
  idempotencyKey?: string;
  /** The revision the caller last saw (If-Match): a single-stream command is refused if it moved. */
  expectedRevision?: bigint;
}

export interface CommandResult {
  id: string;
  revision: number;
  position: number;
}
