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
import type { Request, Response } from 'express';
import { holdsAnyRole, PLAN_READERS, ROLES as ALL_ROLES } from '@rag-ledger/contract';
import type { PersonState, Role } from '@rag-ledger/domain';
import { isPersonalToken, PersonalTokens, sameSecret, Sessions } from '@rag-ledger/identity';
import { Directory, principalOfPerson } from '../accounts/directory';
import { clearSessionCookie, sessionIdOf } from '../accounts/session-cookie';
import { SIGN_IN_MESSAGES } from '../accounts/sign-in-messages';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JWT_SECRET } from './auth.constants';
import { IS_PUBLIC, ROLES, SIGNED_IN } from './decorators';
import { failedAuthLimiterFor, type FailedAuthLimiter } from './failed-auth-limiter';
import type { RequestIdentity } from './identity';
import type { Principal } from './principal';
import { JWT_ALGORITHM, principalFromClaims } from './tokens';

/** Methods that change nothing: a session needs no CSRF token for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

interface Authenticated {
  principal: Principal;
  identity: RequestIdentity;
  /** When the credential stops working (ms since 1970), for answers that outlive the request. */
  expiresAt?: number;
}

/**
 * Every route needs a caller unless marked @Public(). A caller is known by, in this order:
 * - `Authorization: Bearer rlp_...`, a personal API token;
 * - `Authorization: Bearer <JWT>`, a development token (`npm run token`), with its one role;
 * - the session cookie of the web board, which must bring `X-CSRF-Token` on any request that
 *   changes something (403 otherwise).
 * A session or a personal token acts as its person with the rights the directory gives them at
 * this request: a right revoked, or the person deactivated, counts from the next request.
 *
 * Then: @SignedIn() routes take anyone so known; @Roles(...) narrows to those roles; any other
 * route needs at least one role. A refused credential is 401, or 429 with Retry-After once its
 * address has been refused too often within a minute (RAG_LEDGER_AUTH_FAILURES_PER_MINUTE).
 */
/** What a headteacher or chair hears from a route about the plans. */
export const SCHOOL_ROLE_ONLY_MESSAGE = "Your right is to your own school's page in the schools register; the council's improvement plans are not shared with schools.";

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
    private readonly sessions: Sessions,
    private readonly personalTokens: PersonalTokens,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limiter = failedAuthLimiterFor(config);
    this.key = createSecretKey(Buffer.from(secret));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const found = await this.authenticate(context, request);
    request.principal = found.principal;
    request.identity = found.identity;
    request.tokenExpiresAt = found.expiresAt;
    if (this.reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !holdsAnyRole(found.principal, roles)) {
      throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}.`);
    }
    if (!holdsAnyRole(found.principal, ALL_ROLES)) throw new ForbiddenException(SIGN_IN_MESSAGES.noRole);
    // A route that names no roles serves the plans: a headteacher's school role alone does not open it.
    if (!roles && !holdsAnyRole(found.principal, PLAN_READERS)) throw new ForbiddenException(SCHOOL_ROLE_ONLY_MESSAGE);
    return true;
  }

  private async authenticate(context: ExecutionContext, request: Request): Promise<Authenticated> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = header.match(/^Bearer\s+(\S+)$/i);
      if (!match) this.refuse(context, 'A bearer token is required (Authorization: Bearer <token>).');
      return isPersonalToken(match[1]) ? this.byPersonalToken(context, match[1]) : this.byDevelopmentToken(context, match[1]);
    }
    const sessionId = sessionIdOf(request);
    if (sessionId !== undefined) return this.bySession(context, request, sessionId);
    return this.refuse(context, 'A bearer token is required (Authorization: Bearer <token>), or sign in for a session.');
  }

  private async byDevelopmentToken(context: ExecutionContext, token: string): Promise<Authenticated> {
    let claims: Record<string, unknown>;
    try {
      // JwtVerifyOptions types the secret as string | Buffer; jsonwebtoken takes a KeyObject as is.
      claims = await this.jwt.verifyAsync(token, { secret: this.key as unknown as Buffer, algorithms: [JWT_ALGORITHM] });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      this.refuse(context, expired ? 'The token has expired: ask for a new one.' : SIGN_IN_MESSAGES.tokenNotValid);
    }
    const principal = principalFromClaims(claims);
    if (!principal) this.refuse(context, 'The token does not name a user, a name and a known role.');
    return { principal, identity: { kind: 'development-token' }, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined };
  }

  private async byPersonalToken(context: ExecutionContext, token: string): Promise<Authenticated> {
    const record = this.personalTokens.authenticate(token);
    if (!record) this.refuse(context, 'The token is not valid: it may have been revoked or have expired. Create a new one.');
    const person = await this.activePerson(context, record.personId);
    return {
      principal: principalOfPerson(person),
      identity: { kind: 'personal-token', person, tokenId: record.id },
      expiresAt: record.expiresAt === undefined ? undefined : this.onWallClock(record.expiresAt),
    };
  }

  private async bySession(context: ExecutionContext, request: Request, sessionId: string): Promise<Authenticated> {
    const response = context.switchToHttp().getResponse<Response>();
    const changes = !SAFE_METHODS.has(request.method.toUpperCase());
    // A change without its CSRF token does not count as activity: the idle expiry stays where it was.
    const session = this.sessions.resume(sessionId, { touch: !changes });
    if (!session) {
      clearSessionCookie(request, response);
      this.refuse(context, SIGN_IN_MESSAGES.sessionEnded);
    }
    const person = await this.activePerson(context, session.personId, () => clearSessionCookie(request, response));
    if (changes) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, session.csrfToken)) throw new ForbiddenException(SIGN_IN_MESSAGES.csrf);
      this.sessions.resume(sessionId);
    }
    return {
      principal: principalOfPerson(person),
      identity: { kind: 'session', person, sessionId, session },
      expiresAt: this.onWallClock(session.expiresAt),
    };
  }

  /**
   * An expiry the tracker's clock decides (sessions, personal tokens) as the wall-clock time the
   * live stream waits for (`tokenExpiresAt`, as a development token's `exp` is): the same
   * instant in production, and still hours away when tests run the tracker's clock in 2013.
   */
  private onWallClock(iso: string): number {
    return Date.now() + (Date.parse(iso) - this.clock.now().getTime());
  }

  /** The person as the directory has them now; one deactivated (or gone) is refused, and their sessions end. */
  private async activePerson(context: ExecutionContext, personId: string, onRefused?: () => void): Promise<PersonState> {
    const person = await this.directory.person(personId);
    if (person?.active) return person;
    this.sessions.endAllOf(personId);
    onRefused?.();
    return this.refuse(context, person ? SIGN_IN_MESSAGES.deactivated : SIGN_IN_MESSAGES.notInDirectory);
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
