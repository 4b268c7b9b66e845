import { Module } from '@nestjs/common';
import { Enrolment } from './enrolment';
import { InvitationsController } from './invitations.controller';
import { MeController } from './me.controller';
import { SessionController } from './session.controller';
import { TokensController } from './tokens.controller';

/** Local accounts: signing in and out, who am I, set-up links, personal API tokens (services in IdentityModule). */
@Module({
  controllers: [SessionController, MeController, InvitationsController, TokensController],
  providers: [Enrolment],
})
export class AccountsModule {}
