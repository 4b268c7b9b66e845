import { actingRole, type Caller } from '@rag-ledger/contract';
import type { Actor, Role } from '@rag-ledger/domain';

/**
 * The verified caller: who they are, every role they hold now, the plans they own and the schools named for them. From a
 * development token, one role; from a session or a personal API token, the rights the
 * directory of people gives them at the moment of the request.
 */
export interface Principal extends Caller {
  id: string;
  name: string;
  roles: Role[];
  plans: string[];
  /** The schools (URNs) their rights name: a headteacher's own school, a local member's division. */
  schools?: string[];
}

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  plans?: string[];
  schools?: string[];
}

/** Thrown where a change is about to be recorded for a caller who holds no role (the guard keeps them out first). */
export class NoRoleToActError extends Error {
  constructor() {
    super('A change needs a role to record it under, and this caller holds none.');
  }
}

/** The actor an event records: the caller, under the widest role they hold. */
export function actorOf(principal: Principal): Actor {
  const role = actingRole(principal);
  if (!role) throw new NoRoleToActError();
  return { id: principal.id, name: principal.name, role };
}
