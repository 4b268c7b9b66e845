import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { IgnoresMinPosition } from '../common/read-your-writes.interceptor';
import { PENDING_LOGIN_COOKIE, PENDING_LOGIN_TTL_MS } from './pending-login';
import { LOGIN_PATH, SignInRefusal, SingleSignOn } from './single-sign-on';

/** Where a person lands once signed in, and where a refused sign-in sends them (the web board's pages). */
export const SIGNED_IN_PAGE = '/#/me';
export const SIGN_IN_PAGE = '/#/sign-in';

/**
 * The sign-in methods the tracker offers, and single sign-on's two steps. All public: they
 * are how a person without a session gets one. A browser (Accept: text/html, as a page
 * navigation sends) that is refused is sent back to the sign-in page with the reason in
 * `?error=`; any other client gets the status (400, 403, 404, 503) and the reason as JSON.
 */
@ApiTags('sign-in')
@Controller('auth')
export class SingleSignOnController {
  constructor(private readonly sso: SingleSignOn) {}

  @Get('methods')
  @Public()
  @IgnoresMinPosition()
  @ApiOkResponse({ description: 'The sign-in methods: `{ password: true, sso: { label, loginUrl } | null }`.' })
  methods() {
    const label = this.sso.label;
    return { password: true, sso: label === undefined ? null : { label, loginUrl: LOGIN_PATH } };
  }

  /** 302 to the provider's sign-in page, with the pending login in a sealed 10-minute cookie. */
  @Get('oidc/login')
  @Public()
  @IgnoresMinPosition()
  @ApiExcludeEndpoint()
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    try {
      const { url, pendingLogin } = await this.sso.login();
      response.cookie(PENDING_LOGIN_COOKIE, pendingLogin, { ...pendingLoginCookie(request), maxAge: PENDING_LOGIN_TTL_MS });
      response.redirect(HttpStatus.FOUND, url);
    } catch (error) {
      this.refuse(request, response, error);
    }
  }

  /** The provider's answer: a session and 302 to the signed-in page, or a refusal that signs nobody in. */
  @Get('oidc/callback')
  @Public()
  @IgnoresMinPosition()
  @ApiExcludeEndpoint()
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    // The pending login is used once, whatever the outcome.
    response.clearCookie(PENDING_LOGIN_COOKIE, pendingLoginCookie(request));
    try {
      const query = new URL(request.originalUrl, 'http://tracker.invalid').search;
      await this.sso.callback(request, response, query, parseCookies(request.headers.cookie ?? '')[PENDING_LOGIN_COOKIE]);
      response.redirect(HttpStatus.FOUND, SIGNED_IN_PAGE);
    } catch (error) {
      this.refuse(request, response, error);
    }
  }

  private refuse(request: Request, response: Response, error: unknown): void {
    if (!(error instanceof SignInRefusal)) throw error;
    if (request.accepts(['json', 'html']) === 'html') {
      response.redirect(HttpStatus.FOUND, `${SIGN_IN_PAGE}?error=${encodeURIComponent(error.message)}`);
      return;
    }
    response.status(error.status).json({ statusCode: error.status, error: HttpStatus[error.status], message: error.message });
  }
}

/**
 * httpOnly; SameSite=Lax, as the provider sends the person back with a top-level GET from its
 * own site; only the single sign-on routes; Secure when the request came over TLS (as the
 * session cookie).
 */
const pendingLoginCookie = (request: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/api/auth/oidc' });
