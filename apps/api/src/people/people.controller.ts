import { BadRequestException, Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PEOPLE_READERS, PLAN_ADMINS, type PeopleView, type PersonAnswer } from '@rag-ledger/contract';
import { PEOPLE_CSV_COLUMNS, readGlossary, readPeopleCsv } from '@rag-ledger/import';
import { Roles } from '../auth/decorators';
import { CommandResponses, ReadResponses } from '../common/api-docs';
import { AsOfQueryDto } from '../common/as-of-query.dto';
import { Ctx, type CommandContext, type CommandResult } from '../common/command-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ReadQueryDto } from '../common/read-query.dto';
import { AddPersonCommand, ChangeDirectoryCommand, type DirectoryChangeResult } from './commands/directory-commands';
import { ImportPeopleCommand, type PeopleImportResult } from './commands/import-people.command';
import { AddPersonDto, ReasonDto, RevisePersonDto, RightDto } from './dto/person.dto';
import { GetPersonQuery, ListPeopleQuery, ListUnmatchedOwnersQuery, type UnmatchedOwnersView } from './queries/people.queries';

const PERSON_EXAMPLE = {
  id: 'cs', name: 'Chris Snudden', initials: 'CS', jobTitle: 'Head of Education Achievement Service', email: 'chris.snudden@norfolk.gov.uk',
  active: true, rights: [{ role: 'owner', planId: 'EDU' }], plans: { owns: ['EDU'], actionsIn: ['EDU', 'LAC'] }, signIn: 'set-up',
};
const STAMP_EXAMPLE = { position: 1042, head: '9f2c4e...64 hex digits' };
const CHANGE_EXAMPLE = { id: 'cs', rights: [{ role: 'owner', planId: 'EDU' }], active: true, revision: 12, position: 1043 };

/**
 * The directory of people: who is who behind the initials the plans print, and the rights each
 * holds. Every change is an event in the log (actor, time, reason), so the directory can be read
 * as it stood on any date. Admins manage it; admins and auditors read it.
 */
@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Add a person to the directory (admin); without an id, the initials in lower case' })
  @CommandResponses(HttpStatus.CREATED)
  add(@Body() dto: AddPersonDto, @Ctx() ctx: CommandContext): Promise<CommandResult> {
    const { id, ...details } = dto;
    return this.commands.execute(new AddPersonCommand({ ...(id !== undefined ? { personId: id } : {}), ...details }, ctx));
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({
    summary: 'Import people from a CSV or from the glossary a plan prints (admin)',
    description:
      `text/csv: a header row naming the columns ${PEOPLE_CSV_COLUMNS.join(', ')} (job_title and email may be blank), one person a row. ` +
      'text/plain: the glossary of initials as the plans print it, one person a line ("CS Chris Snudden Head of Education Achievement Service", ' +
      'columns separated by tabs or by spaces; the name is told from the job title by the letters of the initials). ' +
      'Initials already in the directory revise that person with what the row gives; a repeated import changes nothing. ' +
      'All rows or none: a refusal (400 for the file, 422 for the directory\'s rules) lists each wrong row by its line in `problems`.',
  })
  @ApiConsumes('text/csv', 'text/plain')
  @ApiBody({ schema: { type: 'string', example: 'initials,name,job_title,email\nCS,Chris Snudden,Head of Education Achievement Service,chris.snudden@norfolk.gov.uk\n' } })
  @CommandResponses(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.OK, description: 'What the import did', schema: { example: { added: 15, revised: 0, unchanged: 0, position: 1057 } } })
  import(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Ctx() ctx: CommandContext): Promise<PeopleImportResult> {
    if (typeof body !== 'string' || body.trim() === '') throw new BadRequestException(['the list of people is empty']);
    const csv = (contentType ?? '').split(';')[0].trim().toLowerCase() === 'text/csv';
    const people = csv ? readPeopleCsv(body) : readGlossary(body);
    return this.commands.execute(new ImportPeopleCommand(people, csv ? 'CSV' : 'glossary', ctx));
  }

  @Get()
  @Roles(...PEOPLE_READERS)
  @ApiOperation({ summary: 'The directory, now or as it stood at the end of a date (admin, auditor): each person with the rights held then' })
  @ReadResponses({ asOf: '2013-12-01T23:59:59.999Z', people: [PERSON_EXAMPLE], stamp: STAMP_EXAMPLE }, false)
  list(@Query() query: AsOfQueryDto): Promise<PeopleView> {
    return this.queries.execute(new ListPeopleQuery(query.asOf));
  }

  @Get('unmatched-owners')
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Owners not in the directory (admin): each owner printed on a current action that matches nobody\'s initials, kept as printed' })
  @ReadResponses({ asOf: '2013-11-21T09:00:00.000Z', owners: [{ owner: 'AH', actions: 12, plans: ['LAC', 'SIP'] }], stamp: STAMP_EXAMPLE }, false)
  unmatchedOwners(@Query() _query: ReadQueryDto): Promise<UnmatchedOwnersView> {
    return this.queries.execute(new ListUnmatchedOwnersQuery());
  }

  @Get(':id')
  @Roles(...PEOPLE_READERS)
  @ApiOperation({ summary: 'One person, now or as at a date (admin, auditor), with the rights they held then' })
  @ReadResponses({ ...PERSON_EXAMPLE, asOf: '2013-12-01T23:59:59.999Z', stamp: STAMP_EXAMPLE })
  get(@Param('id', ParseIdPipe) personId: string, @Query() query: AsOfQueryDto): Promise<PersonAnswer> {
    return this.queries.execute(new GetPersonQuery(personId, query.asOf));
  }

  @Patch(':id')
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: "Revise a person's name, initials, job title or email (admin), with a reason" })
  @CommandResponses(HttpStatus.OK)
  revise(@Param('id', ParseIdPipe) personId: string, @Body() dto: RevisePersonDto, @Ctx() ctx: CommandContext): Promise<DirectoryChangeResult> {
    const { reason, ...changes } = dto;
    return this.commands.execute(new ChangeDirectoryCommand({ type: 'RevisePersonDetails', data: { personId, changes, reason } }, ctx));
  }

  @Post(':id/grants')
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Grant a right (admin): a council-wide role, or ownership of a plan (role owner with planId); answers the rights now' })
  @CommandResponses(HttpStatus.CREATED)
  @ApiResponse({ status: HttpStatus.CREATED, description: 'Granted (or already held): the rights held now', schema: { example: CHANGE_EXAMPLE } })
  grant(@Param('id', ParseIdPipe) personId: string, @Body() dto: RightDto, @Ctx() ctx: CommandContext): Promise<DirectoryChangeResult> {
    return this.commands.execute(new ChangeDirectoryCommand({ type: 'GrantRight', data: { personId, ...dto } }, ctx));
  }

  @Post(':id/revocations')
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Revoke a right (admin); it takes effect on the next request. Answers the rights now' })
  @CommandResponses(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.OK, description: 'Revoked: the rights held now', schema: { example: { ...CHANGE_EXAMPLE, rights: [] } } })
  revoke(@Param('id', ParseIdPipe) personId: string, @Body() dto: RightDto, @Ctx() ctx: CommandContext): Promise<DirectoryChangeResult> {
    return this.commands.execute(new ChangeDirectoryCommand({ type: 'RevokeRight', data: { personId, ...dto } }, ctx));
  }

  @Post(':id/deactivation')
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Deactivate a person (admin): they can no longer sign in; their rights are kept for the record' })
  @CommandResponses(HttpStatus.OK)
  deactivate(@Param('id', ParseIdPipe) personId: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext): Promise<DirectoryChangeResult> {
    return this.commands.execute(new ChangeDirectoryCommand({ type: 'DeactivatePerson', data: { personId, reason: dto.reason } }, ctx));
  }

  @Post(':id/reactivation')
  @HttpCode(HttpStatus.OK)
  @Roles(...PLAN_ADMINS)
  @ApiOperation({ summary: 'Reactivate a deactivated person (admin)' })
  @CommandResponses(HttpStatus.OK)
  reactivate(@Param('id', ParseIdPipe) personId: string, @Body() dto: ReasonDto, @Ctx() ctx: CommandContext): Promise<DirectoryChangeResult> {
    return this.commands.execute(new ChangeDirectoryCommand({ type: 'ReactivatePerson', data: { personId, reason: dto.reason } }, ctx));
  }
}
