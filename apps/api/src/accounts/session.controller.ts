import { Body, Controller, Delete, Get, HttpCode, HttpException, HttpStatus, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SessionAnswer } from '@rag-ledger/contract';
import { personByEmail } from '@rag-ledger/domain';
import { PasswordSignIn, Sessions } from '@rag-ledger/identity';
import { CurrentIdentity, Public, SignedIn } from '../auth/decorators';
import type { RequestIdentity } from '../auth/identity';
import { Directory, rightsView, sessionPersonOf } from './directory';
import { SignInDto } from './dto/accounts.dto';
import { clearSessionCookie } from './session-cookie';
import { SessionStarter } from './session-starter';
import { SIGN_IN_MESSAGES } from './sign-in-messages';

const SESSION_EXAMPLE = {
  person: { id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.gov.uk' },
  rights: [{ role: 'board' }, { role: 'owner', planId: 'EDU' }],
  csrfToken: 'q5m0Xb3...',
  expiresAt: '2013-11-21T21:00:00.000Z',
  idleExpiresAt: '2013-11-21T09:30:00.000Z',
};

/** Signing in with a password, the session it gives, and signing out (which ends it on the server). */
@ApiTags('sign-in')
@Controller('session')
export class SessionController {
  constructor(
    private readonly signIn: PasswordSignIn,
    private readonly starter: SessionStarter,
    private readonly sessions: Sessions,
    private readonly directory: Directory,
  ) {}

  @Post()
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign in with email and password: 204 with the session cookie (httpOnly, SameSite=Lax)' })
  @ApiResponse({ status: 204, description: 'Signed in; read GET /api/session for the CSRF token' })
  @ApiResponse({ status: 401, description: 'Wrong email or password (one message for both), or the account is deactivated' })
  @ApiResponse({ status: 429, description: 'Too many wrong passwords: locked, see Retry-After' })
  async create(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const person = personByEmail(await this.directory.current(), dto.email);
    const outcome = await this.signIn.attempt(dto.email, dto.password, person?.id);
    if (outcome.kind === 'locked') {
      response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: SIGN_IN_MESSAGES.locked(outcome.retryAfterSeconds) },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (outcome.kind === 'refused') throw new UnauthorizedException(SIGN_IN_MESSAGES.wrongEmailOrPassword);
    await this.starter.start(request, response, outcome.personId);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The session: who you are, the rights you hold now, the CSRF token to send on changes, and when it ends' })
  @ApiResponse({ status: 200, description: 'OK', schema: { example: SESSION_EXAMPLE } })
  @ApiResponse({ status: 401, description: 'No session (or it has ended)' })
  read(@CurrentIdentity() identity: RequestIdentity): SessionAnswer {
    if (identity.kind !== 'session') throw new UnauthorizedException(SIGN_IN_MESSAGES.noSession);
    return {
      person: sessionPersonOf(identity.person),
      rights: rightsView(identity.person),
      csrfToken: identity.session.csrfToken,
      expiresAt: identity.session.expiresAt,
      idleExpiresAt: identity.session.idleExpiresAt,
    };
  }

  @Delete()
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: the session ends on the server and the cookie is cleared (send X-CSRF-Token)' })
  @ApiResponse({ status: 204, description: 'Signed out' })
  @ApiResponse({ status: 401, description: 'No session (it had ended already: the cookie is cleared)' })
  @ApiResponse({ status: 403, description: 'Without the session\'s X-CSRF-Token: another site cannot sign you out' })
  signOut(@CurrentIdentity() identity: RequestIdentity, @Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    if (identity.kind === 'session') this.sessions.end(identity.sessionId);
    clearSessionCookie(request, response);
  }
}
