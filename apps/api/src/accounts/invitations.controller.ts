import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PLAN_ADMINS } from '@rag-ledger/contract';
import { Public, Roles } from '../auth/decorators';
import { Ctx, type CommandContext } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { writeContextOf } from '../common/write-context-of';
import { AcceptInvitationDto, InvitePersonDto } from './dto/accounts.dto';
import { Enrolment } from './enrolment';
import type { IssuedLink } from './issue-link';

@ApiTags('sign-in')
@Controller()
export class InvitationsController {
  constructor(private readonly enrolment: Enrolment) {}

  @Post('people/:id/invitations')
  @Roles(...PLAN_ADMINS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Issue a set-up (or reset) link for a person (admin): single use, expiring; give it to them yourself' })
  @ApiResponse({ status: 201, description: 'The link (shown once) and when it expires', schema: { example: { link: 'http://localhost:3000/#/invitations/q5m0Xb3...', expiresAt: '2013-11-28T09:00:00.000Z' } } })
  @ApiResponse({ status: 404, description: 'Nobody in the directory with that id' })
  @ApiResponse({ status: 422, description: 'The person is deactivated, or has no email to sign in with' })
  invite(@Param('id', ParseIdPipe) personId: string, @Body() dto: InvitePersonDto, @Ctx() ctx: CommandContext): Promise<IssuedLink> {
    return this.enrolment.invite(personId, dto.purpose ?? 'invitation', writeContextOf(ctx));
  }

  @Post('invitations/:token/accept')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set your password with a set-up link: you may then sign in' })
  @ApiResponse({ status: 204, description: 'Password set' })
  @ApiResponse({ status: 400, description: 'The password is too short, too common, or contains your name or email (the message says which)' })
  @ApiResponse({ status: 410, description: 'The link was used already, has expired, was replaced by a newer one, or is not ours' })
  async accept(@Param('token') token: string, @Body() dto: AcceptInvitationDto, @Ctx() ctx: CommandContext): Promise<void> {
    await this.enrolment.accept(token, dto.password, ctx.correlationId);
  }
}
