import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@rag-ledger/domain';
import type { Principal } from './principal';

export const IS_PUBLIC = 'rag-ledger:public';
export const ROLES = 'rag-ledger:roles';

/** The route needs no token (health, documentation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles allowed on the route; without it any authenticated role is allowed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);

/** When the caller's token expires, in ms since 1970 (undefined for a token without an expiry). */
export const TokenExpiresAt = createParamDecorator(
  (_: unknown, context: ExecutionContext): number | undefined => context.switchToHttp().getRequest().tokenExpiresAt,
);
