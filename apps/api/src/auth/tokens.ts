import { JwtService } from '@nestjs/jwt';

import { claimsFromPayload } from '@rag-ledger/contract';
import type { Role } from '@rag-ledger/domain';

import type { Principal, TokenClaims } from './principal';

export const JWT_ALGORITHM = 'HS256' as const;

export interface IssueTokenInput {
  user: string;
  name: string;
  role: Role;
  plans?: string[];
  /** The schools (URNs) of a `school` token, or a board member's named schools. */
  schools?: string[];
  /** Seconds, or a vercel/ms string such as '12h'. */
  expiresIn?: number | string;
}

export function issueToken(secret: string, input: IssueTokenInput): string {
  const claims: TokenClaims = { sub: input.user, name: input.name, role: input.role };
  if (input.plans && input.plans.length > 0) claims.plans = input.plans;
  if (input.schools && input.schools.length > 0) claims.schools = input.schools;
  return new JwtService().sign(claims, {
    secret,
    algorithm: JWT_ALGORITHM,
    expiresIn: (input.expiresIn ?? '12h') as never,
  });
}

/** Turns verified claims into a principal, refusing tokens whose claims are not ours. */
export function principalFromClaims(payload: Partial<TokenClaims>): Principal | undefined {
  const claims = claimsFromPayload(payload);
  return claims && { id: claims.sub, name: claims.name, roles: [claims.role], plans: claims.plans, schools: claims.schools };
}
