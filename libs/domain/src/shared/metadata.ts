import type { Role } from '@rag-ledger/contract';

/** The roles are part of the contract with the web board (libs/contract). */
export { ROLES, type Role } from '@rag-ledger/contract';

/** Who did it: taken from the verified token, never from a request body. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** Carried by every event. */
export interface EventMetadata {
  actor: Actor;
  /** When the change was made (ISO 8601). */
  at: string;
  /** The request that led to the change. */
  correlationId: string;
  /** The command that produced the event: one id per command, shared by all its events and streams. */
  causationId: string;
  idempotencyKey?: string;
  /** With an idempotency key: a hash of what the command asked, so a key reused for another request is refused. */
  requestFingerprint?: string;
  /** Written by `npm run demo`: invented history, which the web board flags with a banner while any is present. */
  demo?: true;
}
