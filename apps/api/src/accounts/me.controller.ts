import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Right, SessionPerson } from '@rag-ledger/contract';
import { CurrentIdentity, CurrentPrincipal, SignedIn } from '../auth/decorators';
import type { RequestIdentity } from '../auth/identity';
import type { Principal } from '../auth/principal';
import { rightsView, sessionPersonOf } from './directory';

/**
 * The rights a development token gives: its one role, its plans when it is an owner's, and its
 * schools (`--schools`) as the directory would list them: a `school` token's own school, a
 * board token's named schools (besides the council-wide board role).
 */
const rightsOfToken = (principal: Principal): Right[] => [
  ...principal.roles.filter((role) => role !== 'owner' && role !== 'school').map((role) => ({ role })),
  ...(principal.roles.includes('owner') ? principal.plans.map((planId) => ({ role: 'owner' as const, planId })) : []),
  ...principal.roles.flatMap((role) => (role === 'school' || role === 'board' ? (principal.schools ?? []).map((urn) => ({ role, urn })) : [])),
];

@ApiTags('sign-in')
@Controller('me')
export class MeController {
  @Get()
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who you are and the rights you hold now (a session, a personal token or a development token)' })
  @ApiResponse({
    status: 200,
    description: 'OK',
    schema: { example: { person: { id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service' }, rights: [{ role: 'owner', planId: 'EDU' }] } },
  })
  @ApiResponse({ status: 401, description: 'Not signed in, and no valid token' })
  me(@CurrentIdentity() identity: RequestIdentity, @CurrentPrincipal() principal: Principal): { person: SessionPerson; rights: Right[] } {
    if (identity.kind === 'development-token') return { person: { id: principal.id, name: principal.name }, rights: rightsOfToken(principal) };
    return { person: sessionPersonOf(identity.person), rights: rightsView(identity.person) };
  }
}
