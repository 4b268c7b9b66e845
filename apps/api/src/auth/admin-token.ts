import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { Role } from '@rag-ledger/contract';
import { isPersonalToken, PersonalTokens, sameSecret, Sessions } from '@rag-ledger/identity';
import { Directory } from '../accounts/directory';
import { sessionIdOf } from '../accounts/session-cookie';
import { CSRF_HEADER } from './auth.guard';
import { JWT_ALGORITHM, principalFromClaims } from './tokens';

/** What the check needs to know a session or a personal token's person (the server's own services). */
export interface AdminCheckServices {
  sessions: Sessions;
  personalTokens: PersonalTokens;
  directory: Directory;
}

/**
 * Whether a request comes from an admin: a development token with the admin role, or a session
 * (with its CSRF token) or personal token of a person who is an active admin now. Used before
 * parsing the large bodies of an import, so that only an admin can make the server read 20 MB;
 * the guard still authenticates and authorises the request as usual afterwards.
 */
export function adminRequestCheck(secret: string, services: AdminCheckServices): (request: Request) => Promise<boolean> {
  return roleRequestCheck(secret, services, ['admin']);
}

/** The same check for any of these roles (the schools register's imports: officers and admins). */
export function roleRequestCheck(secret: string, services: AdminCheckServices, roles: readonly Role[]): (request: Request) => Promise<boolean> {
  const key = createSecretKey(Buffer.from(secret));
  const jwt = new JwtService();
  const isActiveHolder = async (personId: string) => {
    const person = await services.directory.person(personId);
    return person?.active === true && roles.some((role) => (person.roles as ReadonlySet<Role>).has(role));
  };
  return async (request) => {
    const match = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
    if (match && isPersonalToken(match[1])) {
      const record = services.personalTokens.authenticate(match[1]);
      return record !== undefined && (await isActiveHolder(record.personId));
    }
    if (match) {
      try {
        const claims = jwt.verify(match[1], { secret: key as unknown as Buffer, algorithms: [JWT_ALGORITHM] });
        return principalFromClaims(claims)?.roles.some((role) => roles.includes(role)) === true;
      } catch {
        return false;
      }
    }
    const sessionId = sessionIdOf(request);
    if (sessionId === undefined) return false;
    const session = services.sessions.resume(sessionId, { touch: false });
    const csrf = request.headers[CSRF_HEADER];
    if (!session || typeof csrf !== 'string' || !sameSecret(csrf, session.csrfToken)) return false;
    return isActiveHolder(session.personId);
  };
}
