import { actingRole, type Role } from '@rag-ledger/contract';
import type { WriteContext } from '@rag-ledger/write-path';
import { NoRoleToActError } from '../auth/principal';
import type { CommandContext } from '../common/command-context';
import { writeContextOf } from '../common/write-context-of';

/**
 * The write context of a register's change: the actor is recorded under the role the route
 * allowed (an officer who also owns a plan records a visit as the officer, not as the owner).
 */
export function schoolWriteContextOf(context: CommandContext, allowed: readonly Role[]): WriteContext {
  const write = writeContextOf(context);
  const role = actingRole(context.principal, allowed);
  if (!role) throw new NoRoleToActError();
  return { ...write, actor: { ...write.actor, role } };
}
