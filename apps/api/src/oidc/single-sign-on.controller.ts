import { STATUS_CODES } from 'node:http';
import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { IgnoresMinPosition } from '../common/read-your-writes.interceptor';
import { PENDING_LOGIN_COOKIE, PENDING_LOGIN_TTL_MS } from './pending-login';
import { LOGIN_PATH, SignInRefusal, SingleSignOn } from './single-sign-on';

/** Where a person lands once signed in, and where a refused sign-in sends them (the web board's pages). */
export const SIGNED_IN_PAGE = '/#/me';
export const SIGN_IN_PAGE = '/#/sign-in';

/** A refusal as API clients read it, in the shape of every other error of the API. */
const refusal = (statusCode: number, message: string) => ({ statusCode, error: STATUS_CODES[statusCode], message });

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
  @ApiOperation({ summary: 'The sign-in methods offered: password, and single sign-on when configured (null otherwise)' })
  @ApiResponse({ status: 200, description: 'OK', schema: { example: { password: true, sso: { label: 'Sign in with Microsoft', loginUrl: LOGIN_PATH } } } })
  methods() {
    const label = this.sso.label;
    return { password: true, sso: label === undefined ? null : { label, loginUrl: LOGIN_PATH } };
  }

  /** 302 to the provider's sign-in page, with the pending login in a sealed 10-minute cookie. */
  @Get('oidc/login')
  @Public()
  @IgnoresMinPosition()
  @ApiOperation({ summary: "Single sign-on: 302 to the provider's sign-in page, with the pending sign-in in a 10-minute httpOnly cookie" })
  @ApiResponse({ status: 302, description: "To the provider's authorisation endpoint (code flow, PKCE S256, state, nonce)" })
  @ApiResponse({ status: 404, description: 'Single sign-on is not configured', schema: { example: refusal(404, 'Single sign-on is not set up on this tracker: sign in with your email and password.') } })
  @ApiResponse({ status: 503, description: 'The provider cannot be reached (asked again on the next sign-in)' })
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
  @ApiOperation({ summary: 'Single sign-on: where the provider sends the person back; a session starts and 302 to /#/me' })
  @ApiResponse({ status: 302, description: 'Signed in (the session cookie is set): to /#/me; or, for a browser (Accept: text/html), refused: to /#/sign-in?error=<message>' })
  @ApiResponse({ status: 400, description: 'Not the state this browser was given, no pending sign-in, or a code the provider refused (used already)' })
  @ApiResponse({
    status: 403,
    description: 'The provider did not verify the email, nobody in the directory has it, or the person is deactivated',
    schema: { example: refusal(403, "Nobody with the email zed@council.gov.uk is in the tracker's directory of people. Ask an administrator to add you.") },
  })
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
    response.status(error.status).json(refusal(error.status, error.message));
  }
}

/**
 * httpOnly; SameSite=Lax, as the provider sends the person back with a top-level GET from its
 * own site; only the single sign-on routes; Secure when the request came over TLS (as the
 * session cookie).
 */
const pendingLoginCookie = (request: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/api/auth/oidc' });
