import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DIRECTORY_ID, peopleDecider, personByEmail } from '@rag-ledger/domain';
import { WritePath } from '@rag-ledger/write-path';
import { SessionStarter } from '../accounts/session-starter';
import { JWT_SECRET } from '../auth/auth.constants';
import { CLOCK, type Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { publicUrlOf } from '../config/identity-config';
import { CodeRefusedError, OpenIdRelyingParty, ProviderUnavailableError } from './openid-relying-party';
import { PENDING_LOGIN_TTL_MS, PendingLoginSeal, type PendingLogin } from './pending-login';
import { verifiedEmailOf } from './verified-email';

export const LOGIN_PATH = '/api/auth/oidc/login';
export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** Why a sign-in with single sign-on did not happen: the status and the words the person reads. */
export class SignInRefusal extends Error {
  override readonly name = 'SignInRefusal';
  constructor(
    readonly status: HttpStatus,
    message: string,
  ) {
    super(message);
  }
}

const START_AGAIN = 'Start the sign-in again from the tracker.';
const PROVIDER_DOWN =
  "Your council's sign-in service cannot be reached just now. Try again in a few minutes, or sign in with your email and password.";

/**
 * Single sign-on with OpenID Connect: the login step (to the provider) and the callback
 * (back from it), ending in a session for the person of the directory whose email the
 * provider vouches for. Nobody is added to the directory here: an administrator adds people.
 */
@Injectable()
export class SingleSignOn {
  private readonly logger = new Logger('SingleSignOn');
  private readonly relyingParty?: OpenIdRelyingParty;
  private readonly seal: PendingLoginSeal;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(JWT_SECRET) secret: string,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly writePath: WritePath,
    private readonly sessions: SessionStarter,
  ) {
    this.seal = new PendingLoginSeal(secret);
    if (config.oidc) this.relyingParty = new OpenIdRelyingParty(config.oidc, `${publicUrlOf(config)}${CALLBACK_PATH}`);
  }

  /** The sign-in button's label, or undefined when single sign-on is not configured. */
  get label(): string | undefined {
    return this.relyingParty?.settings.label;
  }

  /** The provider's authorisation URL, and the sealed pending login to keep in the browser. */
  async login(): Promise<{ url: string; pendingLogin: string }> {
    const relyingParty = this.configured();
    try {
      const { url, pending } = await relyingParty.startLogin(this.clock.now().getTime(), PENDING_LOGIN_TTL_MS);
      return { url: url.href, pendingLogin: this.seal.seal(pending) };
    } catch (error) {
      if (error instanceof ProviderUnavailableError) {
        this.logger.warn(`single sign-on: the provider cannot be reached (${error.message}); the next sign-in tries again`);
        throw new SignInRefusal(HttpStatus.SERVICE_UNAVAILABLE, PROVIDER_DOWN);
      }
      throw error;
    }
  }

  /**
   * The provider's answer (`query`, the callback's query string), checked against the pending
   * login the browser kept, then the person: a session is started for them on `response`.
   * Resolves with their id.
   */
  async callback(request: Request, response: Response, query: string, sealedLogin: string | undefined): Promise<string> {
    const relyingParty = this.configured();
    // The answer at the redirect URI as registered: behind a proxy the request's own host and path may differ.
    const callbackUrl = new URL(relyingParty.redirectUri);
    callbackUrl.search = query;
    const pending = this.seal.open(sealedLogin, this.clock.now().getTime());
    if (!pending) {
      throw new SignInRefusal(HttpStatus.BAD_REQUEST, `This sign-in was not started in this browser, or took longer than 10 minutes. ${START_AGAIN}`);
    }
    this.checkAnswer(callbackUrl, pending);
    let claims: { idToken: Record<string, unknown>; userinfo?: Record<string, unknown> };
    try {
      claims = await relyingParty.finishLogin(callbackUrl, pending);
    } catch (error) {
      if (error instanceof ProviderUnavailableError) throw new SignInRefusal(HttpStatus.SERVICE_UNAVAILABLE, PROVIDER_DOWN);
      if (!(error instanceof CodeRefusedError)) throw error;
      this.logger.warn(`single sign-on refused: ${error.message}`);
      throw new SignInRefusal(HttpStatus.BAD_REQUEST, `Your council's sign-in service did not confirm this sign-in (it may have been used already). ${START_AGAIN}`);
    }
    const verifiedBy = relyingParty.settings.emailVerifiedClaim;
    const verified = verifiedEmailOf(claims.idToken, verifiedBy) ?? (claims.userinfo && verifiedEmailOf(claims.userinfo, verifiedBy));
    if (!verified) {
      throw new SignInRefusal(HttpStatus.FORBIDDEN, "Your council's sign-in service did not give the tracker your email address, so it cannot tell who you are. Ask your IT team.");
    }
    if ('refusal' in verified) {
      this.logger.warn(`single sign-on refused: the provider did not verify the email (subject ${String(claims.idToken.sub)})`);
      throw new SignInRefusal(HttpStatus.FORBIDDEN, verified.refusal);
    }
    const { state: directory } = await this.writePath.stateOf(peopleDecider, DIRECTORY_ID);
    const person = personByEmail(directory, verified.email);
    if (!person || !person.active) {
      this.logger.warn(`single sign-on refused: ${person ? `person ${person.id} is deactivated` : 'no person in the directory has that email'}`);
      throw new SignInRefusal(
        HttpStatus.FORBIDDEN,
        person
          ? `${verified.email} belongs to someone whose access to the tracker has been ended. If you need it again, ask an administrator.`
          : `Nobody with the email ${verified.email} is in the tracker's directory of people. Ask an administrator to add you.`,
      );
    }
    await this.sessions.start(request, response, person.id);
    this.logger.log(`single sign-on: person ${person.id} signed in`);
    return person.id;
  }

  /** The provider's answer must carry the state this browser was given, and a code (no error). */
  private checkAnswer(callbackUrl: URL, pending: PendingLogin): void {
    const answer = callbackUrl.searchParams;
    if (answer.get('state') !== pending.state) {
      throw new SignInRefusal(HttpStatus.BAD_REQUEST, `This sign-in answer does not belong to the sign-in started in this browser. ${START_AGAIN}`);
    }
    const error = answer.get('error');
    if (error !== null) {
      this.logger.warn(`single sign-on: the provider answered ${error}`);
      const said = answer.get('error_description');
      throw new SignInRefusal(HttpStatus.BAD_REQUEST, `Your council's sign-in service did not sign you in${said ? `: ${said}` : ''}. ${START_AGAIN}`);
    }
    if (!answer.get('code')) throw new SignInRefusal(HttpStatus.BAD_REQUEST, `The sign-in answer has no code. ${START_AGAIN}`);
  }

  private configured(): OpenIdRelyingParty {
    if (!this.relyingParty) throw new SignInRefusal(HttpStatus.NOT_FOUND, 'Single sign-on is not set up on this tracker: sign in with your email and password.');
    return this.relyingParty;
  }
}
