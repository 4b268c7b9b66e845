import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { holdsAnyRole } from '@rag-ledger/contract';
import type { Role } from '@rag-ledger/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JWT_SECRET } from './auth.constants';
import { IS_PUBLIC, ROLES } from './decorators';
import { failedAuthLimiterFor, type FailedAuthLimiter } from './failed-auth-limiter';
import { JWT_ALGORITHM, principalFromClaims } from './tokens';

/**
 * Every route needs a valid bearer token unless marked @Public(); @Roles narrows who may call it.
 * A refused token is 401, or 429 with Retry-After once its address has been refused
 * too often within a minute (RAG_LEDGER_AUTH_FAILURES_PER_MINUTE).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter: FailedAuthLimiter;
  /**
   * The secret as a key object, made once. Given a string, jsonwebtoken first tries
   * to read it as a PEM public key and only then as a secret, on every request: that
   * failed parse cost about 15% of the CPU of an authenticated request.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(JWT_SECRET) secret: string,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = failedAuthLimiterFor(config);
    this.key = createSecretKey(Buffer.from(secret));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) this.refuse(context, 'A bearer token is required (Authorization: Bearer <token>).');
    let claims: Record<string, unknown>;
    try {
      // JwtVerifyOptions types the secret as string | Buffer; jsonwebtoken takes a KeyObject as is.
      claims = await this.jwt.verifyAsync(match[1], { secret: this.key as unknown as Buffer, algorithms: [JWT_ALGORITHM] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      this.refuse(context, expired ? 'The token has expired: ask for a new one.' : 'The token is not valid.');
    }
    const principal = principalFromClaims(claims);
    if (!principal) this.refuse(context, 'The token does not name a user, a name and a known role.');
    request.principal = principal;
    // When the token stops being valid (ms since 1970), for answers that outlive the request: the live stream ends then.
    request.tokenExpiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !holdsAnyRole(principal, roles)) {
      throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  /** 401 with the reason, or 429 once this address has been refused too often in the last minute. */
  private refuse(context: ExecutionContext, message: string): never {
    const request = context.switchToHttp().getRequest();
    const address: string = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const retryAfter = this.limiter.recordFailure(address);
    if (retryAfter === undefined) throw new UnauthorizedException(message);
    context.switchToHttp().getResponse().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many refused tokens from your address in the last minute: try again in ${retryAfter} s with a valid token.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
