import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Sessions } from '@rag-ledger/identity';
import { Directory } from './directory';
import { setSessionCookie, sessionIdOf } from './session-cookie';
import { SIGN_IN_MESSAGES } from './sign-in-messages';

/** What the page is told when a session starts (the id itself is only in the cookie). */
export interface SessionStarted {
  csrfToken: string;
  /** The absolute expiry (ISO 8601): the session ends then however busy it is. */
  expiresAt: string;
}

/**
 * Starts a browser session for a person whose identity has been proved (a password checked
 * here, or a verified single sign-on callback) and sets the session cookie on the answer.
 * Refuses someone the directory no longer has or has deactivated (401). A session the browser
 * already had is ended: every sign-in gets a fresh id.
 */
@Injectable()
export class SessionStarter {
  constructor(
    private readonly sessions: Sessions,
    private readonly directory: Directory,
  ) {}

  async start(request: Request, response: Response, personId: string): Promise<SessionStarted> {
    const person = await this.directory.person(personId);
    if (!person) throw new UnauthorizedException(SIGN_IN_MESSAGES.notInDirectory);
    if (!person.active) throw new UnauthorizedException(SIGN_IN_MESSAGES.deactivated);
    const previous = sessionIdOf(request);
    if (previous !== undefined) this.sessions.end(previous);
    const session = this.sessions.start(person.id);
    setSessionCookie(request, response, session.sessionId, session.expiresAt);
    return { csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }
}
