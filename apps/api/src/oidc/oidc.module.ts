import { Module } from '@nestjs/common';
import { SingleSignOn } from './single-sign-on';
import { SingleSignOnController } from './single-sign-on.controller';

/**
 * Single sign-on with OpenID Connect (GET /api/auth/methods, /api/auth/oidc/login and
 * /callback). Sessions are identity's: its SessionStarter (IdentityModule) starts one for the
 * person found.
 */
@Module({ controllers: [SingleSignOnController], providers: [SingleSignOn] })
export class OidcModule {}
