import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@rag-ledger/domain';
import type { RequestIdentity } from './identity';
import type { Principal } from './principal';

export const IS_PUBLIC = 'rag-ledger:public';
export const ROLES = 'rag-ledger:roles';
export const SIGNED_IN = 'rag-ledger:signed-in';

/** The route needs no token (health, documentation). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles allowed on the route; without it (and without @SignedIn) the caller needs at least one role. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Anyone signed in or holding a token may call the route, with or without a role (their session, their tokens). */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);

/** How the guard knew the caller: a session, a personal token or a development token. */
export const CurrentIdentity = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestIdentity => context.switchToHttp().getRequest().identity,
);

/** When the caller's token expires, in ms since 1970 (undefined for a token without an expiry). */
export const TokenExpiresAt = createParamDecorator(
  (_: unknown, context: ExecutionContext): number | undefined => context.switchToHttp().getRequest().tokenExpiresAt,
);
