import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PersonalTokens, type PersonalTokenSummary } from '@rag-ledger/identity';
import { CurrentIdentity, SignedIn } from '../auth/decorators';
import type { RequestIdentity } from '../auth/identity';
import { CreateTokenDto } from './dto/accounts.dto';

const TOKEN_EXAMPLE = { id: '0b6f3c1e-8d1a-4f7e-9a52-3c4d5e6f7a8b', name: 'Monthly board report script', createdAt: '2013-11-21T09:00:00.000Z', lastUsedAt: '2013-12-01T07:00:02.000Z', expiresAt: '2014-02-19T09:00:00.000Z' };

/** The person a personal token is for: the caller from the directory (a development token is nobody's). */
function personIdOf(identity: RequestIdentity): string | undefined {
  return identity.kind === 'development-token' ? undefined : identity.person.id;
}

/**
 * Personal API tokens, for scripts and integrations: each person creates and names their own,
 * sees it once, and may list (with last use) and revoke only their own.
 */
@ApiTags('sign-in')
@ApiBearerAuth()
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: PersonalTokens) {}

  @Post()
  @SignedIn()
  @ApiOperation({ summary: 'Create a personal API token (shown once: keep it safe); it acts as you, with the rights you hold at each request' })
  @ApiResponse({ status: 201, description: 'Created', schema: { example: { ...TOKEN_EXAMPLE, lastUsedAt: undefined, token: 'rlp_9H3k...' } } })
  @ApiResponse({ status: 400, description: 'No name, or expiresInDays out of range' })
  @ApiResponse({ status: 403, description: 'A development token cannot create personal tokens: they belong to people in the directory' })
  create(@Body() dto: CreateTokenDto, @CurrentIdentity() identity: RequestIdentity): PersonalTokenSummary & { token: string } {
    const personId = personIdOf(identity);
    if (personId === undefined) throw new ForbiddenException('Personal tokens belong to people in the directory: sign in as yourself to create one (a development token is nobody in it).');
    return this.tokens.create(personId, dto.name, dto.expiresInDays);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Your personal tokens (never the tokens themselves): name, created, last used, expiry' })
  @ApiResponse({ status: 200, description: 'OK', schema: { example: [TOKEN_EXAMPLE] } })
  list(@CurrentIdentity() identity: RequestIdentity): PersonalTokenSummary[] {
    const personId = personIdOf(identity);
    return personId === undefined ? [] : this.tokens.list(personId);
  }

  @Delete(':id')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke one of your personal tokens: it stops working at once' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiResponse({ status: 404, description: 'You have no such token (or it was revoked already)' })
  revoke(@Param('id') id: string, @CurrentIdentity() identity: RequestIdentity): void {
    const personId = personIdOf(identity);
    if (personId === undefined || !this.tokens.revoke(personId, id)) throw new NotFoundException('You have no personal token with that id (it may have been revoked already).');
  }
}
