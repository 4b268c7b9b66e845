import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { JWT_ALGORITHM, principalFromClaims } from './tokens';

/**
 * Whether a request carries a valid admin token. Used before parsing the large
 * bodies of an import, so that only an admin can make the server read 20 MB; the
 * guard still authenticates and authorises the request as usual afterwards.
 */
export function adminTokenCheck(secret: string): (request: Request) => boolean {
  const key = createSecretKey(Buffer.from(secret));
  const jwt = new JwtService();
  return (request) => {
    const match = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match) return false;
    try {
      const claims = jwt.verify(match[1], { secret: key as unknown as Buffer, algorithms: [JWT_ALGORITHM] });
      return principalFromClaims(claims)?.roles.includes('admin') === true;
    } catch {
      return false;
    }
  };
}
