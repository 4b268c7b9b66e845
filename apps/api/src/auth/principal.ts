import type { Actor, Role } from '@rag-ledger/domain';

/** The verified caller: an actor, and for owners the plans they may update. */
export interface Principal extends Actor {
  plans: string[];
}

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  plans?: string[];
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.id, name: principal.name, role: principal.role };
}
